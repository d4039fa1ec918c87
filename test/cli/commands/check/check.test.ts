import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startEmulator} from '../../../../source/emulator/start-emulator.js';
import type {EmulatorOptions, RunningEmulator} from '../../../../source/emulator/types.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {writeCredentials} from '../../../../source/core/token/credentials-file.js';
import type {EmulatorFixture} from '../../../helpers/emulator-fixture.js';
import {pairedCredentials} from '../../../helpers/paired-credentials.js';
import {killAll, spawnCli} from '../../../helpers/spawn-cli.js';

const emulators: RunningEmulator[] = [];

afterEach(async () => {
	await killAll();
	await Promise.all(emulators.splice(0).map(async emulator => emulator.close()));
	await cleanup();
});

const token = 'check-token-6d1f0b';

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const running = await startEmulator({port: 0, token, ...options});
	emulators.push(running);
	return running;
}

/** Each check with a state folder of its own, unless told to share one. */
async function check(url: string, args: string[] = [], stateHome?: string) {
	const cli = spawnCli(['check', '--api-url', url, ...args], {FRAMEIO_TOKEN: token, XDG_STATE_HOME: stateHome ?? join(await temporaryDirectory(), 'state')});
	const {code} = await cli.exited;
	return {code, stdout: cli.stdout(), stderr: cli.stderr()};
}

