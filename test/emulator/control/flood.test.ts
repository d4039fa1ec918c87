import {Buffer} from 'node:buffer';
import {afterEach, describe, expect, it} from 'vitest';
import {defaultFloodCount, floodFrames, floodSocket, type FloodTarget} from '../../../source/emulator/control/flood.js';
import {encodeMessage} from '../../../source/emulator/socket/phoenix-frame.js';
import type {FloodResult} from '../../../source/emulator/types.js';
import {cleanup, postJson, startTestEmulator} from '../../helpers/emulator-fixture.js';
import type {TestSocket} from '../../helpers/ws-client.js';

afterEach(cleanup);

const deviceId = '7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001';
const topic = `devices:${deviceId}`;

type Received = {
	/** Flood frames seen so far. */
	readonly floods: () => number;
	/** Resolves with what arrived up to and including the first status_updated. */
	readonly status: Promise<{readonly floods: number; readonly payload: unknown; readonly outOfOrder: number; readonly first: string | undefined}>;
};

/** Watches a socket's frames as they arrive: flood frames must come with seq 0, 1, 2 … before the status. */
function watch(socket: TestSocket, event = 'flood'): Received {
	let floods = 0;
	let outOfOrder = 0;
	let first: string | undefined;
	const status = new Promise<{floods: number; payload: unknown; outOfOrder: number; first: string | undefined}>(resolve => {
		socket.ws.on('message', data => {
			const text = Buffer.from(data as Buffer).toString();
			const message = JSON.parse(text) as {event: string; payload: {seq?: number}};
			if (message.event === event) {
				first ??= text;
				if (message.payload.seq !== floods) {
					outOfOrder++;
				}

				floods++;
			} else if (message.event === 'status_updated') {
				resolve({floods, payload: message.payload, outOfOrder, first});
			}
		});
	});
	return {floods: () => floods, status};
}

