import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {IdentityPoller, type IdentityResult} from '../../../source/core/identity/identity-poller.js';
import {cleanup, startTestEmulator} from '../../helpers/emulator-fixture.js';
import type {ManualClock} from '../../../support/manual-clock.js';
import {waitForEvent} from '../../../support/wait-for.js';
import {createApiClient} from '../../../source/core/http/api-client.js';

const pollers: IdentityPoller[] = [];
const servers: Server[] = [];

afterEach(async () => {
	for (const poller of pollers.splice(0)) {
		poller.stop();
	}

	await Promise.all(servers.splice(0).map(async server => new Promise(resolve => {
		server.close(resolve);
	})));
	await cleanup();
});

function poller(clock: ManualClock, url: string, token: () => string) {
	const {authorized} = createApiClient({apiUrl: new URL(url), clientVersion: '2.0.0', token: {getToken: token, rejected: async () => false}});
	const instance = new IdentityPoller({clock, client: authorized, getToken: token});
	pollers.push(instance);
	return instance;
}

const nextResult = async (instance: IdentityPoller, what = 'an identity result') => waitForEvent<IdentityResult>(instance.results, () => true, what);

describe('IdentityPoller against the emulator', () => {
	it('fetches at once, then every 60 s, and never twice within 60 s', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		const identity = poller(clock, emulator.url, () => 'tok');
		const first = nextResult(identity);
		identity.start();
		const result = await first;
		expect(result).toMatchObject({ok: true, identity: {id: emulator.control.state().devices[0]!.id, projectName: 'Demo project', creatorName: 'Demo Producer'}});
		for (let minute = 1; minute <= 5; minute++) {
			await clock.advance(59_999);
			expect(identity.getSnapshot().requests).toBe(minute);
			const next = nextResult(identity);
			await clock.advance(1);
			await next;
		}

		const device = emulator.control.state().devices[0]!;
		expect(device.identityRequests).toHaveLength(6);
		expect(device.identityTooSoon).toBe(0);
	});

	it('counts the window from the answer, so a slow first answer cannot make the next request early', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok', strictRateLimit: true});
		emulator.control.setFaults({httpLatencyMs: 3000});
		const identity = poller(clock, emulator.url, () => 'tok');
		const first = nextResult(identity);
		identity.start();
		await clock.advance(3000);
		const result = await first;
		expect(result.receivedAt - result.requestedAt).toBe(3000);
		expect(identity.getSnapshot().nextFetchAt).toBe(result.receivedAt + 60_000);
		emulator.control.setFaults({httpLatencyMs: 0});
		const second = nextResult(identity);
		await clock.advance(60_000);
		expect(await second).toMatchObject({ok: true});
		expect(emulator.control.state().devices[0]!).toMatchObject({identityTooSoon: 0});
	});

	it('defers manual refreshes inside the window to its end, however many there are', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		const identity = poller(clock, emulator.url, () => 'tok');
		const first = nextResult(identity);
		identity.start();
		await first;
		const fetchedAt = clock.now();
		for (let press = 0; press < 20; press++) {
			await clock.advance(2000);
			expect(identity.refresh()).toBe('queued');
		}

		expect(identity.getSnapshot()).toMatchObject({refreshQueued: true, nextAllowedAt: fetchedAt + 60_000, nextFetchAt: fetchedAt + 60_000, requests: 1});
		const second = nextResult(identity);
		await clock.advance(fetchedAt + 60_000 - clock.now());
		await second;
		expect(identity.getSnapshot()).toMatchObject({requests: 2, refreshQueued: false});
		expect(emulator.control.state().devices[0]!.identityTooSoon).toBe(0);
	});

	it('after a 401 waits 5 minutes on its own, but a manual refresh needs only the 60 s window', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		// The device's own token, expired: the emulator attributes every request to the device.
		emulator.control.expireToken();
		const identity = poller(clock, emulator.url, () => 'tok');
		const first = nextResult(identity);
		identity.start();
		const rejected = await first;
		expect(rejected).toMatchObject({ok: false, failure: {kind: 'auth', status: 401}});
		expect(identity.getSnapshot().nextFetchAt).toBe(rejected.receivedAt + (5 * 60_000));
		await clock.advance(59_000);
		// Inside the window a refresh waits for its end, not for the 5-minute auth retry.
		expect(identity.refresh()).toBe('queued');
		expect(identity.getSnapshot().nextFetchAt).toBe(rejected.receivedAt + 60_000);
		const queued = nextResult(identity);
		await clock.advance(1000);
		expect(await queued).toMatchObject({ok: false, failure: {kind: 'auth', status: 401}});
		// The second 401 puts the next try 5 minutes out again; once its window has passed, r fetches at once.
		await clock.advance(61_000);
		const manual = nextResult(identity);
		expect(identity.refresh()).toBe('now');
		expect(identity.refresh()).toBe('in-flight');
		expect(await manual).toMatchObject({ok: false, failure: {kind: 'auth', status: 401}});
		const device = emulator.control.state().devices[0]!;
		expect(device.identityRequests.map(request => request.status)).toEqual([401, 401, 401]);
		expect(device.identityTooSoon).toBe(0);
	});

	it('fetches right after a token change, inside the old token\'s window', async () => {
		const {emulator, clock} = await startTestEmulator({devices: [{id: 'dev-a', token: 'token-a'}, {id: 'dev-b', token: 'token-b'}]});
		let token = 'token-a';
		const identity = poller(clock, emulator.url, () => token);
		const first = nextResult(identity);
		identity.start();
		expect(await first).toMatchObject({ok: true, identity: {id: 'dev-a'}});
		await clock.advance(5000);
		token = 'token-b';
		const second = nextResult(identity);
		identity.tokenChanged();
		expect(await second).toMatchObject({ok: true, identity: {id: 'dev-b'}});
		const {devices} = emulator.control.state();
		expect(devices.map(device => device.identityTooSoon)).toEqual([0, 0]);
		expect(identity.getSnapshot().nextAllowedAt).toBe(clock.now() + 60_000);
	});

	it('surfaces a 401 as an auth problem and does not hammer', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		const identity = poller(clock, emulator.url, () => 'wrong');
		const first = nextResult(identity);
		identity.start();
		expect(await first).toMatchObject({ok: false, failure: {kind: 'auth', status: 401}});
		expect(identity.getSnapshot().error?.message).toBe('the token was rejected (HTTP 401: Not Authorized: You are not allowed to access that resource)');
		await clock.advance((4 * 60_000) + 59_000);
		expect(identity.getSnapshot().requests).toBe(1);
		const retry = nextResult(identity);
		await clock.advance(1000);
		await retry;
		expect(identity.getSnapshot().requests).toBe(2);
	});

	it('honours Retry-After on 429 and then recovers', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok', strictRateLimit: true});
		// Another client with the same token has just used the window.
		await fetch(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer tok'}});
		await clock.advance(10_000);
		const identity = poller(clock, emulator.url, () => 'tok');
		const limited = nextResult(identity);
		identity.start();
		expect(await limited).toMatchObject({ok: false, failure: {kind: 'rate-limited', status: 429, retryAfterMs: 50_000, message: 'rate limited (HTTP 429), asked to wait 50 s'}});
		const snapshot = identity.getSnapshot();
		expect(snapshot).toMatchObject({phase: 'error', stale: false, identity: null});
		expect(snapshot.nextFetchAt! - clock.now()).toBeGreaterThanOrEqual(60_000);
		const recovered = nextResult(identity);
		await clock.advance(snapshot.nextFetchAt! - clock.now());
		expect(await recovered).toMatchObject({ok: true});
		expect(identity.getSnapshot()).toMatchObject({stale: false, error: null, phase: 'ok'});
		expect(emulator.control.state().devices[0]!.identityRequests.map(request => request.status)).toEqual([200, 429, 200]);
	});

	it('backs off after a network error, never sooner than 60 s, and keeps the stale identity', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		const identity = poller(clock, emulator.url, () => 'tok');
		const first = nextResult(identity);
		identity.start();
		await first;
		await emulator.close();
		const failures: number[] = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			const failed = nextResult(identity);
			await clock.advance(identity.getSnapshot().nextFetchAt! - clock.now());
			const result = await failed;
			expect(result).toMatchObject({ok: false, failure: {kind: 'refused'}});
			failures.push(identity.getSnapshot().nextFetchAt! - result.requestedAt);
		}

		expect(failures.every(gap => gap >= 60_000)).toBe(true);
		expect(failures[2]!).toBeGreaterThan(failures[0]!);
		expect(identity.getSnapshot()).toMatchObject({stale: true, identity: {projectName: 'Demo project'}, error: {kind: 'refused'}});
	});

	it('times out a request that takes too long', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		emulator.control.setFaults({httpLatencyMs: 30_000});
		const identity = poller(clock, emulator.url, () => 'tok');
		const first = nextResult(identity);
		identity.start();
		await clock.advance(10_000);
		expect(await first).toMatchObject({ok: false, failure: {kind: 'timeout', message: 'no answer within 10 s'}});
	});

	it('reports an identity document it cannot use, and never crashes on one', async () => {
		const bodies = ['{"name":"no id"}', 'not json', '[]', JSON.stringify({id: 'x', project: 5})];
		const server = createServer((_request, response) => {
			response.setHeader('content-type', 'application/json');
			response.end(bodies.shift());
		});
		servers.push(server);
		await new Promise<void>(resolve => {
			server.listen(0, '127.0.0.1', resolve);
		});
		const {ManualClock} = await import('../../../support/manual-clock.js');
		const clock = new ManualClock();
		const identity = poller(clock, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, () => 'tok');
		const results: IdentityResult[] = [];
		identity.results.on(result => results.push(result));
		const first = nextResult(identity);
		identity.start();
		await first;
		for (let index = 1; index < 4; index++) {
			const next = nextResult(identity);
			await clock.advance(identity.getSnapshot().nextFetchAt! - clock.now());
			await next;
		}

		expect(results.map(result => result.ok ? `ok ${result.problems.join(';')}` : result.failure.message)).toEqual([
			'identity document rejected: id is missing',
			'identity document rejected: body is not JSON',
			'identity document rejected: body is an array, not a JSON object',
			'ok project is a number, not an object;authorization is missing;status is missing;name is missing',
		]);
	});
});
