import {afterEach, expect, it} from 'vitest';
import {baseUrl, startEmulator} from '../../source/emulator/start-emulator.js';
import {cleanup, getJson, startTestEmulator, waitUntil} from '../helpers/emulator-fixture.js';
import {ManualClock} from '../../support/manual-clock.js';
import {TestSocket} from '../helpers/ws-client.js';

afterEach(cleanup);

it('close() stops listening, cuts every socket and clears every timer', async () => {
	const {emulator, clock, openSocket, joinedSocket} = await startTestEmulator();
	const plain = await openSocket();
	const joined = await joinedSocket();
	emulator.control.setFaults({reorderReplies: true, replyDelayMs: 10_000, httpLatencyMs: 5000});
	joined.sendJson({topic: 'phoenix', event: 'heartbeat', payload: {}, ref: 'held'});
	await waitUntil(() => emulator.control.state().connections[1]!.heartbeats.length === 1, 'the heartbeat arrives');
	const held = getJson(`${emulator.url}/health`);
	await waitUntil(() => clock.pending === 4, 'the response is held (2 idle timers, 1 reply, 1 response)');

	await emulator.close();
	expect(clock.pending).toBe(0);
	expect((await plain.closed).code).toBe(1006);
	expect((await joined.closed).code).toBe(1006);
	await expect(held).rejects.toThrow();
	await expect(fetch(`${emulator.url}/health`)).rejects.toThrow();
	expect((await TestSocket.connect(`${emulator.url.replace('http', 'ws')}/devices/websocket?Authorization=Bearer%20demo`)).kind).toBe('error');
	// Idempotent.
	await emulator.close();
	await clock.advance(10 * 60 * 1000);
});

it('starts on a chosen port, and rejects a second start on the same port', async () => {
	const first = await startEmulator({port: 0, clock: new ManualClock()});
	try {
		expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
		await expect(startEmulator({port: first.port, clock: new ManualClock()})).rejects.toMatchObject({code: 'EADDRINUSE'});
	} finally {
		await first.close();
	}
});

it('uses the system clock by default', async () => {
	const emulator = await startEmulator();
	try {
		expect((await getJson(`${emulator.url}/health`)).status).toBe(200);
		expect(Math.abs(emulator.control.state().now - Date.now())).toBeLessThan(5000);
	} finally {
		await emulator.close();
	}
});

it('brackets an IPv6 host in the URL', () => {
	expect(baseUrl('::1', 4010)).toBe('http://[::1]:4010');
	expect(baseUrl('localhost', 80)).toBe('http://localhost:80');
});