describe('c2c-status check (the built CLI)', () => {
	it('is OK (0) when Frame.io answers, the socket joins and the device is not paused', async () => {
		const {url} = await emulator();
		const result = await check(url);
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toMatch(/^C2C OK - joined devices:7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001, not paused, health \d+ ms \| health=\d+ms;;;0 join=\d+ms;;;0 identity_age=0s;;;0\n$/);
		expect(result.stdout).not.toContain(token);
	});

	it('answers one JSON object with --json, and skips the socket with --no-socket', async () => {
		const {url} = await emulator();
		const json = JSON.parse((await check(url, ['--json', '--no-socket'])).stdout) as Record<string, unknown>;
		expect(json).toMatchObject({status: 'OK', joined: false, paused: false, connected: true, device: {id: '7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001', project: 'Demo project'}});
		expect(json.summary).toMatch(/^not paused, health \d+ ms$/);
	});

	it('is a WARNING (1) when the device is paused', async () => {
		const running = await emulator();
		running.control.pause();
		const result = await check(running.url);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/^C2C WARNING - paused, joined devices:7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001, health \d+ ms \|/);
	});

	it('is a WARNING (1) when the device\'s authorization ends within the hour', async () => {
		const expiresAt = new Date(Date.now() + (30 * 60_000)).toISOString();
		const running = await emulator({devices: [{id: '7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001', token, expiresAt}]});
		const result = await check(running.url);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/^C2C WARNING - the device's authorization expires at \d{4}-\d\d-\d\dT[\d:.]+Z, joined devices:/);
	});

	it('is a WARNING (1) when owned credentials expire within the hour and their refresh fails, and OK once it works', async () => {
		const running = await emulator();
		const path = join(await temporaryDirectory(), 'credentials.json');
		const paired = await pairedCredentials({emulator: running, clock: {now: () => Date.now()}} as unknown as EmulatorFixture, path);
		// An 8-hour token with three minutes left: its refresh is due at once, and the auth endpoints answer 503 for a minute.
		const expiresAt = Date.now() + (3 * 60_000);
		await writeCredentials(path, {...paired, issuedAt: expiresAt - (8 * 3_600_000), expiresAt});
		running.control.setFaults({authUnavailableForSeconds: 60});
		const failing = await check(running.url, ['--credentials', path]);
		expect(failing.code).toBe(1);
		expect(failing.stdout).toMatch(/^C2C WARNING - the token expires in [23] min and its refresh is failing \(.*503/);
		expect(failing.stdout).not.toContain(paired.refreshToken);

		running.control.setFaults({authUnavailableForSeconds: 0});
		const working = await check(running.url, ['--credentials', path]);
		expect(working.code).toBe(0);
	});

	it('is CRITICAL (2) when /health fails, the token is rejected, or the join is refused', async () => {
		const running = await emulator();
		running.control.setHealth(false);
		expect(await check(running.url)).toMatchObject({code: 2, stdout: expect.stringMatching(/^C2C CRITICAL - \/health failing: HTTP 503/) as string});
		running.control.setHealth(true);
		running.control.setFaults({refuseJoins: true});
		expect(await check(running.url)).toMatchObject({code: 2, stdout: expect.stringMatching(/^C2C CRITICAL - join refused: unauthorized/) as string});
		running.control.setFaults({reset: true});
		running.control.expireToken();
		expect(await check(running.url)).toMatchObject({code: 2, stdout: expect.stringMatching(/^C2C CRITICAL - the token was rejected \(HTTP 401/) as string});
	});

	it('is UNKNOWN (3) on bad usage, with no token, or when nothing answers in time', async () => {
		const running = await emulator();
		expect(await check(running.url, ['--timeout', 'soon'])).toMatchObject({code: 3, stdout: 'C2C UNKNOWN - --timeout must be a number of seconds from 1 to 300, got "soon".\n'});
		const none = spawnCli(['check', '--api-url', running.url]);
		expect((await none.exited).code).toBe(3);
		expect(none.stdout()).toMatch(/^C2C UNKNOWN - no access token/);
		running.control.setFaults({httpLatencyMs: 5000});
		const slow = await check(running.url, ['--timeout', '1']);
		expect(slow).toMatchObject({code: 3, stdout: 'C2C UNKNOWN - no answer within the timeout: waited for /health and the identity and the socket to join\n'});
	});

	it('answers UNKNOWN (3) as one JSON object of the usual shape with --json, even when the flags themselves are refused', async () => {
		const running = await emulator();
		const ok = JSON.parse((await check(running.url, ['--json', '--no-socket'])).stdout) as Record<string, unknown>;
		for (const [args, summary] of [
			[['--json', '--bogus'], 'unknown flag --bogus. See \'c2c-status check --help\'.'],
			[['--timeout', 'soon', '--json'], '--timeout must be a number of seconds from 1 to 300, got "soon".'],
			// --json is not the value of --token-file: that flag is refused for having none.
			[['--token-file', '--json'], '--token-file needs a value. See \'c2c-status check --help\'.'],
		] as const) {
			const result = await check(running.url, [...args]);
			expect(result.code, args.join(' ')).toBe(3);
			expect(result.stdout.endsWith('\n') && result.stdout.indexOf('\n') === result.stdout.length - 1, args.join(' ')).toBe(true);
			const json = JSON.parse(result.stdout) as Record<string, unknown>;
			expect(json).toEqual({
				status: 'UNKNOWN', summary, perf: {}, device: null, paused: null, pausedConfirmed: false, connected: null, joined: false, identityOrigin: null, tokenSource: null,
				tokenExpiresAt: null,
			});
			expect(Object.keys(json)).toEqual(Object.keys(ok));
		}

		// Without --json (or with it only after "--", or as a value), the plugin line as ever.
		expect((await check(running.url, ['--token-file=--json', '--bogus'])).stdout).toBe('C2C UNKNOWN - unknown flag --bogus. See \'c2c-status check --help\'.\n');
	});

	it('keeps the 60 s identity rule across runs: checks every 30 s poll the identity once a minute', async () => {
		const running = await emulator({strictRateLimit: true});
		const stateHome = join(await temporaryDirectory(), 'state');
		const first = await check(running.url, [], stateHome);
		const second = await check(running.url, [], stateHome);
		expect([first.code, second.code]).toEqual([0, 0]);
		expect(second.stdout).toMatch(/ identity_age=\d+s;;;0\n$/);
		const {identityRequests, identityTooSoon} = running.control.state().devices[0]!;
		expect(identityRequests).toHaveLength(1);
		expect(identityTooSoon).toBe(0);
	});
});
