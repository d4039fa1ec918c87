import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {statePathFor} from '../../../../source/cli/options/token-origin.js';
import {IdentityStateFile} from '../../../../source/core/state/identity-state-file.js';
import {tokenHash} from '../../../../source/core/token/token-hash.js';
import {startEmulator} from '../../../../source/emulator/start-emulator.js';
import type {EmulatorOptions, RunningEmulator} from '../../../../source/emulator/types.js';
import {closeHttpServers} from '../../../helpers/http-server.js';
import {startIdentityOverride} from '../../../helpers/identity-override.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {json, killAll, spawnCli} from '../../../helpers/spawn-cli.js';

const emulators: RunningEmulator[] = [];

afterEach(async () => {
	await killAll();
	await closeHttpServers();
	await Promise.all(emulators.splice(0).map(async emulator => emulator.close()));
	await cleanup();
});

const token = 'check-identity-token-48c2';

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const running = await startEmulator({port: 0, token, ...options});
	emulators.push(running);
	return running;
}

async function stateHome(): Promise<string> {
	return join(await temporaryDirectory(), 'state');
}

async function check(url: string, home: string, args: string[] = []) {
	const cli = spawnCli(['check', '--api-url', url, ...args], {FRAMEIO_TOKEN: token, XDG_STATE_HOME: home});
	const {code} = await cli.exited;
	return {code, stdout: cli.stdout(), stderr: cli.stderr()};
}

describe('c2c-status check: what the identity said, and what the state file remembers', () => {
	it('reports a rejected token on every run while it lasts, the second from the state file without asking again', async () => {
		const running = await emulator({strictRateLimit: true});
		running.control.expireToken();
		const home = await stateHome();
		const first = await check(running.url, home);
		expect(first).toMatchObject({code: 2, stdout: expect.stringMatching(/^C2C CRITICAL - the token was rejected \(HTTP 401: /) as string});
		const second = await check(running.url, home);
		expect(second.code).toBe(2);
		expect(second.stdout).toMatch(/^C2C CRITICAL - the token was rejected \(HTTP 401, \d+ s ago\)/);
		// The second took the first one's answer: Frame.io was asked once.
		expect(running.control.state().devices[0]!.identityRequests).toHaveLength(1);
	});

	it('names a failing identity, and says that without the device id the socket could not join', async () => {
		const running = await emulator();
		const proxy = await startIdentityOverride(running.url, {status: 500, body: {errors: [{detail: 'Internal Server Error'}]}});
		const result = await check(proxy.url, await stateHome(), ['--timeout', '30']);
		expect(result.code).toBe(2);
		expect(result.stdout).toMatch(/^C2C CRITICAL - identity failing: HTTP 500: Internal Server Error; could not learn the device id, so the socket could not join \|/);
		expect(proxy.overridden).toBe(1);
	});

	it('says UNKNOWN, naming the rate limit, when another client used the minute and no device id is known', async () => {
		const running = await emulator({strictRateLimit: true});
		await fetch(`${running.url}/v2/devices/me`, {headers: {authorization: `Bearer ${token}`}});
		const result = await check(running.url, await stateHome(), ['--timeout', '30']);
		expect(result.code).toBe(3);
		expect(result.stdout).toMatch(/^C2C UNKNOWN - identity rate limited \(HTTP 429\), asked to wait \d+ s; could not learn the device id, so the socket could not join/);
	});

	it('names a failing identity, and Paused unconfirmed, when the remembered device id lets the socket join', async () => {
		const running = await emulator();
		const proxy = await startIdentityOverride(running.url, {status: 503, body: {errors: [{detail: 'Service Unavailable'}]}});
		const home = await stateHome();
		// The last run's identity, two minutes old: its device id lets the socket join, but it confirms nothing.
		const path = statePathFor({XDG_STATE_HOME: home}, new URL(proxy.url), {kind: 'env', variable: 'FRAMEIO_TOKEN', token})!;
		const fetchedAt = Date.now() - 120_000;
		await new IdentityStateFile(path).save({
			identity: {id: running.control.state().devices[0]!.id, name: 'cart A', projectId: 'p', projectName: 'Testbed', creatorName: 'Harry', expiresAt: null, status: 'online'},
			problems: [], requestedAt: fetchedAt, fetchedAt, tokenHash: tokenHash(token),
		});
		const result = await check(proxy.url, home, ['--json']);
		const answer = json(result.stdout)!;
		expect(result.code).toBe(1);
		expect(answer).toMatchObject({status: 'WARNING', joined: true, paused: false, pausedConfirmed: false});
		const unconfirmed = String.raw`paused state unconfirmed \(events may have been missed, identity failing\)`;
		expect(answer.summary).toMatch(new RegExp(`^${unconfirmed}, identity failing: HTTP 503: Service Unavailable, joined devices:\\S+, not paused, health \\d+ ms$`));
		expect(proxy.overridden).toBe(1);
	});

	it('weighs a pause that a running monitor remembered after the identity it reuses', async () => {
		const running = await emulator({strictRateLimit: true});
		const home = await stateHome();
		const monitor = spawnCli(['--json', '--api-url', running.url], {FRAMEIO_TOKEN: token, XDG_STATE_HOME: home});
		await monitor.waitForLine(line => json(line)?.type === 'socket' && json(line)?.state === 'joined', 'the monitor joined');
		running.control.pause();
		await monitor.waitForLine(line => json(line)?.type === 'status' && json(line)?.paused === true, 'the monitor saw the pause');
		const result = await check(running.url, home, ['--json']);
		const answer = json(result.stdout)!;
		expect(answer).toMatchObject({status: 'WARNING', paused: true, pausedConfirmed: true, identityOrigin: 'other-process'});
		expect(answer.summary).toMatch(/^paused, joined devices:/);
		// One identity request between them: the check took the monitor's.
		expect(running.control.state().devices[0]!).toMatchObject({identityTooSoon: 0});
	});
});
