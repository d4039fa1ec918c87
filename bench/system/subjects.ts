import {closeSync, openSync} from 'node:fs';
import {join} from 'node:path';
import type {EmulatorProcess} from './emulator.js';
import {NdjsonTail} from './ndjson-tail.js';
import {build, cleanEnv, nodePath, repoRoot, spawnTracked} from './processes.js';
import type {Pane, TmuxServer} from './tmux.js';

/*
The processes under test, each started as a person would start it, in a clean environment whose
HOME and XDG folders are fresh temporary ones:
- the monitor with --json, its stdout a file;
- the monitor's live view in a tmux pane;
- the anchors: the bare client (bench/anchors/bare-client.mjs) and wscat in a tmux pane.
Each resolves once it is ready (joined, and for the monitor its first complete status known).
*/

export const columns = 120;
export const rows = 40;
const readyTimeoutMs = 30_000;

export type Subject = {
	readonly pid: number;
	/** Resolves with when (performance.now()) the device's pause became visible. */
	waitPaused(timeoutMs: number): Promise<number>;
	stop(): Promise<void>;
};

export type PaneSubject = Subject & {readonly pane: Pane};

export const wscatPath = join(repoRoot, 'node_modules', 'wscat', 'bin', 'wscat');

/** The live view's complete first screen: Paused and Connected known, the socket joined. */
export const completeScreen = (screen: string) => screen.includes('Paused: no') && screen.includes('Connected: yes') && screen.includes('joined for');
export const pausedScreen = (screen: string) => screen.includes('Paused: yes');

export async function startBareClient(emulator: EmulatorProcess, home: string): Promise<Subject> {
	const client = spawnTracked(nodePath, [join(repoRoot, 'bench', 'anchors', 'bare-client.mjs'), emulator.socketUrl(), emulator.deviceId], {env: cleanEnv(home)});
	await client.waitForLine(text => text === 'joined', 'the bare client\'s join', readyTimeoutMs);
	return {
		pid: client.pid,
		async waitPaused(timeoutMs) {
			return (await client.waitForLine(text => text.startsWith('paused'), 'the bare client to see the pause', timeoutMs)).at;
		},
		stop: async () => client.stop(),
	};
}

export type JsonSubject = Subject & {readonly tail: NdjsonTail};

/** `node dist/cli.js --json --api-url URL [args]` with stdout to `file`; ready once joined and not paused. */
type JsonOptions = {readonly args?: readonly string[]; readonly env?: Record<string, string>; readonly waitReady?: boolean};

export async function startJsonMonitor(emulator: EmulatorProcess, home: string, file: string, options: JsonOptions = {}): Promise<JsonSubject> {
	const stdout = openSync(file, 'w');
	const stderr = openSync(`${file}.stderr`, 'w');
	const monitor = spawnTracked(nodePath, [build.monitor, '--json', '--api-url', emulator.url, ...(options.args ?? [])], {
		env: cleanEnv(home, options.env ?? {FRAMEIO_TOKEN: emulator.token}),
		stdio: ['ignore', stdout, stderr],
	});
	closeSync(stdout);
	closeSync(stderr);
	const tail = new NdjsonTail(file);
	const subject: JsonSubject = {
		pid: monitor.pid,
		tail,
		async waitPaused(timeoutMs) {
			return (await tail.waitFor('"type":"status"', line => line.paused === true, {what: 'the NDJSON status line with "paused":true', timeoutMs})).at;
		},
		async stop() {
			await monitor.stop();
			tail.close();
		},
	};
	if (options.waitReady ?? true) {
		try {
			let joined = false;
			let status = false;
			await tail.waitFor('"type":"', line => {
				joined ||= line.type === 'socket' && line.state === 'joined';
				status ||= line.type === 'status' && line.paused === false && line.connected === true;
				return joined && status;
			}, {what: 'a joined socket and a status line with "paused":false,"connected":true', timeoutMs: readyTimeoutMs, intervalMs: 20});
		} catch (error) {
			await subject.stop();
			throw error;
		}
	}

	return subject;
}

/** The live view in a 120x40 tmux pane; ready at its complete first screen. */
type TuiOptions = {readonly args?: readonly string[]; readonly env?: Record<string, string>; readonly pipeTo?: string; readonly ready?: (screen: string) => boolean};

export async function startTuiMonitor(tmux: TmuxServer, emulator: EmulatorProcess, home: string, options: TuiOptions = {}): Promise<PaneSubject> {
	const pane = await tmux.session([nodePath, build.monitor, '--api-url', emulator.url, ...(options.args ?? [])], {
		columns, rows, label: 'tui', env: cleanEnv(home, options.env ?? {FRAMEIO_TOKEN: emulator.token}),
		...(options.pipeTo === undefined ? {} : {pipeTo: options.pipeTo}),
	});
	try {
		await pane.waitFor(options.ready ?? completeScreen, 'the live view\'s complete first screen', readyTimeoutMs, 20);
	} catch (error) {
		await pane.close();
		throw error;
	}

	return {
		pid: pane.pid,
		pane,
		async waitPaused(timeoutMs) {
			return (await pane.waitFor(pausedScreen, '"Paused: yes"', timeoutMs, 20)).at;
		},
		stop: async () => pane.close(),
	};
}

/** `wscat -c URL -x <join> -w -1`: prints every frame; ready once the join's reply is on screen. */
export function wscatArgs(emulator: EmulatorProcess): string[] {
	const join = JSON.stringify({topic: `devices:${emulator.deviceId}`, event: 'phx_join', payload: {}, ref: '1'});
	return [nodePath, wscatPath, '-c', emulator.socketUrl(), '-x', join, '-w', '-1'];
}

export const wscatJoined = (screen: string) => screen.includes('"phx_reply"');
export const wscatPaused = (screen: string) => screen.includes('"payload":"paused"');

export async function startWscat(tmux: TmuxServer, emulator: EmulatorProcess, home: string): Promise<PaneSubject> {
	const pane = await tmux.session(wscatArgs(emulator), {columns, rows, label: 'wscat', env: cleanEnv(home)});
	try {
		await pane.waitFor(wscatJoined, 'wscat\'s join reply', readyTimeoutMs, 20);
	} catch (error) {
		await pane.close();
		throw error;
	}

	return {
		pid: pane.pid,
		pane,
		async waitPaused(timeoutMs) {
			return (await pane.waitFor(wscatPaused, 'wscat printing the pause', timeoutMs, 20)).at;
		},
		stop: async () => pane.close(),
	};
}
