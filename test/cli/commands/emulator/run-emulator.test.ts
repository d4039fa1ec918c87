import process from 'node:process';
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import type {EmulatorCommandOptions} from '../../../../source/cli/commands/emulator/run-emulator.js';
import {cleanup, getJson, postJson, startTestEmulator} from '../../../helpers/emulator-fixture.js';
import {TestSocket} from '../../../helpers/ws-client.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const children = new Set<ChildProcessWithoutNullStreams>();

afterEach(async () => {
	for (const child of children) {
		child.kill('SIGKILL');
	}

	children.clear();
	await cleanup();
});

type Run = {
	readonly child: ChildProcessWithoutNullStreams;
	readonly exit: Promise<number | null>;
	stdout(): string;
	stderr(): string;
	/** Resolves with the first stdout line matching. */
	line(pattern: RegExp, timeoutMs?: number): Promise<string>;
};

function run(options: Partial<EmulatorCommandOptions>): Run {
	const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/run-emulator-main.ts', JSON.stringify(options)], {cwd: root});
	children.add(child);
	let out = '';
	let error = '';
	const watchers: Array<() => void> = [];
	child.stdout.on('data', chunk => {
		out += String(chunk);
		for (const watcher of watchers) {
			watcher();
		}
	});
	child.stderr.on('data', chunk => {
		error += String(chunk);
	});
	const exit = new Promise<number | null>(resolve => {
		child.on('exit', code => {
			children.delete(child);
			resolve(code);
		});
	});
	return {
		child,
		stdout: () => out,
		stderr: () => error,
		exit,
		async line(pattern, timeoutMs = 15_000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					reject(new Error(`no line matching ${String(pattern)} in:\n${out}\n${error}`));
				}, timeoutMs);
				const check = () => {
					const found = out.split('\n').find(candidate => pattern.test(candidate));
					if (found !== undefined) {
						clearTimeout(timer);
						watchers.splice(watchers.indexOf(check), 1);
						resolve(found);
					}
				};

				watchers.push(check);
				check();
				void (async () => {
					await exit;
					if (watchers.includes(check)) {
						clearTimeout(timer);
						reject(new Error(`exited before a line matching ${String(pattern)}:\n${out}\n${error}`));
					}
				})();
			});
		},
	};
}

const listening = /^c2c-status emulator listening on (http:\/\/\S+)$/;

async function urlOf(emulator: Run): Promise<string> {
	return listening.exec(await emulator.line(listening))![1]!;
}

describe('runEmulator (spawned)', () => {
	it('prints its URL and help, logs control calls, and exits 0 on SIGTERM', async () => {
		const emulator = run({});
		const url = await urlOf(emulator);
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect((await getJson(`${url}/health`)).body).toEqual({ok: true});
		expect((await getJson(`${url}/v2/devices/me`, {headers: {authorization: 'Bearer demo'}})).body).toMatchObject({id: '7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001'});
		const text = emulator.stdout();
		expect(text).toContain('7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001');
		expect(text).toContain('"demo" (the default');
		expect(text).toContain(`${url.replace('http', 'ws')}/devices/websocket?Authorization=Bearer%20demo`);
		expect(text).toContain('/_emulator/');

		expect((await postJson(`${url}/_emulator/pause`)).status).toBe(200);
		expect(await emulator.line(/^\d\d:\d\d:\d\d {2}control: POST \/_emulator\/pause$/)).toBeTruthy();

		// An open socket (and fetch's keep-alive connection) must not keep the process alive.
		const socket = await TestSocket.open(`${url.replace('http', 'ws')}/devices/websocket?Authorization=Bearer%20demo`);
		expect(await emulator.line(/socket #1 opened/)).toBeTruthy();
		emulator.child.kill('SIGTERM');
		expect(await emulator.exit).toBe(0);
		expect((await socket.closed).code).toBe(1006);
		expect(emulator.stdout()).toMatch(/SIGTERM: shutting down/);
		expect(emulator.stderr()).toBe('');
	});

	it('exits 0 on SIGINT and never echoes a token given with --token', async () => {
		const emulator = run({token: 'secret-token-123', deviceId: 'my-device', quiet: true});
		const url = await urlOf(emulator);
		const identity = await getJson(`${url}/v2/devices/me`, {headers: {authorization: 'Bearer secret-token-123'}});
		expect(identity.body).toMatchObject({id: 'my-device'});
		expect((await getJson(`${url}/v2/devices/me`, {headers: {authorization: 'Bearer demo'}})).status).toBe(401);
		await postJson(`${url}/_emulator/pause`);
		emulator.child.kill('SIGINT');
		expect(await emulator.exit).toBe(0);
		expect(emulator.stdout()).not.toContain('secret-token-123');
		expect(emulator.stdout()).toContain('the one given with --token');
		expect(emulator.stdout()).toContain('my-device');
		// Quiet: no event log lines.
		expect(emulator.stdout()).not.toMatch(/^\d\d:\d\d:\d\d/m);
	});

	it('runs the demo scenario when asked', async () => {
		const emulator = run({demo: true});
		await urlOf(emulator);
		expect(await emulator.line(/demo: normal/)).toBeTruthy();
		emulator.child.kill('SIGTERM');
		expect(await emulator.exit).toBe(0);
	});

	it('applies the options (health shape, strict rate limit, idle timeout)', async () => {
		const emulator = run({healthShape: 'status', strictRateLimit: true, idleTimeoutSeconds: 1, quiet: true});
		const url = await urlOf(emulator);
		const socket = await TestSocket.open(`${url.replace('http', 'ws')}/devices/websocket?Authorization=Bearer%20demo`);
		expect(await socket.closed).toEqual({code: 1000, reason: 'idle timeout'});
		expect((await getJson(`${url}/health`)).body).toEqual({status: 'ok'});
		const state = (await getJson(`${url}/_emulator/state`)).body as {strictRateLimit: boolean; health: {shape: string}};
		expect(state).toMatchObject({strictRateLimit: true, health: {shape: 'status'}});
		emulator.child.kill('SIGTERM');
		expect(await emulator.exit).toBe(0);
	});

	it('exits 1 with one clear line when the port is in use', async () => {
		const {emulator: busy} = await startTestEmulator();
		const emulator = run({port: busy.port});
		expect(await emulator.exit).toBe(1);
		expect(emulator.stderr()).toBe(`c2c-status emulator: port ${busy.port} on 127.0.0.1 is already in use (choose another with --port)\n`);
		expect(emulator.stdout()).toBe('');
	});

	it('exits 1 with one clear line for a host it cannot listen on', async () => {
		const emulator = run({host: '192.0.2.1'});
		expect(await emulator.exit).toBe(1);
		expect(emulator.stderr()).toMatch(/^c2c-status emulator: cannot listen on host 192\.0\.2\.1 \(EADDRNOTAVAIL\); try --host 127\.0\.0\.1\n$/);
	});
});
