import {Buffer} from 'node:buffer';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, startTestEmulator, waitUntil} from '../../helpers/emulator-fixture.js';
import {type TestSocket} from '../../helpers/ws-client.js';

afterEach(cleanup);

const deviceId = '7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001';
const topic = `devices:${deviceId}`;

function reply(topicName: string, ref: unknown, status: 'ok' | 'error', response: unknown): string {
	return JSON.stringify({event: 'phx_reply', payload: {response, status}, ref, topic: topicName});
}

async function heartbeatRoundTrip(socket: TestSocket, ref: string): Promise<void> {
	socket.sendJson({topic: 'phoenix', event: 'heartbeat', payload: {}, ref});
	expect((await socket.next()).text).toBe(reply('phoenix', ref, 'ok', {}));
}

describe('Phoenix V1 channel protocol', () => {
	it('joins the device topic with an ok reply in sorted key order', async () => {
		const {emulator, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		socket.sendJson({topic, event: 'phx_join', payload: {}, ref: 7});
		expect((await socket.next()).text).toBe(`{"event":"phx_reply","payload":{"response":{},"status":"ok"},"ref":7,"topic":"${topic}"}`);
		expect(emulator.control.state().connections[0]!.joinedTopics).toEqual([topic]);
	});

	it('refuses every topic but the socket\'s own device topic as unmatched', async () => {
		const {emulator, openSocket} = await startTestEmulator({devices: [{id: deviceId, token: 'demo'}, {id: 'other', token: 'x'}]});
		const socket = await openSocket();
		socket.sendJson({topic: 'devices:other', event: 'phx_join', payload: '', ref: '1'});
		expect((await socket.next()).text).toBe(reply('devices:other', '1', 'error', {reason: 'unmatched topic'}));
		socket.sendJson({topic: 'rooms:lobby', event: 'phx_join', payload: '', ref: '2'});
		expect((await socket.next()).text).toBe(reply('rooms:lobby', '2', 'error', {reason: 'unmatched topic'}));
		socket.sendJson({topic: 'phoenix', event: 'phx_join', payload: '', ref: '3'});
		expect((await socket.next()).text).toBe(reply('phoenix', '3', 'error', {reason: 'unmatched topic'}));
		expect(emulator.control.state().connections[0]!.joinedTopics).toEqual([]);
	});

	it('closes the old channel on a duplicate join, then replies ok', async () => {
		const {openSocket} = await startTestEmulator();
		const socket = await openSocket();
		socket.sendJson({topic, event: 'phx_join', payload: '', ref: 'a'});
		await socket.next();
		socket.sendJson({topic, event: 'phx_join', payload: '', ref: 'b'});
		expect((await socket.next()).text).toBe(`{"event":"phx_close","payload":{},"ref":null,"topic":"${topic}"}`);
		expect((await socket.next()).text).toBe(reply(topic, 'b', 'ok', {}));
	});

	it('answers heartbeats with the same ref and records them', async () => {
		const {emulator, clock, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		await heartbeatRoundTrip(socket, 'hb-1');
		await clock.advance(15_000);
		socket.sendJson({topic: 'phoenix', event: 'heartbeat', payload: '', ref: 42});
		expect((await socket.next()).text).toBe(reply('phoenix', 42, 'ok', {}));
		const connection = emulator.control.state().connections[0]!;
		expect(connection.heartbeats).toEqual([{at: clock.now() - 15_000, ref: 'hb-1'}, {at: clock.now(), ref: 42}]);
		expect(connection.framesIn).toBe(2);
		expect(connection.framesOut).toBe(2);
	});

	it('leaves a topic with an ok reply; then events on it are unmatched', async () => {
		const {emulator, joinedSocket} = await startTestEmulator();
		const socket = await joinedSocket();
		socket.sendJson({topic, event: 'phx_leave', payload: {}, ref: 'l'});
		expect((await socket.next()).text).toBe(reply(topic, 'l', 'ok', {}));
		expect(emulator.control.state().connections[0]!.joinedTopics).toEqual([]);
		socket.sendJson({topic, event: 'shout', payload: {}, ref: 's'});
		expect((await socket.next()).text).toBe(reply(topic, 's', 'error', {reason: 'unmatched topic'}));
	});

	it('answers other events on a joined topic with unhandled event', async () => {
		const {joinedSocket} = await startTestEmulator();
		const socket = await joinedSocket();
		// All four keys must be present, but their values may be null.
		socket.sendJson({topic, event: 'shout', payload: null, ref: null});
		expect((await socket.next()).text).toBe(reply(topic, null, 'error', {reason: 'unhandled event'}));
	});

	it('accepts extra keys such as join_ref', async () => {
		const {openSocket} = await startTestEmulator();
		const socket = await openSocket();
		socket.sendJson({topic, event: 'phx_join', payload: {}, ref: '1', join_ref: '1'});
		expect((await socket.next()).text).toBe(reply(topic, '1', 'ok', {}));
	});

	it('answers malformed frames with an error reply when it can, counts them, and keeps the socket', async () => {
		const {emulator, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		const replied: Array<[string, string]> = [
			[JSON.stringify({topic, event: 'phx_join', payload: {}}), reply(topic, null, 'error', {reason: 'malformed message: missing key "ref"'})],
			[JSON.stringify({topic, event: 'phx_join', ref: 'p'}), reply(topic, 'p', 'error', {reason: 'malformed message: missing key "payload"'})],
			[JSON.stringify({event: 'heartbeat', payload: {}, ref: 'q'}), reply('phoenix', 'q', 'error', {reason: 'malformed message: missing key "topic"'})],
			[JSON.stringify({topic, event: 7, payload: {}, ref: 'r'}), reply(topic, 'r', 'error', {reason: 'malformed message: "event" must be a string'})],
			[JSON.stringify({topic, event: 'phx_join', payload: {}, ref: {}}), reply(topic, null, 'error', {reason: 'malformed message: "ref" must be a string, a number or null'})],
			[JSON.stringify(['1', '1', topic, 'phx_join', {}]), reply(topic, '1', 'error', {reason: 'malformed message: expected a JSON object, got an array'})],
		];
		for (const [frame, expected] of replied) {
			socket.send(frame);

			expect((await socket.next()).text, frame).toBe(expected);
		}

		// Nothing can be recovered from these: no reply, only the count (the heartbeat proves the order).
		for (const frame of ['not json', '"a string"', '42', 'null', '[]', JSON.stringify({event: 'x', payload: 1})]) {
			socket.send(frame);
		}

		socket.send(Buffer.from([0xDE, 0xAD]));
		await heartbeatRoundTrip(socket, 'still-alive');
		expect(emulator.control.state().malformedReceived).toBe(replied.length + 7);
	});

	it('answers a binary frame that carries a topic with an error reply', async () => {
		const {emulator, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		socket.send(Buffer.from(JSON.stringify({topic, event: 'phx_join', payload: {}, ref: 'b'})));
		expect((await socket.next()).text).toBe(reply(topic, 'b', 'error', {reason: 'malformed message: binary frames are not supported'}));
		expect(emulator.control.state().malformedReceived).toBe(1);
	});

	it('closes a socket sending a frame over 1 MiB with 1009 and keeps serving others', async () => {
		const {emulator, openSocket} = await startTestEmulator();
		const big = await openSocket();
		const other = await openSocket();
		big.send('x'.repeat((1024 * 1024) + 1));
		expect((await big.closed).code).toBe(1009);
		await heartbeatRoundTrip(other, 'other');
		const fresh = await openSocket();
		await heartbeatRoundTrip(fresh, 'fresh');
		expect(emulator.control.state().connections).toHaveLength(2);
	});

	it('accepts a frame of exactly 1 MiB', async () => {
		const {openSocket} = await startTestEmulator();
		const socket = await openSocket();
		const frame = JSON.stringify({topic: 'phoenix', event: 'heartbeat', payload: '', ref: 'big'});
		const padded = frame.replace('"payload":""', `"payload":"${'p'.repeat((1024 * 1024) - frame.length)}"`);
		expect(Buffer.byteLength(padded)).toBe(1024 * 1024);
		socket.send(padded);
		expect((await socket.next()).text).toBe(reply('phoenix', 'big', 'ok', {}));
	});
});

describe('idle timeout', () => {
	it('closes a silent socket with 1000 "idle timeout" after 60 s on the clock', async () => {
		const {emulator, clock, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		let closed = false;
		void (async () => {
			await socket.closed;
			closed = true;
		})();

		await clock.advance(59_999);
		expect(closed).toBe(false);
		expect(clock.nextIn()).toBe(1);
		expect(emulator.control.state().connections).toHaveLength(1);
		await clock.advance(1);
		expect(await socket.closed).toEqual({code: 1000, reason: 'idle timeout'});
		expect(emulator.control.state().connections).toEqual([]);
	});

	it('is reset by any received frame, even a malformed one, and honours idleTimeoutSeconds', async () => {
		const {emulator, clock, openSocket} = await startTestEmulator({idleTimeoutSeconds: 20});
		const socket = await openSocket();
		let closed = false;
		void (async () => {
			await socket.closed;
			closed = true;
		})();

		await clock.advance(15_000);
		socket.send('not even JSON');
		await waitUntil(() => emulator.control.state().malformedReceived === 1, 'the frame arrives');
		await clock.advance(19_999);
		expect(closed).toBe(false);
		expect(clock.nextIn()).toBe(1);
		await clock.advance(1);
		expect(await socket.closed).toEqual({code: 1000, reason: 'idle timeout'});
	});

	it('is reset by heartbeats', async () => {
		const {clock, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		for (let beat = 0; beat < 8; beat++) {
			await clock.advance(45_000);

			await heartbeatRoundTrip(socket, `beat-${beat}`);
		}

		await clock.advance(59_999);
		expect(clock.nextIn()).toBe(1);
		await clock.advance(1);
		expect((await socket.closed).code).toBe(1000);
	});
});
