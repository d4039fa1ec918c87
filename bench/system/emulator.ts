import {performance} from 'node:perf_hooks';
import type {EmulatorState, FloodResult} from '../../source/emulator/types.js';
import {build, cleanEnv, nodePath, spawnTracked, type Tracked} from './processes.js';

/*
`c2c-status emulator` in a process of its own, as a person starts it (`node dist/cli.js emulator
--port 0 --quiet`), so its CPU is never counted in a monitor's figures. Driven over its HTTP
control API, flood included.
*/

export type Flood = {
	/** Performance.now() just before the request was sent. */
	readonly startedAt: number;
	/** The emulator's answer, once every frame is written and the device paused. */
	readonly done: Promise<FloodResult>;
};

export class EmulatorProcess {
	/** `devices` > 1: tokens `<token>`, `<token>-2` …, as `--devices` makes them. */
	static async start(home: string, options: {token: string; devices?: number}): Promise<EmulatorProcess> {
		const args = [build.emulator,
			'emulator',
			'--port',
			'0',
			'--quiet',
			'--token',
			options.token,
			'--idle-timeout',
			'3600',
			...(options.devices === undefined ? [] : ['--devices', String(options.devices)])];
		const process = spawnTracked(nodePath, args, {env: cleanEnv(home)});
		const line = await process.waitForLine(text => text.includes('listening on http://'), 'the emulator\'s URL', 20_000);
		const url = /(http:\/\/\S+)/.exec(line.text)![1]!;
		const emulator = new EmulatorProcess(process, url, options.token);
		emulator.deviceIds = (await emulator.state()).devices.map(device => device.id);
		return emulator;
	}

	deviceIds: readonly string[] = [];

	private constructor(readonly process: Tracked, readonly url: string, readonly token: string) {}

	get deviceId(): string {
		return this.deviceIds[0]!;
	}

	/** The device socket's URL for a token (the first device's by default). */
	socketUrl(token = this.token): string {
		return `${this.url.replace(/^http/, 'ws')}/devices/websocket?Authorization=Bearer%20${encodeURIComponent(token)}`;
	}

	async post(path: string, body: unknown = {}): Promise<unknown> {
		const response = await fetch(`${this.url}/_emulator/${path}`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
		const text = await response.text();
		if (!response.ok) {
			throw new Error(`emulator: POST /_emulator/${path} answered ${response.status}: ${text}`);
		}

		return JSON.parse(text) as unknown;
	}

	async state(): Promise<EmulatorState> {
		const response = await fetch(`${this.url}/_emulator/state`);
		return await response.json() as EmulatorState;
	}

	/** How many open sockets have joined their device's topic. */
	async joinedSockets(): Promise<number> {
		const state = await this.state();
		return state.connections.filter(connection => connection.joinedTopics.length > 0).length;
	}

	/** Starts a flood (default: 100,000 frames of ~60 bytes, then pause); the answer comes when it is done. */
	flood(body: Record<string, unknown> = {}): Flood {
		const startedAt = performance.now();
		const done = this.post('flood', body) as Promise<FloodResult>;
		// The caller awaits it later: until then a failure must not count as an unhandled rejection.
		// eslint-disable-next-line promise/prefer-await-to-then -- attaching a handler, not waiting
		done.catch(() => undefined);
		return {startedAt, done};
	}

	async stop(): Promise<void> {
		await this.process.stop();
	}
}
