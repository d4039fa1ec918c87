import {afterEach, describe, expect, it} from 'vitest';
import {Backoff} from '../../../source/core/backoff.js';
import {DeviceSocket} from '../../../source/core/socket/device-socket.js';
import type {SocketEvent, SocketSnapshot} from '../../../source/core/socket/socket-types.js';
import {startEmulator} from '../../../source/emulator/start-emulator.js';
import {cleanup, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {ManualClock} from '../../../support/manual-clock.js';
import {record, waitForEvent, waitForSnapshot} from '../../../support/wait-for.js';
import {decodedOnly, eventOf, malformedOnly} from '../../helpers/frames.js';

const sockets: DeviceSocket[] = [];

afterEach(async () => {
	await Promise.all(sockets.splice(0).map(async socket => socket.stop()));
	await cleanup();
});

function deviceSocket(clock: ManualClock, url: string, getToken: () => string, options: {heartbeatIntervalMs?: number; maxPayloadBytes?: number} = {}) {
	const socket = new DeviceSocket({
		clock, apiUrl: new URL(url), getToken, redact: text => text.replaceAll('tok', '[redacted]'),
		backoff: new Backoff({minMs: 1000, maxMs: 30_000, jitter: 0}), ...options,
	});
	sockets.push(socket);
	return socket;
}

const isState = (state: SocketSnapshot['state']) => (snapshot: SocketSnapshot) => snapshot.state === state;
const frames = (socket: DeviceSocket) => {
	const all = record(socket.events);
	return () => all.values.filter((event): event is Extract<SocketEvent, {type: 'frame'}> => event.type === 'frame').map(event => event.entry);
};

const heartbeatReply = async (socket: DeviceSocket) => waitForEvent(
	socket.events,
	(event: SocketEvent) => event.type === 'frame' && event.entry.kind === 'frame' && event.entry.reply?.requestEvent === 'heartbeat',
	'a heartbeat reply',
);

async function joinedSocket(options: Parameters<typeof startTestEmulator>[0] = {}) {
	const fixture = await startTestEmulator({token: 'tok', ...options});
	const deviceId = fixture.emulator.control.state().devices[0]!.id;
	const socket = deviceSocket(fixture.clock, fixture.emulator.url, () => 'tok');
	const traffic = frames(socket);
	socket.connect(`devices:${deviceId}`);
	await waitForSnapshot(socket, isState('joined'), 'joined');
	return {...fixture, deviceId, socket, traffic};
}

describe('DeviceSocket: connect and join', () => {
	it('connects with the token in the query and joins devices:<id> with payload ""', async () => {
		const {emulator, deviceId, socket, traffic} = await joinedSocket();
		expect(emulator.control.state().connections).toMatchObject([{deviceId, joinedTopics: [`devices:${deviceId}`]}]);
		const [join, reply] = traffic();
		expect(join).toMatchObject({direction: 'out', topic: `devices:${deviceId}`, event: 'phx_join', payload: '', ref: '1', connection: 1});
		expect(reply).toMatchObject({direction: 'in', event: 'phx_reply', ref: '1', payload: {status: 'ok', response: {}}, reply: {requestEvent: 'phx_join', status: 'ok', latencyMs: 0}});
		expect(socket.getSnapshot()).toMatchObject({
			state: 'joined', attempt: 1, connections: 1, reconnects: 0, join: {phase: 'joined'}, url: emulator.url.replace('http', 'ws') + '/devices/websocket',
		});
	});

	it('heartbeats every 15 s on topic phoenix, each with a new ref, and pairs every reply', async () => {
		const {emulator, clock, socket, traffic} = await joinedSocket();
		const openedAt = socket.getSnapshot().openedAt!;
		for (let beat = 1; beat <= 4; beat++) {
			const reply = heartbeatReply(socket);
			await clock.advance(openedAt + (beat * 15_000) - clock.now());
			await reply;
		}

		const {heartbeats} = (emulator.control.state().connections[0]!);
		expect(heartbeats.map(beat => beat.at - openedAt)).toEqual([15_000, 30_000, 45_000, 60_000]);
		expect(new Set(heartbeats.map(beat => beat.ref)).size).toBe(4);
		const sent = decodedOnly(traffic()).filter(entry => entry.event === 'heartbeat');
		expect(sent.every(entry => entry.topic === 'phoenix' && entry.payload === '')).toBe(true);
		expect(socket.getSnapshot().heartbeat).toMatchObject({sent: 4, answered: 4, timeouts: 0, awaitingReply: false, lastRttMs: 0});
	});

	it('pairs replies that arrive out of order by their refs', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		emulator.control.setFaults({reorderReplies: true});
		const deviceId = emulator.control.state().devices[0]!.id;
		const socket = deviceSocket(clock, emulator.url, () => 'tok', {heartbeatIntervalMs: 500});
		const traffic = frames(socket);
		socket.connect(`devices:${deviceId}`);
		await waitForSnapshot(socket, isState('open'), 'open');
		await clock.advance(500);
		await waitForSnapshot(socket, isState('joined'), 'joined after reordered replies');
		const replies = decodedOnly(traffic()).filter(entry => entry.event === 'phx_reply');
		expect(replies.map(entry => [entry.ref, entry.reply?.requestEvent])).toEqual([['2', 'heartbeat'], ['1', 'phx_join']]);
		expect(socket.getSnapshot().heartbeat.answered).toBe(1);
	});
});

