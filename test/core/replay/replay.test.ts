import {afterEach, describe, expect, it} from 'vitest';
import type {MonitorSnapshot} from '../../../source/core/monitor.js';
import {parseRecording} from '../../../source/core/replay/recorded-line.js';
import {Replay} from '../../../source/core/replay/replay.js';
import {writeNdjson} from '../../../source/output/ndjson/ndjson-writer.js';
import {ManualClock} from '../../../support/manual-clock.js';
import {waitForSnapshot} from '../../../support/wait-for.js';
import {startTestEmulator} from '../../helpers/emulator-fixture.js';
import {cleanup, testMonitor} from '../../helpers/monitor-fixture.js';

afterEach(cleanup);

/** What the headline and panels show of a snapshot, to compare the live one with the replayed one. */
function shown(snapshot: MonitorSnapshot) {
	const {status, socket, identity, health, token} = snapshot;
	return {
		paused: status.paused.value, pausedSince: status.paused.since, pausedSource: status.paused.source,
		connected: status.connected.value, connectedSince: status.connected.since,
		socket: socket.state, topic: socket.topic, connections: socket.connections, framesIn: socket.framesIn, framesOut: socket.framesOut,
		heartbeatsSent: socket.heartbeat.sent, lastClose: socket.lastClose?.code ?? null,
		device: identity.identity?.name, project: identity.identity?.projectName, identityStatus: identity.identity?.status,
		health: health.last?.ok, healthChecks: health.history.length, tokenVersion: token.version,
		traffic: snapshot.traffic.length, lastFrame: snapshot.traffic.at(-1)?.kind === 'frame' ? (snapshot.traffic.at(-1) as {event: string}).event : null,
	};
}

/** A live session against the emulator on the manual clock, recorded as --json would print it, with the live view's snapshot at the pause. */
async function recordSession() {
	const clock = new ManualClock(Date.parse('2026-11-27T14:30:00.000Z'));
	const {emulator} = await startTestEmulator({clock});
	const monitor = testMonitor(clock, emulator.url, {kind: 'env', variable: 'FRAMEIO_TOKEN', token: 'demo'});
	const time = new Date(clock.now()).toISOString();
	const text: string[] = [`${JSON.stringify({time, type: 'recording', version: '0.1.0', format: 1, apiUrl: emulator.url, startedAt: time})}\n`];
	const stop = writeNdjson(monitor, {writable: true, write: line => text.push(line)});
	await monitor.start();
	await waitForSnapshot(monitor, snapshot => snapshot.socket.state === 'joined', 'joined');
	await clock.advance(31_000);
	emulator.control.pause();
	const atPause = await waitForSnapshot(monitor, snapshot => snapshot.status.paused.value === true, 'paused');
	await clock.advance(20_000);
	emulator.control.resume();
	await waitForSnapshot(monitor, snapshot => snapshot.status.paused.value === false, 'resumed');
	await clock.advance(5000);
	emulator.control.setHealth(false);
	await clock.advance(10_000);
	const atEnd = monitor.getSnapshot();
	await monitor.stop();
	stop();
	return {clock, recording: text.join(''), atPause, atEnd};
}

