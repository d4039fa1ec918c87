import {Socket} from 'phoenix';
import {afterEach, expect, it} from 'vitest';
import {WebSocket} from 'ws';
import {cleanup, startTestEmulator, waitUntil} from '../../helpers/emulator-fixture.js';

let socket: Socket | undefined;

afterEach(async () => {
	if (socket) {
		const closing = socket;
		socket = undefined;
		await new Promise<void>(resolve => {
			closing.disconnect(resolve);
		});
	}

	await cleanup();
});

async function within<T>(what: string, executor: (resolve: (value: T) => void, reject: (error: unknown) => void) => void, ms = 5000): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => {
			reject(new Error(`timed out waiting for ${what}`));
		}, ms);
		executor(value => {
			clearTimeout(timer);
			resolve(value);
		}, error => {
			clearTimeout(timer);
			reject(error instanceof Error ? error : new Error(`${what} failed: ${JSON.stringify(error)}`));
		});
	});
}

it('interoperates with the official Phoenix JS client (V1 JSON)', async () => {
	const {emulator, clock} = await startTestEmulator();
	const deviceId = emulator.control.state().devices[0]!.id;
	socket = new Socket(`${emulator.url.replace('http', 'ws')}/devices`, {
		transport: WebSocket,
		vsn: '1.0.0',
		params: {Authorization: 'Bearer demo'},
		encode(message, callback) {
			callback(JSON.stringify(message));
		},
		decode(raw, callback) {
			callback(JSON.parse(raw));
		},
		reconnectAfterMs: () => 60_000,
	});
	// The phoenix.js client appends /websocket and encodes the params (the space becomes %20) plus vsn.
	expect(socket.endPointURL()).toBe(`${emulator.url.replace('http', 'ws')}/devices/websocket?Authorization=Bearer%20demo&vsn=1.0.0`);
	const client = socket;

	await within<void>('the socket to open', resolve => {
		client.onOpen(() => {
			resolve();
		});
		client.connect();
	});

	const channel = client.channel(`devices:${deviceId}`);
	const statusUpdates: unknown[] = [];
	channel.on('status_updated', payload => statusUpdates.push(payload));
	const joinResponse = await within<unknown>('the join', (resolve, reject) => {
		channel.join().receive('ok', resolve).receive('error', reject).receive('timeout', () => {
			reject(new Error('join timeout'));
		});
	});
	expect(joinResponse).toEqual({});
	expect(channel.state).toBe('joined');

	// Phoenix.js ends a ping on any message with its ref: the one that ends it must be the heartbeat's ok reply.
	const messages: unknown[] = [];
	client.onMessage(message => messages.push(message));
	await within<number>('a heartbeat round trip', resolve => {
		expect(client.ping(resolve)).toBe(true);
	});
	const connection = emulator.control.state().connections[0]!;
	expect(connection.heartbeats).toHaveLength(1);
	expect(connection.joinedTopics).toEqual([`devices:${deviceId}`]);
	expect(messages.at(-1)).toEqual({topic: 'phoenix', event: 'phx_reply', payload: {status: 'ok', response: {}}, ref: connection.heartbeats[0]!.ref});

	// The round trip on the emulator's (manual) clock: with replies delayed by 500 ms, the reply to a heartbeat
	// comes when 500 ms of the emulator's time have passed since it arrived, and not before.
	emulator.control.setFaults({replyDelayMs: 500});
	let repliedAt: number | undefined;
	const delayedReply = within<void>('the delayed heartbeat reply', resolve => {
		expect(client.ping(() => {
			repliedAt = clock.now();
			resolve();
		})).toBe(true);
	});
	await waitUntil(() => emulator.control.state().connections[0]!.heartbeats.length === 2, 'the server got the second heartbeat');
	await clock.advance(499);
	const paused = within<unknown>('status_updated', resolve => {
		channel.on('status_updated', resolve);
	});
	emulator.control.pause();
	// Events are not delayed, and the socket keeps order: a reply written before the pause has arrived by now.
	expect(await paused).toBe('paused');
	expect(repliedAt).toBeUndefined();
	await clock.advance(1);
	await delayedReply;
	expect(repliedAt! - emulator.control.state().connections[0]!.heartbeats[1]!.at).toBe(500);
	emulator.control.setFaults({replyDelayMs: 0});
	expect(statusUpdates).toEqual(['paused']);
	expect(emulator.control.state().devices[0]!.statusEventsSent).toBe(1);

	const left = within<unknown>('the leave', resolve => {
		channel.leave().receive('ok', resolve);
	});
	expect(await left).toEqual({});
	// Phoenix.js acknowledges a leave locally; the server's phx_leave handling follows.
	await waitUntil(() => emulator.control.state().connections[0]!.joinedTopics.length === 0, 'the server saw the leave');
});
