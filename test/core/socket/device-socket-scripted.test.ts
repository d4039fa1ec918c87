import {Buffer} from 'node:buffer';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {WebSocketServer, type WebSocket} from 'ws';
import {Backoff} from '../../../source/core/backoff.js';
import {DeviceSocket} from '../../../source/core/socket/device-socket.js';
import type {SocketSnapshot} from '../../../source/core/socket/socket-types.js';
import {ManualClock} from '../../../support/manual-clock.js';
import {waitForSnapshot} from '../../../support/wait-for.js';

// A bare websocket server that answers joins and lets each test push frames the emulator never sends.
let server: WebSocketServer | undefined;
let socket: DeviceSocket | undefined;

afterEach(async () => {
	await socket?.stop();
	socket = undefined;
	for (const client of server?.clients ?? []) {
		client.terminate();
	}

	await new Promise(resolve => {
		if (server) {
			server.close(resolve);
		} else {
			resolve(undefined);
		}
	});
	server = undefined;
});

async function scripted(maxPayloadBytes?: number) {
	server = new WebSocketServer({port: 0, host: '127.0.0.1', maxPayload: 64 * 1024 * 1024});
	await new Promise(resolve => {
		server!.once('listening', resolve);
	});
	const clients: WebSocket[] = [];
	server.on('connection', ws => {
		clients.push(ws);
		ws.on('message', data => {
			const message = JSON.parse((data as Buffer).toString()) as {topic: string; event: string; ref: string};
			ws.send(JSON.stringify({event: 'phx_reply', payload: {response: {}, status: 'ok'}, ref: message.ref, topic: message.topic}));
		});
	});
	const clock = new ManualClock();
	socket = new DeviceSocket({
		clock, apiUrl: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), getToken: () => 'tok', redact: text => text,
		backoff: new Backoff({minMs: 1000, maxMs: 30_000, jitter: 0}), ...(maxPayloadBytes ? {maxPayloadBytes} : {}),
	});
	socket.connect('devices:d');
	await waitForSnapshot(socket, snapshot => snapshot.state === 'joined', 'joined');
	return {clock, socket, latest: () => clients.at(-1)!};
}

const joined = (connections: number) => (snapshot: SocketSnapshot) => snapshot.state === 'joined' && snapshot.connections === connections;

describe('DeviceSocket against a scripted server', () => {
	it('records a frame over 1 MiB as a protocol error and stays connected', async () => {
		const {socket, latest} = await scripted();
		latest().send(JSON.stringify({topic: 'devices:d', event: 'status_updated', payload: 'x'.repeat((1024 * 1024) + 10), ref: null}));
		const snapshot = await waitForSnapshot(socket, s => s.protocolErrors === 1, 'a protocol error');
		expect(snapshot.lastProtocolError?.detail).toMatch(/^frame of 1048\d+ bytes is over the 1048576-byte limit$/);
		expect(snapshot.state).toBe('joined');
	});

	it('reconnects when a frame is over even the transport limit (close 1009)', async () => {
		const {clock, socket, latest} = await scripted(2 * 1024 * 1024);
		latest().send('x'.repeat(3 * 1024 * 1024));
		const waiting = await waitForSnapshot(socket, s => s.state === 'waiting', 'waiting');
		expect(waiting.lastClose?.reason).toBe('Max payload size exceeded');
		await clock.advance(1000);
		await waitForSnapshot(socket, joined(2), 'joined again');
	});

	it('rejoins after phx_error and phx_close on the device topic', async () => {
		const {clock, socket, latest} = await scripted();
		latest().send(JSON.stringify({event: 'phx_error', payload: {reason: 'channel_crash'}, ref: null, topic: 'devices:d'}));
		const errored = await waitForSnapshot(socket, s => s.join.phase === 'errored', 'errored');
		expect(errored).toMatchObject({state: 'open', join: {lastError: 'phx_error from the server: channel_crash'}});
		await clock.advance(errored.join.nextRejoinAt! - clock.now());
		await waitForSnapshot(socket, s => s.state === 'joined', 'rejoined');
		latest().send(JSON.stringify({event: 'phx_close', payload: {}, ref: null, topic: 'devices:d'}));
		const closed = await waitForSnapshot(socket, s => s.join.phase === 'errored', 'closed channel');
		expect(closed.join.lastError).toBe('phx_close from the server');
		await clock.advance(closed.join.nextRejoinAt! - clock.now());
		expect(await waitForSnapshot(socket, s => s.state === 'joined', 'rejoined again')).toMatchObject({connections: 1});
	});

	it('treats binary frames, replies to unknown refs and odd status payloads calmly', async () => {
		const {socket, latest} = await scripted();
		latest().send(Buffer.from([1, 2, 3]));
		latest().send(JSON.stringify({event: 'phx_reply', payload: {status: 'ok', response: {}}, ref: '999', topic: 'phoenix'}));
		latest().send(JSON.stringify({event: 'status_updated', payload: {paused: true}, ref: null, topic: 'devices:d'}));
		const snapshot = await waitForSnapshot(socket, s => s.protocolErrors === 2 && s.framesIn >= 4, 'two protocol errors');
		expect(snapshot.lastProtocolError?.detail).toBe('status_updated with payload {"paused":true}, not "paused" or "resumed"');
		expect(snapshot.state).toBe('joined');
	});
});
