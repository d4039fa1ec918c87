import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, getJson, startTestEmulator} from '../helpers/emulator-fixture.js';
import type {TestSocket} from '../helpers/ws-client.js';

afterEach(cleanup);

async function heartbeat(socket: TestSocket, ref: string): Promise<Record<string, unknown>> {
	socket.sendJson({topic: 'phoenix', event: 'heartbeat', payload: {}, ref});
	return socket.nextJson();
}

describe('pause and resume', () => {
	it('sends status_updated paused/resumed to joined sockets of the device and counts them', async () => {
		const {emulator, joinedSocket} = await startTestEmulator();
		const {id} = (emulator.control.state().devices[0]!);
		const first = await joinedSocket();
		const second = await joinedSocket();
		emulator.control.pause();
		for (const socket of [first, second]) {
			expect((await socket.next()).text).toBe(`{"event":"status_updated","payload":"paused","ref":null,"topic":"devices:${id}"}`);
		}

		expect(emulator.control.state().devices[0]).toMatchObject({paused: true, status: 'paused', statusEventsSent: 2});
		emulator.control.resume();
		expect(await first.nextJson()).toEqual({event: 'status_updated', payload: 'resumed', ref: null, topic: `devices:${id}`});
		expect(await second.nextJson()).toMatchObject({payload: 'resumed'});
		expect(emulator.control.state().devices[0]).toMatchObject({paused: false, status: 'online', statusEventsSent: 4});
	});

	it('does not send events to sockets that have not joined', async () => {
		const {emulator, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		emulator.control.pause();
		expect(await heartbeat(socket, 'h')).toMatchObject({event: 'phx_reply', ref: 'h'});
		expect(emulator.control.state().devices[0]!.statusEventsSent).toBe(0);
	});

	it('announces changes only: a second pause sends nothing', async () => {
		const {emulator, joinedSocket} = await startTestEmulator();
		const socket = await joinedSocket();
		emulator.control.pause();
		emulator.control.pause();
		expect(await socket.nextJson()).toMatchObject({event: 'status_updated', payload: 'paused'});
		expect(await heartbeat(socket, 'h')).toMatchObject({event: 'phx_reply', ref: 'h'});
		expect(emulator.control.state().devices[0]!.statusEventsSent).toBe(1);
	});

	it('is also shown by the identity endpoint and can start paused', async () => {
		const {emulator} = await startTestEmulator({devices: [{id: 'd', token: 't', paused: true}]});
		const {body} = await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer t'}});
		expect(body).toMatchObject({status: 'paused'});
	});
});

describe('several devices', () => {
	const devices = [{id: 'cam-a', token: 'token-a', name: 'Camera A'}, {id: 'cam-b', token: 'token-b', name: 'Camera B'}];

	it('keeps ids, tokens and paused state apart; control calls default to the first device', async () => {
		const {emulator, joinedSocket} = await startTestEmulator({devices});
		const a = await joinedSocket('token-a', 'cam-a');
		const b = await joinedSocket('token-b', 'cam-b');

		emulator.control.pause('cam-b');
		expect(await b.nextJson()).toEqual({event: 'status_updated', payload: 'paused', ref: null, topic: 'devices:cam-b'});
		expect(await heartbeat(a, 'a1')).toMatchObject({event: 'phx_reply'});

		emulator.control.pause();
		expect(await a.nextJson()).toMatchObject({payload: 'paused', topic: 'devices:cam-a'});
		emulator.control.resume('cam-b');
		expect(await b.nextJson()).toMatchObject({payload: 'resumed', topic: 'devices:cam-b'});

		const identityA = (await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer token-a'}})).body;
		const identityB = (await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer token-b'}})).body;
		expect(identityA).toMatchObject({id: 'cam-a', name: 'Camera A', status: 'paused'});
		expect(identityB).toMatchObject({id: 'cam-b', name: 'Camera B', status: 'online'});
		expect(emulator.control.state().devices.map(device => [device.id, device.paused])).toEqual([['cam-a', true], ['cam-b', false]]);
	});

	it('expires, drops and approves per device', async () => {
		const {emulator, openSocket} = await startTestEmulator({devices});
		const a = await openSocket('token-a');
		const b = await openSocket('token-b');
		expect(emulator.control.drop({deviceId: 'cam-b'})).toBe(1);
		expect(await b.closed).toEqual({code: 1000, reason: 'dropped by emulator'});
		expect(await heartbeat(a, 'alive')).toMatchObject({ref: 'alive'});

		emulator.control.expireToken('cam-b');
		expect((await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer token-b'}})).status).toBe(401);
		expect((await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer token-a'}})).status).toBe(200);
	});

	it('throws for an unknown device', async () => {
		const {emulator} = await startTestEmulator({devices});
		expect(() => {
			emulator.control.pause('nope');
		}).toThrow('unknown device nope');
		expect(() => emulator.control.drop({deviceId: 'nope'})).toThrow('unknown device nope');
		expect(() => {
			emulator.control.expireToken('nope');
		}).toThrow('unknown device nope');
	});

	it('rejects duplicate ids or tokens and an empty device list', async () => {
		const {startEmulator} = await import('../../source/emulator/start-emulator.js');
		await expect(startEmulator({port: 0, devices: [{id: 'x', token: 'a'}, {id: 'x', token: 'b'}]})).rejects.toThrow(/distinct/);
		await expect(startEmulator({port: 0, devices: [{id: 'x', token: 'a'}, {id: 'y', token: 'a'}]})).rejects.toThrow(/distinct/);
		await expect(startEmulator({port: 0, devices: []})).rejects.toThrow(/at least one device/);
	});
});