describe('the flood control (POST /_emulator/flood, control.flood)', () => {
	it('pushes 100,000 frames in order to a joined socket, then pauses the device; answers when done', async () => {
		const {emulator, joinedSocket} = await startTestEmulator();
		const socket = await joinedSocket();
		const received = watch(socket);
		const response = await postJson(`${emulator.url}/_emulator/flood`, {});
		expect(response.status).toBe(200);
		const result = response.body as FloodResult;
		expect(result).toMatchObject({device: deviceId, topic, event: 'flood', count: defaultFloodCount, payloadBytes: 60, sent: defaultFloodCount, afterwards: 'pause', batch: true, statusSent: 1});
		expect(result.sockets).toEqual([{id: 1, sent: defaultFloodCount, complete: true}]);
		const {floods, payload, outOfOrder, first} = await received.status;
		expect(floods).toBe(defaultFloodCount);
		expect(outOfOrder).toBe(0);
		expect(payload).toBe('paused');
		// V1 JSON as the emulator encodes every push, with a 60-byte payload.
		const message = JSON.parse(first!) as {topic: string; event: string; payload: unknown; ref: null};
		expect(message).toEqual({event: 'flood', payload: {seq: 0, pad: expect.stringMatching(/^x+$/) as string}, ref: null, topic});
		expect(first).toBe(encodeMessage(message));
		expect(JSON.stringify(message.payload)).toHaveLength(60);
		expect(Buffer.byteLength(first!)).toBe(result.frameBytes);
		expect(emulator.control.state().devices[0]).toMatchObject({paused: true, statusEventsSent: 1});
		expect(emulator.control.state().connections[0]!.framesOut).toBe(defaultFloodCount + 2);
	});

	it('floods every joined socket of the device, not its unjoined ones or other devices\'', async () => {
		const devices = [{id: 'cam-a', token: 'token-a'}, {id: 'cam-b', token: 'token-b'}];
		const {emulator, joinedSocket, openSocket} = await startTestEmulator({devices});
		const a1 = await joinedSocket('token-b', 'cam-b');
		const a2 = await joinedSocket('token-b', 'cam-b');
		const unjoined = await openSocket('token-b');
		const other = await joinedSocket('token-a', 'cam-a');
		const watched = [watch(a1, 'burst'), watch(a2, 'burst')];
		const [unjoinedFrames, otherFrames] = [watch(unjoined, 'burst'), watch(other, 'burst')];
		const result = await emulator.control.flood({deviceId: 'cam-b', count: 5000, payloadBytes: 200, event: 'burst'});
		expect(result).toMatchObject({device: 'cam-b', sent: 10_000, statusSent: 2});
		expect(result.sockets.every(socket => socket.complete && socket.sent === 5000)).toBe(true);
		for (const {status} of watched) {
			expect(await status).toMatchObject({floods: 5000, outOfOrder: 0, payload: 'paused'});
		}

		const first = JSON.parse((await watched[0]!.status).first!) as {payload: unknown};
		expect(JSON.stringify(first.payload)).toHaveLength(200);
		expect(unjoinedFrames.floods()).toBe(0);
		expect(otherFrames.floods()).toBe(0);
		expect(emulator.control.state().devices.map(device => device.paused)).toEqual([false, true]);
	});

	it('"afterwards": "none" sends no status and "resume" resumes; the device can be named in the query', async () => {
		const devices = [{id: 'cam-a', token: 'token-a'}, {id: 'cam-b', token: 'token-b'}];
		const {emulator, joinedSocket} = await startTestEmulator({devices});
		const socket = await joinedSocket('token-b', 'cam-b');
		const none = await postJson(`${emulator.url}/_emulator/flood?device=cam-b`, {count: 3, afterwards: 'none'});
		expect(none).toMatchObject({status: 200, body: {device: 'cam-b', sent: 3, afterwards: 'none', statusSent: 0}});
		emulator.control.pause('cam-b');
		expect(await socket.nextMatching(frame => frame.text.includes('status_updated'))).toMatchObject({text: expect.stringContaining('"paused"') as string});
		const received = watch(socket);
		const resume = await postJson(`${emulator.url}/_emulator/flood`, {device: 'cam-b', count: 10, afterwards: 'resume'});
		expect(resume).toMatchObject({status: 200, body: {sent: 10, afterwards: 'resume', statusSent: 1}});
		expect(await received.status).toMatchObject({floods: 10, outOfOrder: 0, payload: 'resumed'});
	});

	it('"batch": false writes each frame on its own, in order all the same', async () => {
		const {emulator, joinedSocket} = await startTestEmulator();
		const socket = await joinedSocket();
		const received = watch(socket);
		const result = await postJson(`${emulator.url}/_emulator/flood`, {count: 20_000, batch: false});
		expect(result).toMatchObject({status: 200, body: {sent: 20_000, batch: false, statusSent: 1}});
		expect(await received.status).toMatchObject({floods: 20_000, outOfOrder: 0, payload: 'paused'});
	});

	it('survives a socket that closes mid-flood: the others get everything, no timer is left, the next flood works', async () => {
		const {emulator, clock, joinedSocket} = await startTestEmulator();
		const quitter = await joinedSocket();
		const stayer = await joinedSocket();
		const timersBefore = clock.pending;
		const watchedQuitter = watch(quitter);
		quitter.ws.on('message', () => {
			if (quitter.ws.readyState === quitter.ws.OPEN && watchedQuitter.floods() >= 1000) {
				quitter.ws.terminate();
			}
		});
		const watchedStayer = watch(stayer);
		const result = await emulator.control.flood({count: 50_000});
		const [quit, stayed] = result.sockets;
		expect(quit).toMatchObject({id: 1, complete: false});
		expect(quit!.sent).toBeLessThan(50_000);
		expect(stayed).toEqual({id: 2, sent: 50_000, complete: true});
		expect(result.statusSent).toBe(1);
		expect(await watchedStayer.status).toMatchObject({floods: 50_000, outOfOrder: 0, payload: 'paused'});
		await quitter.closed;
		// The closed socket's idle timer went with it; the flood itself sets none.
		expect(clock.pending).toBeLessThan(timersBefore);
		expect(emulator.control.state().connections.map(connection => connection.id)).toEqual([2]);

		emulator.control.resume();
		const again = await emulator.control.flood({count: 100});
		expect(again).toMatchObject({sent: 100, statusSent: 1});
	});

	it('ends when the emulator closes mid-flood', async () => {
		const {emulator, joinedSocket} = await startTestEmulator();
		const socket = await joinedSocket();
		const flood = emulator.control.flood({count: 1_000_000});
		await new Promise<void>(resolve => {
			socket.ws.once('message', () => {
				resolve();
			});
		});
		await emulator.close();
		const result = await flood;
		expect(result.sockets[0]).toMatchObject({complete: false});
		expect(result.sent).toBeLessThan(1_000_000);
	});

	it('answers 400 with a clear message for a bad body, 404 for an unknown device, 409 when it cannot flood', async () => {
		const {emulator, joinedSocket} = await startTestEmulator();
		const url = `${emulator.url}/_emulator/flood`;
		const bad: Array<[unknown, RegExp | string]> = [
			['[1,2]', /JSON object/],
			['{"count":', /^bad JSON/],
			[{count: 0}, 'count must be a whole number from 1 to 10000000'],
			[{count: 1.5}, /^count must be a whole number/],
			[{count: '100'}, /^count must be a whole number/],
			[{count: 20_000_000}, /^count must be a whole number/],
			[{payloadBytes: -1}, /^payloadBytes must be a whole number from 0 to 2097152$/],
			[{event: ''}, /^event must be a non-empty string/],
			[{event: 5}, /^event must be a non-empty string/],
			[{afterwards: 'explode'}, /^afterwards must be one of "pause", "resume", "none"$/],
			[{device: 7}, /^device must be a string$/],
			[{batch: 'yes'}, /^batch must be true or false$/],
			[{cuont: 10}, /^unknown field "cuont"; a flood takes count, payloadBytes, event, afterwards, batch, device$/],
		];
		for (const [body, message] of bad) {
			const response = await postJson(url, body);
			expect(response.status, JSON.stringify(body)).toBe(400);
			expect((response.body as {error: string}).error, JSON.stringify(body)).toMatch(message);
		}

		expect(await postJson(url, {device: 'nope'})).toMatchObject({status: 404, body: {error: 'unknown device nope'}});
		expect(await postJson(url, {count: 5})).toMatchObject({status: 409, body: {error: `no socket has joined ${topic}: nothing to flood`}});
		await expect(emulator.control.flood({count: -5})).rejects.toThrow(/count must be/);

		const socket = await joinedSocket();
		const running = emulator.control.flood({count: 200_000, afterwards: 'none'});
		expect(await postJson(url, {count: 5})).toMatchObject({status: 409, body: {error: 'a flood is already running; wait for its answer'}});
		socket.ws.terminate();
		await running;

		await joinedSocket();
		emulator.control.pause();
		const paused = await postJson(url, {count: 5});
		expect(paused.status).toBe(409);
		expect((paused.body as {error: string}).error).toMatch(/already paused.*resume it first, or give "afterwards": "none"/);
		expect(emulator.control.state().devices[0]!.paused).toBe(true);
	});
});

