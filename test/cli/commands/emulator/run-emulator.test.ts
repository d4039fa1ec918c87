import {readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import process from 'node:process';
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import type {EmulatorCommandOptions} from '../../../../source/cli/commands/emulator/run-emulator.js';
import {cleanup, getJson, postJson, startTestEmulator} from '../../../helpers/emulator-fixture.js';
import {TestSocket} from '../../../helpers/ws-client.js';
import {temporaryDirectory, cleanup as cleanupFolders} from '../../../helpers/monitor-fixture.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const children = new Set<ChildProcessWithoutNullStreams>();

afterEach(async () => {
	for (const child of children) {
		child.kill('SIGKILL');
	}

	children.clear();
	await cleanup();
	await cleanupFolders();
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

	it('--audit: logs a broken rule as it happens (even with --quiet), answers GET /_emulator/audit, prints the table and writes the report at exit', async () => {
		const path = join(await temporaryDirectory(), 'reports', 'audit.json');
		const emulator = run({audit: true, auditReport: path, quiet: true});
		const url = await urlOf(emulator);
		expect(await emulator.line(/^ {2}audit {5}GET {2}http:\/\/\S+\/_emulator\/audit for the verdicts so far/)).toContain(`and written to ${path}`);
		// No x-client-version: broken at once, one line.
		expect((await getJson(`${url}/v2/devices/me`, {headers: {authorization: 'Bearer demo', 'user-agent': 'bad-cam/0.1'}})).status).toBe(200);
		const line = await emulator.line(/audit: .* broke client-version/);
		const version = String.raw`1 of 1 request to \/v2\/\* and \/health without a semantic x-client-version; first: GET \/v2\/devices\/me at \S+ without x-client-version`;
		expect(line).toMatch(new RegExp(String.raw`^\d\d:\d\d:\d\d {2}audit: 7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001 \(bad-cam\/0\.1\) broke client-version: ${version}$`));
		const live = await getJson(`${url}/_emulator/audit`);
		const rules = expect.arrayContaining([expect.objectContaining({rule: 'client-version', verdict: 'broken'})]) as unknown;
		expect(live.body).toMatchObject({clients: [{deviceId: '7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001', rules}]});

		emulator.child.kill('SIGTERM');
		expect(await emulator.line(/^audit report written to /)).toBe(`audit report written to ${path}`);
		expect(await emulator.exit).toBe(0);
		expect(emulator.stdout()).toMatch(/^Audit of 7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001 \(bad-cam\/0\.1\): 1 broken, 0 warning, 0 kept, 12 not-seen$/m);
		expect(emulator.stdout()).toMatch(/^ {2}identity-rate {10}not-seen {2}1 identity request, never two with the same token$/m);
		const saved = JSON.parse(await readFile(path, 'utf8')) as {clients: Array<{rules: unknown[]}>};
		expect(saved.clients[0]!.rules).toHaveLength(13);
		expect(((await stat(path)).mode % 0o1000).toString(8)).toBe('644');
		expect(emulator.stderr()).toBe('');
	});

	it('--audit-exercise: prints the schedule, waits for a device to join its topic, and says when each step comes', async () => {
		const emulator = run({audit: true, auditExercise: true, tokenTtlSeconds: 300});
		const url = await urlOf(emulator);
		expect(await emulator.line(/access tokens from pairing and refresh last 300 s \(--token-ttl\)/)).toBeTruthy();
		expect(emulator.stdout()).toContain('  exercise  about 10 minutes from the moment a device first joins its topic, then the report and exit:');
		expect(emulator.stdout()).toMatch(/^ {13}\+6:00 {2}socket closed \(1000\) and every upgrade answered 403 for 90 s/m);
		const socket = await TestSocket.open(`${url.replace('http', 'ws')}/devices/websocket?Authorization=Bearer%20demo`);
		socket.sendJson({topic: 'devices:7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001', event: 'phx_join', payload: '', ref: '1'});
		expect(await emulator.line(/exercise: a device joined its topic: the exercise starts$/)).toBeTruthy();
		expect(await emulator.line(/exercise started; \d\d:\d\d:\d\d pause, .* \d\d:\d\d:\d\d end$/)).toBeTruthy();
		emulator.child.kill('SIGINT');
		expect(await emulator.line(/^Audit of 7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001 \(no user agent\): /)).toBeTruthy();
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
