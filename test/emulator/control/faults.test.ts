import {Buffer} from 'node:buffer';
import {afterEach, describe, expect, it} from 'vitest';
import {malformedFrames} from '../../../source/emulator/socket/malformed-frames.js';
import {cleanup, getJson, postJson, startTestEmulator, waitUntil} from '../../helpers/emulator-fixture.js';
import {TestSocket} from '../../helpers/ws-client.js';

afterEach(cleanup);

const id = '7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001';
const topic = `devices:${id}`;

function heartbeat(socket: TestSocket, ref: string): void {
	socket.sendJson({topic: 'phoenix', event: 'heartbeat', payload: {}, ref});
}

describe('faults', () => {
	it('silentHeartbeats: heartbeats get no reply, everything else works', async () => {
		const {emulator, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		emulator.control.setFaults({silentHeartbeats: true});
		heartbeat(socket, 'unanswered');
		socket.sendJson({topic, event: 'phx_join', payload: {}, ref: 'join'});
		expect(await socket.nextJson()).toMatchObject({ref: 'join', payload: {status: 'ok'}});
		emulator.control.setFaults({silentHeartbeats: false});
		heartbeat(socket, 'answered');
		expect(await socket.nextJson()).toMatchObject({ref: 'answered', topic: 'phoenix'});
		expect(emulator.control.state().connections[0]!.heartbeats.map(record => record.ref)).toEqual(['unanswered', 'answered']);
	});

	it('halfOpen: ignores every inbound frame, sends nothing, keeps the socket open past the idle timeout', async () => {
		const {emulator, clock, joinedSocket} = await startTestEmulator();
		const socket = await joinedSocket();
		let closed = false;
		void (async () => {
			await socket.closed;
			closed = true;
		})();

		emulator.control.setFaults({halfOpen: true});
		heartbeat(socket, 'lost');
		socket.sendJson({topic, event: 'phx_leave', payload: {}, ref: 'lost-leave'});
		emulator.control.pause();
		emulator.control.setFaults({sendUnknownEvent: 'ghost', sendMalformed: true});
		await clock.advance(5 * 60 * 1000);
		expect(closed).toBe(false);
		const connection = emulator.control.state().connections[0]!;
		expect(connection.heartbeats).toEqual([]);
		expect(connection.joinedTopics).toEqual([topic]);
		expect(connection.framesOut).toBe(1);
		expect(emulator.control.state().devices[0]!.statusEventsSent).toBe(0);

		emulator.control.setFaults({halfOpen: false});
		heartbeat(socket, 'back');
		// The first frame after half-open ends is this reply: nothing was sent meanwhile.
		expect(await socket.nextJson()).toMatchObject({event: 'phx_reply', ref: 'back'});
		expect(socket.queued).toBe(0);
	});

	it('replyDelayMs: every reply waits on the clock', async () => {
		const {emulator, clock, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		emulator.control.setFaults({replyDelayMs: 500});
		heartbeat(socket, 'slow');
		await waitUntil(() => emulator.control.state().connections[0]!.heartbeats.length === 1, 'the heartbeat arrives');
		await clock.advance(499);
		expect(clock.nextIn()).toBe(1);
		expect(socket.queued).toBe(0);
		await clock.advance(1);
		expect(await socket.nextJson()).toMatchObject({ref: 'slow'});
	});

	it('reorderReplies: replies go out in pairs, newest first; a lone one after ~1 s', async () => {
		const {emulator, clock, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		emulator.control.setFaults({reorderReplies: true});
		heartbeat(socket, 'first');
		heartbeat(socket, 'second');
		expect(await socket.nextJson()).toMatchObject({ref: 'second'});
		expect(await socket.nextJson()).toMatchObject({ref: 'first'});

		heartbeat(socket, 'lone');
		await waitUntil(() => emulator.control.state().connections[0]!.heartbeats.length === 3, 'the heartbeat arrives');
		expect(clock.nextIn()).toBe(1000);
		expect(socket.queued).toBe(0);
		await clock.advance(1000);
		expect(await socket.nextJson()).toMatchObject({ref: 'lone'});

		// Turned off, a held reply goes out before the next one (in order).
		heartbeat(socket, 'held');
		await waitUntil(() => emulator.control.state().connections[0]!.heartbeats.length === 4, 'the heartbeat arrives');
		emulator.control.setFaults({reorderReplies: false});
		heartbeat(socket, 'after');
		expect(await socket.nextJson()).toMatchObject({ref: 'held'});
		expect(await socket.nextJson()).toMatchObject({ref: 'after'});
	});

	it('reorderReplies combines with replyDelayMs', async () => {
		const {emulator, clock, openSocket} = await startTestEmulator();
		const socket = await openSocket();
		emulator.control.setFaults({reorderReplies: true, replyDelayMs: 100});
		heartbeat(socket, 'a');
		heartbeat(socket, 'b');
		await waitUntil(() => emulator.control.state().connections[0]!.heartbeats.length === 2, 'both heartbeats arrive');
		await clock.advance(100);
		expect(await socket.nextJson()).toMatchObject({ref: 'b'});
		expect(await socket.nextJson()).toMatchObject({ref: 'a'});
	});

	it('dropEvents: status_updated is not delivered', async () => {
		const {emulator, joinedSocket} = await startTestEmulator();
		const socket = await joinedSocket();
		emulator.control.setFaults({dropEvents: true});
		emulator.control.pause();
		heartbeat(socket, 'next');
		expect(await socket.nextJson()).toMatchObject({event: 'phx_reply', ref: 'next'});
		expect(emulator.control.state().devices[0]).toMatchObject({paused: true, statusEventsSent: 0});
		emulator.control.setFaults({dropEvents: false});
		emulator.control.resume();
		expect(await socket.nextJson()).toMatchObject({event: 'status_updated', payload: 'resumed'});
	});

	it('refuseConnectionsForSeconds: upgrades are cut until the time passes', async () => {
		const {emulator, clock, socketUrl} = await startTestEmulator();
		emulator.control.setFaults({refuseConnectionsForSeconds: 10});
		expect(emulator.control.state().faults.refuseConnectionsUntil).toBe(clock.now() + 10_000);
		const refused = await TestSocket.connect(socketUrl());
		expect(refused.kind).toBe('error');
		expect(emulator.control.state().connections).toEqual([]);
		await clock.advance(10_000);
		expect((await TestSocket.connect(socketUrl())).kind).toBe('open');
		emulator.control.setFaults({refuseConnectionsForSeconds: 60});
		emulator.control.setFaults({refuseConnectionsForSeconds: 0});
		expect((await TestSocket.connect(socketUrl())).kind).toBe('open');
	});

	it('httpLatencyMs: every device-facing HTTP response waits on the clock; control does not', async () => {
		const {emulator, clock} = await startTestEmulator();
		await postJson(`${emulator.url}/_emulator/faults`, {httpLatencyMs: 2000});
		const {pending} = clock;
		let answered = false;
		const health = (async () => {
			const response = await getJson(`${emulator.url}/health`);
			answered = true;
			return response;
		})();
		await waitUntil(() => clock.pending === pending + 1, 'the request is held');
		// The control plane still answers at once.
		expect((await getJson(`${emulator.url}/_emulator/state`)).status).toBe(200);
		await clock.advance(1999);
		expect(answered).toBe(false);
		expect(clock.nextIn()).toBe(1);
		await clock.advance(1);
		expect((await health).status).toBe(200);

		const identity = getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer demo'}});
		await waitUntil(() => clock.pending === pending + 1, 'the request is held');
		await clock.advance(2000);
		expect((await identity).status).toBe(200);
	});

	it('sendMalformed: each kind of malformed frame goes to every open socket', async () => {
		const {emulator, openSocket, joinedSocket} = await startTestEmulator();
		const plain = await openSocket();
		const joined = await joinedSocket();
		const expected = malformedFrames(topic);
		expect(new Set(expected.map(frame => frame.kind))).toEqual(new Set([
			'not JSON', 'JSON array (V2 framing)', 'JSON scalar', 'JSON null', 'object missing ref', 'object with wrong types', 'reply with unknown status', 'binary frame',
		]));
		const response = await postJson(`${emulator.url}/_emulator/faults`, {sendMalformed: true});
		expect(response.status).toBe(200);
		for (const socket of [plain, joined]) {
			for (const frame of expected) {
				const received = await socket.next();
				expect(received.binary, frame.kind).toBe(Buffer.isBuffer(frame.data));
				expect(received.text, frame.kind).toBe(frame.data.toString());
			}

			heartbeat(socket, 'alive');

			expect(await socket.nextJson()).toMatchObject({ref: 'alive'});
		}

		expect(emulator.control.state().faults.silentHeartbeats).toBe(false);
	});

	it('sendUnknownEvent: an event with that name on each joined device topic', async () => {
		const {emulator, openSocket, joinedSocket} = await startTestEmulator();
		const plain = await openSocket();
		const joined = await joinedSocket();
		const faults = await postJson(`${emulator.url}/_emulator/faults`, {sendUnknownEvent: 'firmware_update'});
		expect(faults.status).toBe(200);
		expect((await joined.next()).text).toBe(`{"event":"firmware_update","payload":{},"ref":null,"topic":"${topic}"}`);
		heartbeat(plain, 'plain');
		expect(await plain.nextJson()).toMatchObject({ref: 'plain'});
	});
});
