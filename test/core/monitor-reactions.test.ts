import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import type {MonitorEvent} from '../../source/core/monitor-events.js';
import {writeNdjson} from '../../source/output/ndjson/ndjson-writer.js';
import {startTestEmulator} from '../helpers/emulator-fixture.js';
import {waitForEvent, waitForSnapshot} from '../../support/wait-for.js';
import {cleanup, temporaryDirectory, testMonitor} from '../helpers/monitor-fixture.js';

afterEach(cleanup);

const monitor = testMonitor;

type HealthEvent = Extract<MonitorEvent, {type: 'health'}>;

describe('Monitor reactions', () => {
	it('checks /health at once when the socket closes without a close frame, not at the next interval', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		const instance = monitor(clock, emulator.url, {kind: 'env', variable: 'FRAMEIO_TOKEN', token: 'tok'});
		await instance.start();
		await waitForSnapshot(instance, snapshot => snapshot.socket.state === 'joined' && snapshot.status.connected.value === true, 'joined and connected');
		await clock.advance(3000);
		const checkedAt = clock.now();
		emulator.control.setHealth(false);
		const check = waitForEvent(instance.events, (event: MonitorEvent): event is HealthEvent => event.type === 'health', 'a health check');
		// A hard drop: no close frame, so the client sees 1006 "by network".
		emulator.control.drop({hard: true});
		const {check: result} = await check;
		expect(result).toMatchObject({ok: false, at: checkedAt});
		const snapshot = await waitForSnapshot(instance, s => s.status.connected.value === false, 'Connected: no');
		expect(snapshot.socket.lastClose).toMatchObject({code: 1006, by: 'network'});
		// Seven seconds before the regular check would have run.
		expect(clock.now()).toBe(checkedAt);
	});

	it('does not check /health early for a close with a close frame', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'tok'});
		const instance = monitor(clock, emulator.url, {kind: 'env', variable: 'FRAMEIO_TOKEN', token: 'tok'});
		await instance.start();
		await waitForSnapshot(instance, snapshot => snapshot.socket.state === 'joined' && snapshot.health.phase === 'ok', 'joined and checked');
		const checks = instance.getSnapshot().health.history.length;
		emulator.control.drop();
		await waitForSnapshot(instance, snapshot => snapshot.socket.lastClose?.code === 1000, 'the clean close');
		await clock.advance(1000);
		expect(instance.getSnapshot().health.history).toHaveLength(checks);
	});

	it('keeps every token it has seen redacted after the token file changes: on redraw and in NDJSON', async () => {
		const {emulator, clock} = await startTestEmulator({devices: [{id: 'dev-a', token: 'first-token-3c9e'}, {id: 'dev-b', token: 'second-token-77f1'}]});
		const directory = await temporaryDirectory();
		const path = join(directory, 'token');
		await writeFile(path, 'first-token-3c9e\n');
		const instance = monitor(clock, emulator.url, {kind: 'file', path});
		const out = new PassThrough();
		const chunks: string[] = [];
		out.on('data', (chunk: Uint8Array) => chunks.push(String(chunk)));
		writeNdjson(instance, out);
		await instance.start();
		await waitForSnapshot(instance, snapshot => snapshot.socket.state === 'joined', 'joined with the first token');
		await writeFile(path, 'second-token-77f1\n');
		await clock.advance(5000);
		await waitForSnapshot(instance, snapshot => snapshot.token.version === 2 && snapshot.socket.connections === 2 && snapshot.socket.state === 'joined', 'moved to the second token');
		// The old token comes back in a frame (here as an event's name) after the change.
		emulator.control.setFaults({sendUnknownEvent: 'echo first-token-3c9e'});
		await waitForSnapshot(instance, snapshot => snapshot.socket.unknownEvents === 1, 'the echo');
		// What the view draws passes through the redactor at render time: the old token stays hidden there too.
		expect(instance.redact('first-token-3c9e and second-token-77f1')).toBe('[redacted] and [redacted]');
		const text = chunks.join('');
		expect(text).toContain('"event":"echo [redacted]"');
		expect(text).not.toContain('first-token-3c9e');
		expect(text).not.toContain('second-token-77f1');
	});
});
