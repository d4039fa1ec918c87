import {connect} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {TestSocket} from '../../helpers/ws-client.js';

afterEach(cleanup);

function wsBase(url: string): string {
	return url.replace(/^http/, 'ws');
}

/** Sends a raw upgrade request and returns the HTTP status line the server answers with. */
async function rawUpgrade(port: number, path: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1', () => {
			socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
		});
		let text = '';
		socket.on('data', chunk => {
			text += chunk.toString();
		});
		socket.on('close', () => {
			resolve(text.split('\r\n')[0] ?? '');
		});
		socket.on('error', reject);
	});
}

describe('websocket upgrade at /devices/websocket', () => {
	it('accepts a valid token with %20, with + and with an extra vsn=1.0.0', async () => {
		const {emulator} = await startTestEmulator();
		const base = `${wsBase(emulator.url)}/devices/websocket`;
		for (const query of ['Authorization=Bearer%20demo', 'Authorization=Bearer+demo', 'Authorization=Bearer%20demo&vsn=1.0.0', 'vsn=1.0.0&Authorization=Bearer%20demo']) {
			const outcome = await TestSocket.connect(`${base}?${query}`);
			expect(outcome.kind, query).toBe('open');
		}

		const device = emulator.control.state().devices[0]!;
		expect(device.connectionsAccepted).toBe(4);
		expect(emulator.control.state().connections).toHaveLength(4);
	});

	it('answers the 101 switch with the raw handshake', async () => {
		const {emulator} = await startTestEmulator();
		// The server switches protocols and keeps the socket: the status line arrives before we close it.
		const status = await new Promise<string>((resolve, reject) => {
			const socket = connect(emulator.port, '127.0.0.1', () => {
				socket.write('GET /devices/websocket?Authorization=Bearer%20demo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
					+ 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
			});
			socket.once('data', chunk => {
				resolve(chunk.toString().split('\r\n')[0] ?? '');
				socket.destroy();
			});
			socket.on('error', reject);
		});
		expect(status).toBe('HTTP/1.1 101 Switching Protocols');
	});

	it('refuses a missing, unknown or expired token with a plain 403 and counts it', async () => {
		const {emulator} = await startTestEmulator();
		const base = `${wsBase(emulator.url)}/devices/websocket`;
		for (const query of ['', '?Authorization=Bearer%20nope', '?Authorization=demo', '?Authorization=Bearer%20']) {
			expect(await TestSocket.connect(`${base}${query}`), query).toEqual({kind: 'rejected', status: 403});
		}

		expect(emulator.control.state().devices[0]!.connectionsRejected).toBe(0);
		emulator.control.expireToken();
		expect(await TestSocket.connect(`${base}?Authorization=Bearer%20demo`)).toEqual({kind: 'rejected', status: 403});
		const state = emulator.control.state();
		// The counters add up: 4 unknown (or missing) tokens, and 1 of the device's own, expired.
		expect(state.upgradesRejected).toBe(5);
		expect(state.upgradesRejectedUnknownToken).toBe(4);
		expect(state.devices[0]!.connectionsRejected).toBe(1);
		expect(state.connections).toEqual([]);
		expect(await rawUpgrade(emulator.port, '/devices/websocket?Authorization=Bearer%20nope')).toBe('HTTP/1.1 403 Forbidden');
	});

	it('answers 404 on other paths and 400 for another vsn, without upgrading', async () => {
		const {emulator} = await startTestEmulator();
		expect(await TestSocket.connect(`${wsBase(emulator.url)}/socket/websocket?Authorization=Bearer%20demo`)).toEqual({kind: 'rejected', status: 404});
		expect(await TestSocket.connect(`${wsBase(emulator.url)}/devices/websocket?Authorization=Bearer%20demo&vsn=2.0.0`)).toEqual({kind: 'rejected', status: 400});
		expect(emulator.control.state().connections).toEqual([]);
		expect(emulator.control.state().devices[0]!.connectionsAccepted).toBe(0);
	});

	it('accepts each device token for its own device only', async () => {
		const {emulator, openSocket} = await startTestEmulator({devices: [{id: 'one', token: 'a'}, {id: 'two', token: 'b'}]});
		await openSocket('a');
		await openSocket('b');
		await openSocket('b');
		const state = emulator.control.state();
		expect(state.connections.map(connection => connection.deviceId).sort()).toEqual(['one', 'two', 'two']);
		expect(state.devices.map(device => device.connectionsAccepted)).toEqual([1, 2]);
	});
});
