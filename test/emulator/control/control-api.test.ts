import {afterEach, describe, expect, it} from 'vitest';
import {noFaults} from '../../../source/emulator/control/faults.js';
import type {EmulatorState} from '../../../source/emulator/types.js';
import {cleanup, getJson, postJson, startTestEmulator} from '../../helpers/emulator-fixture.js';

afterEach(cleanup);

const devices = [{id: 'cam-a', token: 'token-a'}, {id: 'cam-b', token: 'token-b'}];

describe('control API over HTTP (/_emulator/*)', () => {
	it('pauses and resumes, naming the device in the body or the query', async () => {
		const {emulator, joinedSocket} = await startTestEmulator({devices});
		const b = await joinedSocket('token-b', 'cam-b');
		const paused = await postJson(`${emulator.url}/_emulator/pause`, {device: 'cam-b'});
		expect(paused).toMatchObject({status: 200, body: {id: 'cam-b', paused: true, status: 'paused', statusEventsSent: 1}});
		expect(await b.nextJson()).toMatchObject({event: 'status_updated', payload: 'paused'});
		const resumed = await postJson(`${emulator.url}/_emulator/resume?device=cam-b`);
		expect(resumed).toMatchObject({status: 200, body: {id: 'cam-b', paused: false}});
		expect(await b.nextJson()).toMatchObject({event: 'status_updated', payload: 'resumed'});

		// Without a device, the first (default) one.
		expect(await postJson(`${emulator.url}/_emulator/pause`)).toMatchObject({status: 200, body: {id: 'cam-a', paused: true}});
		expect(emulator.control.state().devices.map(device => device.paused)).toEqual([true, false]);
	});

	it('answers 404 for an unknown device and 400 for bad JSON or bad values', async () => {
		const {emulator} = await startTestEmulator({devices});
		for (const path of ['pause', 'resume', 'drop', 'expire-token', 'approve']) {
			expect(await postJson(`${emulator.url}/_emulator/${path}`, {device: 'nope'}), path).toMatchObject({status: 404, body: {error: 'unknown device nope'}});
		}

		expect(await postJson(`${emulator.url}/_emulator/pause?device=nope`)).toMatchObject({status: 404, body: {error: 'unknown device nope'}});
		expect(await getJson(`${emulator.url}/_emulator/state?device=nope`)).toMatchObject({status: 404, body: {error: 'unknown device nope'}});

		const badJson = await postJson(`${emulator.url}/_emulator/pause`, '{"device":');
		expect(badJson.status).toBe(400);
		expect((badJson.body as {error: string}).error).toMatch(/^bad JSON/);
		const bad: Array<[string, unknown]> = [
			['pause', '[1,2]'],
			['pause', {device: 7}],
			['health', {}],
			['health', {ok: 'yes'}],
			['drop', {hard: 'yes'}],
			['approve', {userCode: 123_456}],
			['faults', {replyDelayMs: -1}],
			['faults', {httpLatencyMs: 'slow'}],
			['faults', {halfOpen: 1}],
			['faults', {sendUnknownEvent: ''}],
			['faults', {noSuchFault: true}],
		];
		for (const [path, body] of bad) {
			const response = await postJson(`${emulator.url}/_emulator/${path}`, body);
			expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
			expect(response.body).toEqual({error: expect.any(String) as string});
		}

		expect(emulator.control.state().faults).toEqual(noFaults);
		expect(emulator.control.state().devices.every(device => !device.paused)).toBe(true);
	});

	it('switches health', async () => {
		const {emulator} = await startTestEmulator();
		expect(await postJson(`${emulator.url}/_emulator/health`, {ok: false})).toMatchObject({status: 200, body: {ok: false}});
		expect((await getJson(`${emulator.url}/health`)).status).toBe(503);
		expect(await postJson(`${emulator.url}/_emulator/health`, {ok: true})).toMatchObject({status: 200, body: {ok: true}});
		expect((await getJson(`${emulator.url}/health`)).status).toBe(200);
	});

	it('drops sockets with a 1000 close frame, or cuts them hard', async () => {
		const {emulator, openSocket} = await startTestEmulator();
		const soft = await openSocket();
		expect(await postJson(`${emulator.url}/_emulator/drop`)).toMatchObject({status: 200, body: {dropped: 1}});
		expect(await soft.closed).toEqual({code: 1000, reason: 'dropped by emulator'});

		const hard = await openSocket();
		expect(await postJson(`${emulator.url}/_emulator/drop`, {hard: true})).toMatchObject({status: 200, body: {dropped: 1}});
		expect(await hard.closed).toEqual({code: 1006, reason: ''});
		expect(await postJson(`${emulator.url}/_emulator/drop`, {})).toMatchObject({body: {dropped: 0}});
	});

	it('expires tokens', async () => {
		const {emulator} = await startTestEmulator();
		expect(await postJson(`${emulator.url}/_emulator/expire-token?device=7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001`)).toMatchObject({status: 200, body: {expired: true}});
		expect((await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer demo'}})).status).toBe(401);
	});

	it('issues a new access token for a device, as the software that refreshes tokens would get one', async () => {
		const {emulator} = await startTestEmulator({devices});
		emulator.control.expireToken('cam-b');
		const issued = await postJson(`${emulator.url}/_emulator/issue-token`, {device: 'cam-b'});
		expect(issued).toMatchObject({status: 200, body: {device: 'cam-b', token: expect.stringMatching(/^[\w-]{40,}$/) as unknown}});
		const {token} = issued.body as {token: string};
		const identity = await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: `Bearer ${token}`}});
		expect(identity).toMatchObject({status: 200, body: {id: 'cam-b'}});
		expect((await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer token-b'}})).status).toBe(401);
		expect((await postJson(`${emulator.url}/_emulator/issue-token`, {device: 'nope'})).status).toBe(404);
	});

	it('sets, reports and resets faults', async () => {
		const {emulator, clock} = await startTestEmulator();
		const set = await postJson(`${emulator.url}/_emulator/faults`, {silentHeartbeats: true, replyDelayMs: 250, refuseConnectionsForSeconds: 30, httpLatencyMs: 0});
		expect(set).toMatchObject({status: 200, body: {...noFaults, silentHeartbeats: true, replyDelayMs: 250, refuseConnectionsUntil: clock.now() + 30_000}});
		const more = await postJson(`${emulator.url}/_emulator/faults`, {dropEvents: true, refuseConnectionsForSeconds: 0});
		expect(more.body).toEqual({...noFaults, silentHeartbeats: true, replyDelayMs: 250, dropEvents: true});
		const reset = await postJson(`${emulator.url}/_emulator/faults`, {reset: true, halfOpen: true});
		expect(reset.body).toEqual({...noFaults, halfOpen: true});
		expect(emulator.control.state().faults).toEqual({...noFaults, halfOpen: true});
	});

	it('reports the whole state, without any token', async () => {
		const {emulator, clock, joinedSocket} = await startTestEmulator({devices, strictRateLimit: true});
		await joinedSocket('token-a', 'cam-a');
		await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer token-b'}});
		const response = await getJson(`${emulator.url}/_emulator/state`);
		expect(response.status).toBe(200);
		const state = response.body as EmulatorState;
		expect(state).toEqual(emulator.control.state());
		expect(state).toMatchObject({
			now: clock.now(),
			health: {ok: true, shape: 'ok', checks: 0},
			strictRateLimit: true,
			faults: noFaults,
			malformedReceived: 0,
			upgradesRejected: 0,
			upgradesRejectedUnknownToken: 0,
			pendingCodes: [],
		});
		expect(state.devices.map(device => device.id)).toEqual(['cam-a', 'cam-b']);
		expect(state.devices[1]!.identityRequests).toEqual([{at: clock.now(), tooSoon: false, status: 200}]);
		expect(state.connections).toEqual([{
			id: 1,
			deviceId: 'cam-a',
			connectedAt: clock.now(),
			lastReceivedAt: clock.now(),
			joinedTopics: ['devices:cam-a'],
			heartbeats: [],
			framesIn: 1,
			framesOut: 1,
		}]);
		expect(response.text).not.toMatch(/token-a|token-b/);
	});
});