describe('floodSocket (backpressure)', () => {
	it('never holds more than the high-water mark unwritten, and waits for the write before going on', async () => {
		const frame = floodFrames(topic, 'flood', 60);
		const frameBytes = frame(99_999).length;
		const pending: Array<() => void> = [];
		let buffered = 0;
		let maxBuffered = 0;
		let sends = 0;
		let corked = 0;
		let uncorkedSends = 0;
		const target: FloodTarget = {
			id: 1,
			get bufferedAmount() {
				return buffered;
			},
			cork() {
				corked++;
			},
			uncork() {
				corked--;
			},
			sendRaw(text, written) {
				if (corked !== 1) {
					uncorkedSends++;
				}

				buffered += text.length;
				maxBuffered = Math.max(maxBuffered, buffered);
				sends++;
				if (written) {
					pending.push(written);
				}

				return true;
			},
			onClosed: () => () => undefined,
		};
		const highWater = 16 * 1024;
		const flood = floodSocket(target, frame, 10_000, {highWater});
		let batches = 0;
		while (pending.length > 0) {
			// Nothing more is sent until the batch's last frame has been written.
			const sentBefore = sends;
			await Promise.resolve();
			expect(sends).toBe(sentBefore);
			batches++;
			buffered = 0;
			pending.shift()!();
		}

		expect(await flood).toEqual({id: 1, sent: 10_000, complete: true});
		expect(maxBuffered).toBeLessThanOrEqual(highWater + frameBytes);
		// Every batch was corked, and uncorked before waiting.
		expect(uncorkedSends).toBe(0);
		expect(corked).toBe(0);
		expect(batches).toBeGreaterThanOrEqual(Math.floor(10_000 * (frameBytes - 5) / highWater));
	});

	it('stops at a failed write or a close, with what it sent', async () => {
		let closed: (() => void) | undefined;
		const frame = floodFrames(topic, 'flood', 60);
		const failing: FloodTarget = {id: 1, bufferedAmount: 0, sendRaw(_text, written) {
			written?.(new Error('EPIPE'));
			return true;
		}, onClosed: () => () => undefined};
		expect(await floodSocket(failing, frame, 10, {highWater: 1})).toEqual({id: 1, sent: 1, complete: false});
		const closing: FloodTarget = {id: 2, bufferedAmount: 0, sendRaw: () => true, onClosed(listener) {
			closed = listener;
			return () => undefined;
		}};
		const flood = floodSocket(closing, frame, 10, {highWater: 1});
		closed!();
		expect(await flood).toEqual({id: 2, sent: 1, complete: false});
		const refused: FloodTarget = {id: 3, bufferedAmount: 0, sendRaw: () => false, onClosed: () => () => undefined};
		expect(await floodSocket(refused, frame, 10)).toEqual({id: 3, sent: 0, complete: false});
	});
});
