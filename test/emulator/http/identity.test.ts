import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, getJson, startTestEmulator} from '../../helpers/emulator-fixture.js';

afterEach(cleanup);

const deviceId = 'a7e95254-8cd6-4d59-b54d-28c58570a8de';
const notAuthorized = '{"code":401,"errors":[{"code":401,"detail":"You are not allowed to access that resource","status":401,"title":"Not Authorized"}],"message":"Not Authorized"}';

/** Token null sends no Authorization header (unless `header` gives one). */
async function identity(url: string, token: string | null = 'demo', header?: string) {
	const authorization = header ?? (token === null ? undefined : `Bearer ${token}`);
	return getJson(`${url}/v2/devices/me`, {headers: {'x-client-version': '2.0.0', ...(authorization === undefined ? {} : {authorization})}});
}

describe('GET /v2/devices/me', () => {
	it('answers the identity document with the spec example fields and nesting', async () => {
		const {emulator} = await startTestEmulator({
			devices: [{id: deviceId, token: 'tok', name: 'Frameio-TEST-DEVICE', projectName: 'Testbed', projectId: '2ad59fe6-77b6-4fbc-a9d2-3dd0413ed4a3', creatorName: 'Harry Potter'}],
		});
		const response = await identity(emulator.url, 'tok');
		expect(response.status).toBe(200);
		const document = response.body as Record<string, unknown>;
		expect(document).toEqual({
			_type: 'project_device',
			id: deviceId,
			asset_type: 'video',
			authorization: {
				_type: 'project_device_authorization',
				creator: {_type: 'user', id: expect.stringMatching(/^[\da-f-]{36}$/) as string, name: 'Harry Potter'},
				expires_at: null,
				id: expect.stringMatching(/^[\da-f-]{36}$/) as string,
				project_device_id: deviceId,
				scopes: {asset_create: true, id: expect.stringMatching(/^[\da-f-]{36}$/) as string, offline: true},
			},
			name: 'Frameio-TEST-DEVICE',
			project: {_type: 'project', id: '2ad59fe6-77b6-4fbc-a9d2-3dd0413ed4a3', name: 'Testbed'},
			project_id: '2ad59fe6-77b6-4fbc-a9d2-3dd0413ed4a3',
			status: 'online',
		});
		expect(Object.keys(document)).toEqual(['_type', 'id', 'asset_type', 'authorization', 'name', 'project', 'project_id', 'status']);
	});

	it('uses the defaults: fixed device id, "demo" token, demo names, expires_at from the seed', async () => {
		const {emulator} = await startTestEmulator();
		const document = (await identity(emulator.url)).body as {id: string; name: string; project: {name: string}; authorization: {creator: {name: string}}};
		expect(document.id).toBe('7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001');
		expect(document.name).toBe('c2c-status emulator');
		expect(document.project.name).toBe('Demo project');
		expect(document.authorization.creator.name).toBe('Demo Producer');

		const expiring = await startTestEmulator({devices: [{id: 'd', token: 't', expiresAt: '2026-12-01T00:00:00Z'}]});
		const body = (await identity(expiring.emulator.url, 't')).body as {authorization: {expires_at: unknown}};
		expect(body.authorization.expires_at).toBe('2026-12-01T00:00:00Z');
	});

	it('answers 401 with the exact detailed body for a missing, malformed or wrong token', async () => {
		const {emulator} = await startTestEmulator();
		for (const [token, header] of [[null, undefined], ['wrong', undefined], [null, 'Basic ZGVtbzo='], [null, 'Bearer'], [null, 'Bearer demo extra']] as const) {
			const response = await identity(emulator.url, token, header);
			expect(response.status).toBe(401);
			expect(response.text).toBe(notAuthorized);
		}

		expect(emulator.control.state().devices[0]!.identityRequests).toEqual([]);
	});

	it('answers 401 once the token is expired by control.expireToken', async () => {
		const {emulator} = await startTestEmulator();
		expect((await identity(emulator.url)).status).toBe(200);
		emulator.control.expireToken();
		const response = await identity(emulator.url);
		expect(response.status).toBe(401);
		expect(response.text).toBe(notAuthorized);
		expect(emulator.control.state().devices[0]!.identityRequests.map(record => record.status)).toEqual([200, 401]);
	});

	it('counts the request itself as activity, and goes offline after 5 minutes of silence', async () => {
		const {emulator, clock} = await startTestEmulator();
		expect(emulator.control.state().devices[0]!.status).toBe('offline');
		expect((await identity(emulator.url)).body).toMatchObject({status: 'online'});
		await clock.advance(5 * 60 * 1000);
		expect(emulator.control.state().devices[0]!.status).toBe('online');
		await clock.advance(1);
		expect(emulator.control.state().devices[0]!.status).toBe('offline');
		expect((await identity(emulator.url)).body).toMatchObject({status: 'online'});
	});

	it('reports online while a socket is open, and paused while paused', async () => {
		const {emulator, clock, openSocket} = await startTestEmulator({idleTimeoutSeconds: 3600});
		const socket = await openSocket();
		await clock.advance(10 * 60 * 1000);
		expect((await identity(emulator.url)).body).toMatchObject({status: 'online'});
		emulator.control.pause();
		await clock.advance(61_000);
		expect((await identity(emulator.url)).body).toMatchObject({status: 'paused'});
		emulator.control.resume();
		await clock.advance(61_000);
		expect((await identity(emulator.url)).body).toMatchObject({status: 'online'});
		socket.ws.close();
		await socket.closed;
		await clock.advance(6 * 60 * 1000);
		expect(emulator.control.state().devices[0]!.status).toBe('offline');
	});

	it('records activity from socket frames', async () => {
		const {emulator, clock, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		await clock.advance(30_000);
		socket.sendJson({topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '1'});
		await socket.next();
		expect(emulator.control.state().devices[0]!.lastActivityAt).toBe(clock.now());
	});
});

describe('identity rate limit (once per 60 s per token)', () => {
	it('counts requests closer than 60 s as too soon', async () => {
		const {emulator, clock} = await startTestEmulator();
		expect((await identity(emulator.url)).status).toBe(200);
		await clock.advance(30_000);
		expect((await identity(emulator.url)).status).toBe(200);
		await clock.advance(61_000);
		expect((await identity(emulator.url)).status).toBe(200);
		await clock.advance(60_000);
		expect((await identity(emulator.url)).status).toBe(200);
		const device = emulator.control.state().devices[0]!;
		expect(device.identityRequests.map(record => record.tooSoon)).toEqual([false, true, false, false]);
		expect(device.identityRequests.map(record => record.status)).toEqual([200, 200, 200, 200]);
		expect(device.identityRequests[1]!.at - device.identityRequests[0]!.at).toBe(30_000);
		expect(device.identityTooSoon).toBe(1);
	});

	it('counts per token', async () => {
		const {emulator, clock} = await startTestEmulator({devices: [{id: 'one', token: 'a'}, {id: 'two', token: 'b'}]});
		await identity(emulator.url, 'a');
		await clock.advance(10_000);
		await identity(emulator.url, 'b');
		const [one, two] = emulator.control.state().devices;
		expect(one!.identityTooSoon + two!.identityTooSoon).toBe(0);
	});

	it('sends x-ratelimit headers on 200s', async () => {
		const {emulator} = await startTestEmulator();
		const response = await identity(emulator.url);
		expect(response.headers.get('x-ratelimit-limit')).toBe('1');
		expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(response.headers.get('x-ratelimit-window')).toBe('60000');
	});

	it('answers 429 with Retry-After and headers in strict mode', async () => {
		const {emulator, clock} = await startTestEmulator({strictRateLimit: true});
		expect((await identity(emulator.url)).status).toBe(200);
		await clock.advance(30_500);
		const limited = await identity(emulator.url);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('30');
		expect(limited.headers.get('x-ratelimit-limit')).toBe('1');
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.headers.get('x-ratelimit-window')).toBe('60000');
		expect(limited.body).toEqual({
			code: 429,
			errors: [{code: 429, detail: expect.any(String) as string, status: 429, title: 'Too Many Requests'}],
			message: 'Too Many Requests',
		});
		// The window runs from the last request served, not from the refused one.
		await clock.advance(29_500);
		expect((await identity(emulator.url)).status).toBe(200);
		const state = emulator.control.state();
		expect(state.strictRateLimit).toBe(true);
		expect(state.devices[0]!.identityRequests.map(record => [record.status, record.tooSoon])).toEqual([[200, false], [429, true], [200, false]]);
		expect(state.devices[0]!.identityTooSoon).toBe(1);
	});
});
