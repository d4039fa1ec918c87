import {type Buffer} from 'node:buffer';
import process from 'node:process';
import {rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {Monitor, type MonitorSnapshot, publishIntervalMs} from '../../source/core/monitor.js';
import type {MonitorEvent} from '../../source/core/monitor-events.js';
import type {TokenOrigin} from '../../source/core/token/token-source.js';
import {writeNdjson} from '../../source/output/ndjson/ndjson-writer.js';
import {startTestEmulator, waitUntil} from '../helpers/emulator-fixture.js';
import {record, waitForEvent, waitForSnapshot} from '../../support/wait-for.js';
import {eventOf} from '../helpers/frames.js';
import {cleanup, temporaryDirectory, testMonitor} from '../helpers/monitor-fixture.js';

afterEach(cleanup);

const monitor = testMonitor;

const secret = 'tok-7f3a9c-SECRET';
const envToken: TokenOrigin = {kind: 'env', variable: 'FRAMEIO_TOKEN', token: secret};
type StatusEvent = Extract<MonitorEvent, {type: 'status'}>;
const statusChange = async (monitor: Monitor, paused: boolean) => waitForEvent(
	monitor.events,
	(event: MonitorEvent): event is StatusEvent => event.type === 'status' && event.status.paused.value === paused,
	`paused ${paused}`,
);

describe('Monitor', () => {
	it('goes from token to identity to a joined socket, and follows pause and resume', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const instance = monitor(clock, emulator.url, envToken);
		const events = record(instance.events);
		await instance.start();
		const joined = await waitForSnapshot(instance, snapshot => snapshot.socket.state === 'joined' && snapshot.status.connected.value === true, 'joined and connected');
		expect(joined).toMatchObject({
			running: true,
			identity: {phase: 'ok', identity: {projectName: 'Demo project'}},
			status: {paused: {value: false, source: 'identity'}, connected: {value: true, source: 'health'}},
		});
		const paused = statusChange(instance, true);
		emulator.control.pause();
		expect((await paused).status.paused).toMatchObject({value: true, source: 'event'});
		const resumed = statusChange(instance, false);
		emulator.control.resume();
		await resumed;
		const types = new Set(events.values.map(event => event.type));
		expect([...types].sort()).toEqual(['frame', 'health', 'identity', 'socket', 'status', 'token']);
		expect(events.values[0]).toMatchObject({type: 'token', token: {event: 'loaded', source: 'env'}});
		expect(events.values[1]).toMatchObject({type: 'status', status: {paused: {value: null}, connected: {value: null}}});
		expect(instance.getSnapshot().traffic.some(entry => eventOf(entry) === 'status_updated')).toBe(true);
	});

	it('reconciles a missed pause through the next identity fetch', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const instance = monitor(clock, emulator.url, envToken);
		await instance.start();
		await waitForSnapshot(instance, snapshot => snapshot.socket.state === 'joined', 'joined');
		emulator.control.setFaults({dropEvents: true});
		emulator.control.pause();
		await clock.advance(59_000);
		expect(instance.getSnapshot().status.paused.value).toBe(false);
		const paused = statusChange(instance, true);
		await clock.advance(1000);
		expect((await paused).status.paused).toMatchObject({value: true, source: 'identity'});
		expect(emulator.control.state().devices[0]!.identityTooSoon).toBe(0);
	});

	it('refetches the identity right after the token file changes', async () => {
		const {emulator, clock} = await startTestEmulator({devices: [{id: 'dev-a', token: 'token-a'}, {id: 'dev-b', token: 'token-b'}]});
		const directory = await temporaryDirectory();
		const path = join(directory, 'token');
		await writeFile(path, 'token-a\n');
		const instance = monitor(clock, emulator.url, {kind: 'file', path});
		await instance.start();
		await waitForSnapshot(instance, snapshot => snapshot.socket.topic === 'devices:dev-a' && snapshot.socket.state === 'joined', 'device a joined');
		await writeFile(path, 'token-b\n');
		const switched = waitForEvent(instance.events, (event: MonitorEvent) => event.type === 'identity' && event.result.ok && event.result.identity.id === 'dev-b', 'identity of device b');
		await clock.advance(5000);
		await switched;
		await waitForSnapshot(instance, snapshot => snapshot.socket.topic === 'devices:dev-b' && snapshot.socket.state === 'joined', 'device b joined');
		expect(instance.getSnapshot().token).toMatchObject({source: 'file', version: 2, error: null});
		expect(emulator.control.state().devices.map(device => device.identityTooSoon)).toEqual([0, 0]);
	});

	it('keeps the last token when the file becomes unreadable, and says so', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		const directory = await temporaryDirectory();
		const path = join(directory, 'token');
		await writeFile(path, 'tok');
		const instance = monitor(clock, emulator.url, {kind: 'file', path});
		await instance.start();
		await rm(path);
		await clock.advance(5000);
		const snapshot = await waitForSnapshot(instance, s => s.token.error !== null, 'a token file error');
		expect(snapshot.token.error).toBe('no such file');
		expect(snapshot.token.version).toBe(1);
	});

	it('refuses to start on an empty token file, naming it', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		const directory = await temporaryDirectory();
		const path = join(directory, 'token');
		await writeFile(path, '\n');
		await expect(monitor(clock, emulator.url, {kind: 'file', path}).start()).rejects.toThrow(`token file ${path} is empty`);
	});

	it('stops cleanly: socket closed with 1000, no timer left', async () => {
		const {emulator} = await startTestEmulator({token: secret});
		const {ManualClock} = await import('../../support/manual-clock.js');
		const ownClock = new ManualClock();
		const instance = monitor(ownClock, emulator.url, envToken);
		await instance.start();
		await waitForSnapshot(instance, snapshot => snapshot.socket.state === 'joined', 'joined');
		await instance.stop();
		expect(ownClock.pending).toBe(0);
		expect(instance.getSnapshot()).toMatchObject({running: false, socket: {state: 'stopped', lastClose: {code: 1000}}});
		expect(emulator.control.state().connections).toEqual([]);
	});

	it('leaves no socket or timer of its own behind on the real clock', async () => {
		const {startEmulator} = await import('../../source/emulator/start-emulator.js');
		const emulator = await startEmulator({port: 0, token: secret});
		const handles = () => process.getActiveResourcesInfo().filter(name => name === 'TCPSocketWrap' || name === 'Timeout').length;
		const before = handles();
		const instance = new Monitor({apiUrl: new URL(emulator.url), token: envToken, clientVersion: '2.0.0', healthIntervalMs: 10_000});
		const joined = waitForEvent(instance.events, (event: MonitorEvent) => event.type === 'socket' && event.socket.state === 'joined', 'joined');
		await instance.start();
		await joined;
		expect(handles()).toBeGreaterThan(before);
		await instance.stop();
		try {
			await waitUntil(() => handles() <= before, 'every socket and timer released', 2000);
		} finally {
			await emulator.close();
		}
	});

	it('coalesces snapshots under a flood of changes', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const instance = testMonitor(clock, emulator.url, envToken, {coalesceMs: publishIntervalMs});
		const published: MonitorSnapshot[] = [];
		instance.subscribe(() => published.push(instance.getSnapshot()));
		await instance.start();
		await waitForEvent(instance.events, (event: MonitorEvent) => event.type === 'socket' && event.socket.state === 'joined', 'joined');
		const before = published.length;
		for (let i = 0; i < 20; i++) {
			emulator.control.setFaults({sendUnknownEvent: `flood_${i}`});
		}

		await waitForEvent(instance.events, (event: MonitorEvent) => event.type === 'frame' && eventOf(event.entry) === 'flood_19', 'the last flood frame');
		expect(published.length - before).toBeLessThanOrEqual(1);
		await clock.advance(66);
		expect(eventOf(instance.getSnapshot().traffic.at(-1))).toBe('flood_19');
	});
	it('publishes a status_updated frame and the status it carries in one snapshot, at once after a quiet interval', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const instance = testMonitor(clock, emulator.url, envToken, {coalesceMs: publishIntervalMs});
		await instance.start();
		await waitForEvent(instance.events, (event: MonitorEvent) => event.type === 'socket' && event.socket.state === 'joined', 'joined');
		// The join's snapshot goes out at the end of one interval; the next is quiet.
		await clock.advance(publishIntervalMs);
		await clock.advance(publishIntervalMs);
		expect(instance.getSnapshot().status.paused.value).toBe(false);
		const published: MonitorSnapshot[] = [];
		instance.subscribe(() => published.push(instance.getSnapshot()));
		emulator.control.pause();
		await waitForEvent(instance.events, (event: MonitorEvent) => event.type === 'status' && event.status.paused.value === true, 'paused');
		// The first snapshot after the frame already shows the pause: no clock advance is needed for it.
		await waitForSnapshot(instance, snapshot => snapshot.status.paused.value === true, 'the pause published');
		expect(published[0]!.status.paused.value).toBe(true);
		expect(eventOf(published[0]!.traffic.at(-1))).toBe('status_updated');
	});
});

