import {randomBytes} from 'node:crypto';
import {rmSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import process from 'node:process';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {MonitorConfig} from '../core/monitor-config.js';
import {startDemoScenario} from '../emulator/demo-scenario.js';
import {startEmulator} from '../emulator/start-emulator.js';

export type Demo = {
	readonly config: MonitorConfig;
	/** The emulator's base URL. */
	readonly url: string;
	/** When the demo timeline started, for "what happens next" hints. */
	readonly startedAt: number;
	close(): Promise<void>;
};

/**
The demo: the embedded emulator on a free loopback port, running the demo timeline, and a config
that points the monitor at it. The token lives in a throwaway token file that the demo rewrites
when it renews the token, as a capture application would. Nothing is read from or written to the
person's own configuration or state.
*/
/** Writes the demo's token file as the software that refreshes tokens would; a failure only ends the demo's renewal. */
async function writeToken(path: string, token: string): Promise<void> {
	try {
		await writeFile(path, `${token}\n`, {mode: 0o600});
	} catch {}
}

export async function startDemo(options: {readonly healthIntervalMs: number; readonly clientVersion: string}): Promise<Demo> {
	const token = `demo-${randomBytes(12).toString('hex')}`;
	const directory = await mkdtemp(join(tmpdir(), 'c2c-status-demo-'));
	// However the process ends, the throwaway token file goes with it.
	const removeDirectory = () => {
		rmSync(directory, {recursive: true, force: true});
	};

	process.once('exit', removeDirectory);
	const tokenFile = join(directory, 'access-token');
	await writeToken(tokenFile, token);
	const emulator = await startEmulator({port: 0, host: '127.0.0.1', token});
	const scenario = startDemoScenario(emulator.control, {
		onTokenIssued(renewed) {
			void writeToken(tokenFile, renewed);
		},
	});
	return {
		config: {apiUrl: new URL(emulator.url), token: {kind: 'file', path: tokenFile}, clientVersion: options.clientVersion, healthIntervalMs: options.healthIntervalMs},
		url: emulator.url,
		startedAt: Date.now(),
		async close() {
			scenario.stop();
			await emulator.close();
			await rm(directory, {recursive: true, force: true});
			process.off('exit', removeDirectory);
		},
	};
}