describe('DeviceSocket: staying connected', () => {
	it('abandons a silent half-open socket within 30 s of the last reply and connects again', async () => {
		const {emulator, clock, socket} = await joinedSocket();
		const lastSignOfLife = clock.now();
		emulator.control.setFaults({halfOpen: true});
		await clock.advance(15_000);
		expect(socket.getSnapshot().heartbeat.awaitingReply).toBe(true);
		const closed = waitForSnapshot(socket, isState('waiting'), 'waiting after a heartbeat timeout');
		await clock.advance(15_000);
		const snapshot = await closed;
		expect(snapshot.lastClose).toMatchObject({by: 'client', reason: 'heartbeat timeout: no reply within 15 s'});
		expect(snapshot.lastClose!.at - lastSignOfLife).toBeLessThanOrEqual(30_000);
		expect(snapshot.heartbeat.timeouts).toBe(1);
		expect(snapshot.heartbeatTimeouts).toBe(1);
		emulator.control.setFaults({halfOpen: false});
		await clock.advance(1000);
		expect(await waitForSnapshot(socket, isState('joined'), 'joined again')).toMatchObject({connections: 2, reconnects: 1});
	});

	it('counts heartbeats per connection: a new connection shows nothing of the last one\'s', async () => {
		const {emulator, clock, socket} = await joinedSocket();
		await clock.advance(30_000);
		expect(socket.getSnapshot().heartbeat).toMatchObject({sent: 2, answered: 2, lastReplyAt: clock.now()});
		// One heartbeat left unanswered ends the connection.
		emulator.control.setFaults({halfOpen: true});
		await clock.advance(30_000);
		await waitForSnapshot(socket, isState('waiting'), 'waiting after a heartbeat timeout');
		emulator.control.setFaults({halfOpen: false});
		await clock.advance(1000);
		const rejoined = await waitForSnapshot(socket, isState('joined'), 'joined again');
		// No reply a minute ago, no unanswered heartbeat, no round trip of the last connection.
		expect(rejoined.heartbeat).toMatchObject({sent: 0, answered: 0, timeouts: 0, lastSentAt: null, lastReplyAt: null, lastRttMs: null, averageRttMs: null, awaitingReply: false});
		expect(rejoined.heartbeatTimeouts).toBe(1);
		await clock.advance(15_000);
		expect(socket.getSnapshot().heartbeat).toMatchObject({sent: 1, answered: 1, lastReplyAt: clock.now(), timeouts: 0});
	});

	it.each([
		['a clean close', {hard: false}, {code: 1000, by: 'server', reason: 'dropped by emulator'}],
		['a hard cut', {hard: true}, {code: 1006, by: 'network'}],
	])('reconnects and rejoins after %s', async (_name, drop, close) => {
		const {emulator, clock, socket, deviceId} = await joinedSocket();
		const waiting = waitForSnapshot(socket, isState('waiting'), 'waiting');
		emulator.control.drop(drop);
		expect(await waiting).toMatchObject({lastClose: close, nextRetryAt: clock.now() + 1000});
		await clock.advance(1000);
		await waitForSnapshot(socket, isState('joined'), 'joined again');
		expect(emulator.control.state().connections).toMatchObject([{deviceId, joinedTopics: [`devices:${deviceId}`]}]);
	});

	it('takes the server\'s idle-timeout close (1000) as a drop, not as the end', async () => {
		const {clock, socket} = await joinedSocket({idleTimeoutSeconds: 10});
		const waiting = waitForSnapshot(socket, isState('waiting'), 'waiting after idle timeout');
		await clock.advance(10_000);
		expect((await waiting).lastClose).toMatchObject({code: 1000, by: 'server', reason: 'idle timeout'});
		await clock.advance(1000);
		await waitForSnapshot(socket, isState('joined'), 'joined again');
	});

	it('keeps trying with growing backoff while the server is down and rejoins after it restarts', async () => {
		const {emulator, clock, socket, deviceId} = await joinedSocket();
		const port = Number(new URL(emulator.url).port);
		await emulator.close();
		const first = await waitForSnapshot(socket, isState('waiting'), 'waiting');
		expect(first.nextRetryAt! - clock.now()).toBe(1000);
		const delays: number[] = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			await clock.advance(socket.getSnapshot().nextRetryAt! - clock.now());
			const waiting = await waitForSnapshot(socket, snapshot => snapshot.state === 'waiting' && snapshot.connections === attempt + 2, 'waiting again');
			delays.push(waiting.nextRetryAt! - clock.now());
			expect(waiting.lastClose).toMatchObject({by: 'network'});
		}

		expect(delays).toEqual([2000, 4000, 8000]);
		const restarted = await startEmulator({port, token: 'tok', deviceId, clock});
		try {
			await clock.advance(8000);
			expect(await waitForSnapshot(socket, isState('joined'), 'joined after restart')).toMatchObject({connections: 5});
		} finally {
			await socket.stop();
			await restarted.close();
		}
	});

	it('is rejected on 403, retries only once a minute, and at once when the token changes', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'good'});
		const deviceId = emulator.control.state().devices[0]!.id;
		let token = 'expired';
		const socket = deviceSocket(clock, emulator.url, () => token);
		socket.connect(`devices:${deviceId}`);
		const rejected = await waitForSnapshot(socket, isState('rejected'), 'rejected');
		expect(rejected.rejection).toMatchObject({status: 403});
		expect(rejected.rejection!.message).toMatch(/^the server refused the socket with HTTP 403: the token is missing, wrong or expired/);
		expect(rejected.nextRetryAt! - clock.now()).toBe(60_000);
		await clock.advance(59_999);
		expect(socket.getSnapshot().connections).toBe(1);
		await clock.advance(1);
		await waitForSnapshot(socket, snapshot => snapshot.state === 'rejected' && snapshot.connections === 2, 'rejected again');
		token = 'good';
		socket.tokenChanged();
		expect(await waitForSnapshot(socket, isState('joined'), 'joined with the new token')).toMatchObject({rejection: null, connections: 3});
		expect(emulator.control.state().upgradesRejected).toBe(2);
	});

	it('uses a new token at once when it changes while connecting, or while the old one is being refused', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'good'});
		const deviceId = emulator.control.state().devices[0]!.id;
		let token = 'stale';
		const socket = deviceSocket(clock, emulator.url, () => token);
		socket.connect(`devices:${deviceId}`);
		token = 'good';
		// No tokenChanged() yet: the attempt with the stale token is refused, and the new token is tried at once.
		const rejected = await waitForSnapshot(socket, isState('rejected'), 'rejected');
		expect(rejected.nextRetryAt).toBe(clock.now());
		await clock.advance(0);
		await waitForSnapshot(socket, isState('joined'), 'joined with the new token');
		token = 'stale';
		socket.reconnectNow();
		expect(socket.getSnapshot().state).toBe('connecting');
		token = 'good';
		socket.tokenChanged();
		expect(await waitForSnapshot(socket, isState('joined'), 'joined again')).toMatchObject({connections: 4});
	});

	it('does not let a manual reconnect hammer a rejected token', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'good'});
		let token = 'expired';
		const socket = deviceSocket(clock, emulator.url, () => token);
		socket.connect(`devices:${emulator.control.state().devices[0]!.id}`);
		await waitForSnapshot(socket, isState('rejected'), 'rejected');
		for (let press = 0; press < 5; press++) {
			expect(socket.reconnectNow()).toBe('rejected');
		}

		expect(socket.getSnapshot().connections).toBe(1);
		token = 'good';
		expect(socket.reconnectNow()).toBe('now');
		await waitForSnapshot(socket, isState('joined'), 'joined with the new token');
		expect(emulator.control.state().upgradesRejected).toBe(1);
	});

	it('keeps backing off from a server that accepts connections but never answers', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		emulator.control.setFaults({halfOpen: true});
		const socket = deviceSocket(clock, emulator.url, () => 'tok');
		socket.connect(`devices:${emulator.control.state().devices[0]!.id}`);
		const delays: number[] = [];
		for (let connection = 1; connection <= 3; connection++) {
			await waitForSnapshot(socket, snapshot => snapshot.state === 'open' && snapshot.connections === connection, `connection ${connection} open`);
			const waiting = waitForSnapshot(socket, snapshot => snapshot.state === 'waiting' && snapshot.connections === connection, `connection ${connection} given up`);
			await clock.advance(15_000);
			await clock.advance(15_000);
			const snapshot = await waiting;
			delays.push(snapshot.nextRetryAt! - clock.now());
			await clock.advance(snapshot.nextRetryAt! - clock.now());
		}

		expect(delays).toEqual([1000, 2000, 4000]);
	});

	it('reports a drop as closed then waiting, with no false open in between, and the join reply before joined', async () => {
		const fixture = await startTestEmulator({token: 'tok'});
		const socket = deviceSocket(fixture.clock, fixture.emulator.url, () => 'tok');
		const events = record(socket.events);
		socket.connect(`devices:${fixture.emulator.control.state().devices[0]!.id}`);
		await waitForSnapshot(socket, isState('joined'), 'joined');
		const waiting = waitForSnapshot(socket, isState('waiting'), 'waiting');
		fixture.emulator.control.drop();
		await waiting;
		const sequence = events.values.map(event => event.type === 'state' ? event.snapshot.state : (event.type === 'frame' ? `${event.entry.direction} ${eventOf(event.entry)}` : event.type));
		expect(sequence).toEqual(['connecting', 'open', 'out phx_join', 'in phx_reply', 'joined', 'closed', 'waiting']);
	});

	it('reports nothing on stop when it never connected', async () => {
		const clock = new ManualClock();
		const socket = deviceSocket(clock, 'http://127.0.0.1:9', () => 'tok');
		const events = record(socket.events);
		await socket.stop();
		expect(events.values).toEqual([]);
		expect(socket.getSnapshot().state).toBe('stopped');
	});

	it('reconnects at once on request', async () => {
		const {socket} = await joinedSocket();
		socket.reconnectNow();
		expect(socket.getSnapshot()).toMatchObject({state: 'connecting', connections: 2});
		await waitForSnapshot(socket, isState('joined'), 'joined again');
	});
});