describe('NDJSON output', () => {
	it('writes one object per line with time and type, and never the token', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const instance = monitor(clock, emulator.url, envToken);
		const out = new PassThrough();
		let text = '';
		out.on('data', (chunk: Buffer) => {
			text += chunk.toString();
		});
		writeNdjson(instance, out);
		await instance.start();
		await waitForSnapshot(instance, snapshot => snapshot.socket.state === 'joined', 'joined');
		const paused = statusChange(instance, true);
		emulator.control.pause();
		await paused;
		emulator.control.drop();
		await waitForSnapshot(instance, snapshot => snapshot.socket.state === 'waiting', 'waiting');
		await instance.stop();
		const lines = text.trimEnd().split('\n').map(line => JSON.parse(line) as Record<string, unknown>);
		expect(lines.every(line => typeof line.time === 'string' && !Number.isNaN(Date.parse(line.time)) && typeof line.type === 'string')).toBe(true);
		// The token's first line says where it comes from (never the token), then the status, still unknown.
		expect(lines[0]).toEqual({time: lines[0]!.time, type: 'token', event: 'loaded', source: 'env', version: 1, expiresAt: null});
		expect(lines[1]).toEqual({
			time: lines[1]!.time, type: 'status', paused: null, pausedSource: null, pausedConfirmed: false, pausedUnconfirmed: ['no device id yet', 'no identity yet'],
			pausedAsOf: null, pausedSince: null, pausedSinceEarliest: null, connected: null, identityStatus: null,
		});
		const deviceId = emulator.control.state().devices[0]!.id;
		expect(lines).toContainEqual(expect.objectContaining({
			type: 'identity', ok: true, project: 'Demo project', creator: 'Demo Producer', expiresAt: null, deviceId, deviceName: 'c2c-status emulator',
		}));
		expect(lines).toContainEqual(expect.objectContaining({type: 'health', ok: true, latencyMs: 0}));
		expect(lines).toContainEqual(expect.objectContaining({type: 'socket', state: 'connecting', attempt: 1}));
		expect(lines).toContainEqual(expect.objectContaining({type: 'socket', state: 'joined', topic: `devices:${deviceId}`}));
		expect(lines).toContainEqual(expect.objectContaining({type: 'socket', state: 'closed', code: 1000, reason: 'dropped by emulator', closedBy: 'server'}));
		expect(lines).toContainEqual(expect.objectContaining({type: 'socket', state: 'waiting', retryInMs: expect.any(Number) as number}));
		expect(lines).toContainEqual(expect.objectContaining({type: 'frame', direction: 'out', event: 'phx_join', payload: '', ref: '1'}));
		expect(lines).toContainEqual(expect.objectContaining({type: 'frame', direction: 'in', event: 'phx_reply', ref: '1', rttMs: 0, replyTo: 'phx_join'}));
		expect(lines).toContainEqual(expect.objectContaining({type: 'frame', direction: 'in', event: 'status_updated', payload: 'paused'}));
		expect(lines).toContainEqual(expect.objectContaining({type: 'status', paused: true, connected: true, pausedSource: 'event'}));
		expect(text).not.toContain(secret);
	});
});
