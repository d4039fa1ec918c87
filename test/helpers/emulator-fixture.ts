import {setImmediate as nextMacrotask} from 'node:timers/promises';
import {startEmulator} from '../../source/emulator/start-emulator.js';
import type {EmulatorOptions, RunningEmulator} from '../../source/emulator/types.js';
import {ManualClock} from '../../support/manual-clock.js';
import {closeAllTestSockets, TestSocket} from './ws-client.js';

const running = new Set<RunningEmulator>();

export type EmulatorFixture = {
	readonly emulator: RunningEmulator;
	readonly clock: ManualClock;
	/** ws://…/devices/websocket?Authorization=Bearer%20<token> */
	socketUrl(token?: string): string;
	/** Opens a device socket with the token (default "demo"). */
	openSocket(token?: string): Promise<TestSocket>;
	/** Opens a device socket and joins `devices:<deviceId>`. */
	joinedSocket(token?: string, deviceId?: string): Promise<TestSocket>;
};

/** Starts an emulator on a free port with a ManualClock (unless one is given); closed by `cleanup()`. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<EmulatorFixture> {
	const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock();
	const emulator = await startEmulator({port: 0, clock, ...options});
	running.add(emulator);
	const socketUrl = (token = 'demo') => `${emulator.url.replace(/^http/, 'ws')}/devices/websocket?Authorization=Bearer%20${encodeURIComponent(token)}`;
	return {
		emulator,
		clock,
		socketUrl,
		openSocket: async token => TestSocket.open(socketUrl(token)),
		async joinedSocket(token, deviceId) {
			const socket = await TestSocket.open(socketUrl(token));
			const id = deviceId ?? emulator.control.state().devices[0]!.id;
			socket.sendJson({topic: `devices:${id}`, event: 'phx_join', payload: {}, ref: 'join'});
			const reply = await socket.nextJson();
			if ((reply.payload as {status?: string}).status !== 'ok') {
				throw new Error(`join failed: ${JSON.stringify(reply)}`);
			}

			return socket;
		},
	};
}

/** For afterEach: closes every test socket and every emulator. */
export async function cleanup(): Promise<void> {
	await closeAllTestSockets();
	const emulators = [...running];
	running.clear();
	await Promise.all(emulators.map(async emulator => emulator.close()));
}

/** Waits, one macrotask at a time, until the condition holds (for server-side effects with no event to await). */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting until ${what}`);
		}

		await nextMacrotask();
	}
}

export async function getJson(url: string, init?: RequestInit): Promise<{status: number; headers: Headers; body: unknown; text: string}> {
	const response = await fetch(url, init);
	const text = await response.text();
	return {status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) as unknown, text};
}

export async function postJson(url: string, body?: unknown): Promise<{status: number; headers: Headers; body: unknown; text: string}> {
	return getJson(url, {
		method: 'POST',
		headers: {'content-type': 'application/json'},
		...(body === undefined ? {} : {body: typeof body === 'string' ? body : JSON.stringify(body)}),
	});
}

export type FormEncoding = 'multipart' | 'urlencoded';

export async function postForm(url: string, fields: Readonly<Record<string, string>>, encoding: FormEncoding = 'multipart'): Promise<{status: number; body: Record<string, unknown>}> {
	let body: FormData | URLSearchParams;
	if (encoding === 'multipart') {
		body = new FormData();
		for (const [key, value] of Object.entries(fields)) {
			body.append(key, value);
		}
	} else {
		body = new URLSearchParams(fields);
	}

	const response = await fetch(url, {method: 'POST', body});
	return {status: response.status, body: await response.json() as Record<string, unknown>};
}
