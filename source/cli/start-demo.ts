import {randomBytes} from 'node:crypto';
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
that points the monitor at it with a throwaway token.
*/
export async function startDemo(options: {readonly healthIntervalMs: number; readonly clientVersion: string}): Promise<Demo> {
	const token = `demo-${randomBytes(12).toString('hex')}`;
	const emulator = await startEmulator({port: 0, host: '127.0.0.1', token});
	const scenario = startDemoScenario(emulator.control);
	return {
		config: {apiUrl: new URL(emulator.url), token: {kind: 'fixed', token, label: 'demo token (local emulator)'}, clientVersion: options.clientVersion, healthIntervalMs: options.healthIntervalMs},
		url: emulator.url,
		startedAt: Date.now(),
		async close() {
			scenario.stop();
			await emulator.close();
		},
	};
}