describe('a replay', () => {
	it('shows what the live view showed: at the pause the same Paused (and since when), socket, identity, health and traffic', async () => {
		const {recording, atPause} = await recordSession();
		const {lines, skipped} = parseRecording(recording);
		expect(skipped).toBe(0);
		const replay = new Replay({lines, clock: new ManualClock()});
		while (replay.getSnapshot().status.paused.value !== true) {
			expect(replay.next()).toBe(true);
		}

		expect(shown(replay.getSnapshot())).toEqual(shown(atPause));
		expect(replay.getPosition().at).toBe(atPause.status.paused.since);
		expect(replay.now()).toBe(atPause.status.paused.since);
		// What a recording cannot tell is unknown, not invented.
		expect(replay.getSnapshot().identity.nextFetchAt).toBeNull();
		expect(replay.getSnapshot().health.nextCheckAt).toBeNull();
		expect(replay.getSnapshot().socket.heartbeat.nextAt).toBeNull();
	});

	it('steps with Right and Left from change to change of Paused, Connected and the socket, and Home and End', async () => {
		const {recording, atEnd} = await recordSession();
		const replay = new Replay({lines: parseRecording(recording).lines, clock: new ManualClock()});
		const state = () => {
			const {status, socket} = replay.getSnapshot();
			return `${String(status.paused.value)} ${String(status.connected.value)} ${socket.state}`;
		};

		const steps = [state()];
		while (replay.next()) {
			steps.push(state());
		}

		expect(steps).toEqual([
			'null null idle',
			'null true idle',
			'false true idle',
			'false true connecting',
			'false true open',
			'false true joined',
			'true true joined',
			'false true joined',
			'false false joined',
			'false false closed',
		]);
		expect(replay.getPosition()).toMatchObject({changesAfter: 0, changesBefore: 9});
		replay.toEnd();
		expect(shown(replay.getSnapshot())).toEqual({...shown(atEnd), socket: 'closed', lastClose: 1000});
		expect(replay.previous()).toBe(true);
		expect(state()).toBe('false false joined');
		expect(replay.previous()).toBe(true);
		expect(state()).toBe('false true joined');
		replay.toStart();
		expect(state()).toBe('null null idle');
		expect(replay.previous()).toBe(false);
	});

	it('plays on its clock at its speed, +/- change the speed, and stops at the end', async () => {
		const {recording} = await recordSession();
		const clock = new ManualClock();
		const replay = new Replay({lines: parseRecording(recording).lines, clock});
		const {start, end} = replay.getPosition();
		expect(replay.getPosition()).toMatchObject({playing: false, speed: 10, at: start});
		replay.toggle();
		await clock.advance(1000);
		expect(replay.getPosition()).toMatchObject({playing: true, at: start + 10_000});
		replay.faster();
		replay.faster();
		expect(replay.getPosition().speed).toBe(60);
		replay.slower();
		expect(replay.getPosition().speed).toBe(30);
		await clock.advance(10_000);
		expect(replay.getPosition()).toMatchObject({playing: false, at: end, shown: replay.getPosition().total});
		expect(replay.getSnapshot().status.connected.value).toBe(false);
		replay.toggle();
		expect(replay.getPosition()).toMatchObject({playing: true, at: start});
		replay.stop();
		expect(clock.pending).toBe(0);
	});

	it('skips and counts lines it cannot read, and plays one device of a fleet\'s recording', () => {
		const recording = [
			'{"time":"2026-11-27T10:00:00.000Z","type":"recording","version":"0.1.0","format":1,"apiUrl":"https://api.frame.io","startedAt":"2026-11-27T10:00:00.000Z"}',
			'{"time":"2026-11-27T10:00:01.000Z","type":"status","device":"A-cam","paused":true,"connected":true,"pausedSource":"event","identityStatus":null}',
			'{"time":"2026-11-27T10:00:01.000Z","type":"status","device":"B-cam","paused":false,"connected":true,"pausedSource":"identity","identityStatus":"online"}',
			'{"time":"2026-11-27T10:00:02.000Z","type":"teleport","device":"A-cam"}',
			'not json at all',
			'{"type":"status","paused":true}',
			'',
			'{"time":"2026-11-27T10:00:03.000Z","type":"status","device":"B-cam","paused":true,"connected":true,"pausedSource":"event","identityStatus":null}',
			'{"time":"2026-11-27T10:00:04.000Z","type":"sta',
		].join('\n');
		const {lines, skipped} = parseRecording(recording);
		expect(skipped).toBe(4);
		const a = new Replay({lines, skipped});
		expect(a.device).toBe('A-cam');
		a.toEnd();
		expect(a.getSnapshot().status.paused).toMatchObject({value: true, source: 'event', since: Date.parse('2026-11-27T10:00:01.000Z')});
		expect(a.getPosition()).toMatchObject({skipped: 4, total: 2, device: 'A-cam'});
		const b = new Replay({lines, device: 'B-cam'});
		expect(b.next()).toBe(true);
		expect(b.getSnapshot().status.paused.value).toBe(false);
		expect(b.next()).toBe(true);
		expect(b.getSnapshot().status.paused).toMatchObject({value: true, since: Date.parse('2026-11-27T10:00:03.000Z')});
		expect(b.getSnapshot().apiUrl).toBe('https://api.frame.io');
	});
});
