import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startEmulator} from '../../../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../../../source/emulator/types.js';
import {json, killAll, spawnCli} from '../../../helpers/spawn-cli.js';

const secret = 'cli-secret-token-91b2';
let emulator: RunningEmulator | undefined;
let directory: string | undefined;

afterEach(async () => {
	await killAll();
	await emulator?.close();
	emulator = undefined;
	if (directory) {
		await rm(directory, {recursive: true, force: true});
		directory = undefined;
	}
});

const isLine = (type: string, fields: Record<string, unknown> = {}) => (line: string) => {
	const parsed = json(line);
	return parsed?.type === type && Object.entries(fields).every(([key, value]) => parsed[key] === value);
};

describe('c2c-status --json (the built CLI)', () => {
	it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('streams NDJSON, flips paused, and exits 0 on %s', async signal => {
		emulator = await startEmulator({port: 0, token: secret});
		const cli = spawnCli(['--json', '--api-url', emulator.url], {FRAMEIO_TOKEN: secret});
		await cli.waitForLine(isLine('socket', {state: 'joined'}), 'a joined socket');
		await cli.waitForLine(isLine('status', {paused: false, connected: true}), 'the first full status');
		emulator.control.pause();
		await cli.waitForLine(isLine('status', {paused: true}), 'paused: true');
		cli.child.kill(signal);
		expect(await cli.exited).toEqual({code: 0, signal: null});
		const lines = cli.stdout().trimEnd().split('\n');
		expect(lines.every(line => json(line) !== undefined)).toBe(true);
		expect(lines.at(-1)).toMatch(/"type":"socket","state":"closed".*"reason":"monitor stopped"/);
		expect(cli.stdout() + cli.stderr()).not.toContain(secret);
	});

	it('uses NDJSON without --json when stdout is not a terminal', async () => {
		emulator = await startEmulator({port: 0, token: secret});
		const cli = spawnCli(['--api-url', emulator.url], {FRAMEIO_TOKEN: secret});
		await cli.waitForLine(isLine('identity', {ok: true}), 'an identity line');
		cli.child.kill('SIGINT');
		expect((await cli.exited).code).toBe(0);
	});

	it('reads the token from --token-file', async () => {
		emulator = await startEmulator({port: 0, token: secret});
		directory = await mkdtemp(join(tmpdir(), 'c2c-status-cli-'));
		await writeFile(join(directory, 'token'), `${secret}\n`);
		const cli = spawnCli(['--api-url', emulator.url, '--token-file', join(directory, 'token')]);
		await cli.waitForLine(isLine('socket', {state: 'joined'}), 'a joined socket');
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);
		expect(cli.stdout()).not.toContain(secret);
	});

	it('reports a rejected token without printing it', async () => {
		emulator = await startEmulator({port: 0, token: secret});
		const wrong = 'wrong-token-5be1d';
		const cli = spawnCli(['--json', '--api-url', emulator.url], {FRAMEIO_TOKEN: wrong});
		const line = json(await cli.waitForLine(isLine('identity', {ok: false}), 'a failed identity'))!;
		expect(line).toMatchObject({kind: 'auth', httpStatus: 401});
		cli.child.kill('SIGINT');
		expect((await cli.exited).code).toBe(0);
		expect(cli.stdout()).not.toContain(wrong);
	});

	it.each([
		[['--bogus'], {}, 'c2c-status: unknown flag --bogus. See \'c2c-status --help\'.'],
		[['--health-interval', '1'], {FRAMEIO_TOKEN: 'x'}, 'c2c-status: --health-interval must be a number of seconds from 2 to 3600, got "1".'],
		[['--api-url', 'http://frameio.example'], {FRAMEIO_TOKEN: 'x'}, 'c2c-status: --api-url uses plain http:// to frameio.example, which would send the token unencrypted; use https:// or add --insecure.'],
		[['--json', '--token-file', '/nonexistent/token'], {}, 'c2c-status: cannot read token file /nonexistent/token: no such file'],
		[['extra'], {}, 'c2c-status: unexpected argument "extra". See \'c2c-status --help\'.'],
		[['--json'], {}, 'c2c-status: no access token: pair this device with c2c-status pair, or set FRAMEIO_TOKEN or --token-file (or use --demo for the built-in emulator).'],
		[['--api-url', 'https://api.frame.io'], {}, 'c2c-status: no access token: pair this device with c2c-status pair, or set FRAMEIO_TOKEN or --token-file (or use --demo for the built-in emulator).'],
		[[], {FRAMEIO_TOKEN: 'two words'}, 'c2c-status: FRAMEIO_TOKEN holds characters a token cannot have (spaces, control characters or non-ASCII).'],
		[['emulator', '--port', 'x'], {}, 'c2c-status emulator: --port must be a whole number from 0 to 65535, got "x".'],
	])('rejects %j with one line on stderr and exit code 2', async (args, env, message) => {
		const cli = spawnCli(args, env);
		expect((await cli.exited).code).toBe(2);
		expect(cli.stderr()).toBe(`${message}\n`);
		expect(cli.stdout()).toBe('');
	});

	it('runs the demo as NDJSON only when asked, and says so on stderr', async () => {
		const cli = spawnCli(['--demo', '--json']);
		await cli.waitForLine(isLine('socket', {state: 'joined'}), 'a joined socket');
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);
		expect(cli.stderr()).toMatch(/^c2c-status: demo: monitoring the built-in emulator at http:\/\/127\.0\.0\.1:\d+, not Frame\.io\n$/);
	});

	it('prints help and exits 0', async () => {
		const cli = spawnCli(['--help']);
		expect((await cli.exited).code).toBe(0);
		expect(cli.stdout()).toContain('--api-url URL');
		expect(cli.stdout()).toContain('Exit codes');
	});
});