describe('DeviceSocket: what the server sends', () => {
	it('turns status_updated into status events', async () => {
		const {emulator, socket} = await joinedSocket();
		const paused = waitForEvent(socket.events, (event: SocketEvent) => event.type === 'status', 'paused');
		emulator.control.pause();
		expect(await paused).toMatchObject({type: 'status', value: 'paused'});
		const resumed = waitForEvent(socket.events, (event: SocketEvent) => event.type === 'status', 'resumed');
		emulator.control.resume();
		expect(await resumed).toMatchObject({type: 'status', value: 'resumed'});
	});

	it('records unknown events and malformed frames, and stays joined', async () => {
		const {emulator, clock, socket, traffic} = await joinedSocket();
		const unknown = waitForSnapshot(socket, snapshot => snapshot.unknownEvents === 1, 'an unknown event');
		emulator.control.setFaults({sendUnknownEvent: 'device_renamed'});
		expect((await unknown).lastUnknownEvent).toMatchObject({event: 'device_renamed'});
		const errors = record(socket.events);
		emulator.control.setFaults({sendMalformed: true});
		await waitForSnapshot(socket, snapshot => snapshot.protocolErrors >= 3, 'protocol errors');
		const malformed = malformedOnly(traffic());
		expect(malformed.length).toBeGreaterThanOrEqual(3);
		expect(malformed.every(entry => entry.direction === 'in' && entry.text !== undefined)).toBe(true);
		expect(errors.values.some(event => event.type === 'protocol-error')).toBe(true);
		const reply = heartbeatReply(socket);
		await clock.advance(15_000);
		await reply;
		expect(socket.getSnapshot()).toMatchObject({state: 'joined', connections: 1});
	});

	it('rejoins with backoff when the join is refused', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		const socket = deviceSocket(clock, emulator.url, () => 'tok');
		socket.connect('devices:someone-else');
		const refused = await waitForSnapshot(socket, snapshot => snapshot.join.phase === 'errored', 'a refused join');
		expect(refused).toMatchObject({state: 'open', join: {lastError: 'join refused: unmatched topic'}});
		const firstDelay = refused.join.nextRejoinAt! - clock.now();
		expect(firstDelay).toBeGreaterThanOrEqual(1000);
		expect(firstDelay).toBeLessThanOrEqual(1300);
		const second = waitForSnapshot(socket, snapshot => snapshot.join.attempts === 2 && snapshot.join.phase === 'errored', 'a second refusal');
		await clock.advance(firstDelay);
		const secondDelay = (await second).join.nextRejoinAt! - clock.now();
		expect(secondDelay).toBeGreaterThanOrEqual(2000);
		expect(secondDelay).toBeLessThanOrEqual(2600);
		expect(socket.getSnapshot().connections).toBe(1);
	});

	it('closes with 1000 on stop and leaves no timer behind', async () => {
		const {emulator} = await startTestEmulator({token: 'tok'});
		const clock = new ManualClock();
		const socket = deviceSocket(clock, emulator.url, () => 'tok');
		socket.connect(`devices:${emulator.control.state().devices[0]!.id}`);
		await waitForSnapshot(socket, isState('joined'), 'joined');
		await socket.stop();
		expect(socket.getSnapshot()).toMatchObject({state: 'stopped', lastClose: {code: 1000, by: 'client', reason: 'monitor stopped'}});
		expect(clock.pending).toBe(0);
		expect(emulator.control.state().connections).toEqual([]);
	});
});
