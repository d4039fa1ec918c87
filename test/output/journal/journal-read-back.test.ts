import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {deriveStatus, unknownStatus} from '../../../source/core/derive-status.js';
import {Emitter} from '../../../source/core/emitter.js';
import {buildHistory} from '../../../source/core/history/history-model.js';
import {parseJournalLine} from '../../../source/core/history/journal-line.js';
import {readJournal} from '../../../source/core/history/journal-reader.js';
import type {MonitorEvent} from '../../../source/core/monitor-events.js';
import {initialSocketSnapshot, type SocketSnapshot} from '../../../source/core/socket/socket-types.js';
import type {TokenEvent} from '../../../source/core/token/token-source.js';
import {Journal} from '../../../source/output/journal/journal.js';
import {journalMonitor} from '../../../source/output/journal/journal-monitor.js';
import {formatEvent, hookLine} from '../../../source/output/ndjson/ndjson-format.js';
import {ManualClock} from '../../../support/manual-clock.js';

const start = Date.parse('2026-11-27T23:58:00.000Z');
const identity = {id: 'dev-1', name: 'A-cam box', projectId: 'p', projectName: 'Shoot', creatorName: 'Ana', expiresAt: null, status: 'online'} as const;
const tokenEvents: ReadonlyArray<TokenEvent['event']> = [
	'loaded', 'changed', 'refreshing', 'refreshed', 'refresh-failed', 'pairing-needed', 'cannot-save', 'unsaved', 'saved', 'waiting-for-lock', 'unreadable', 'readable',
];

/** A monitor event without its time (each kind of it). */
type Untimed = MonitorEvent extends infer Event ? Event extends MonitorEvent ? Omit<Event, 'at'> : never : never;

/** One event of every kind and shape a monitor emits, `at` ms after `start`, each a second apart. */
function everyEvent(): MonitorEvent[] {
	const base = initialSocketSnapshot('wss://x/devices/websocket');
	const close = {code: 1006, reason: 'lost', at: start, by: 'network'} as const;
	const sockets: SocketSnapshot[] = [
		{...base, state: 'connecting', attempt: 1},
		{...base, state: 'open', attempt: 1, join: {phase: 'errored', topic: 'devices:dev-1', joinedAt: null, lastError: 'join refused', attempts: 1, nextRejoinAt: null}},
		{...base, state: 'joined', attempt: 1, topic: 'devices:dev-1'},
		{...base, state: 'closed', attempt: 1, lastClose: close},
		{...base, state: 'waiting', attempt: 2, lastClose: close, nextRetryAt: start + 4000},
		{...base, state: 'rejected', attempt: 3, lastClose: close, nextRetryAt: start + 60_000, rejection: {status: 403, message: 'refused', at: start}},
		{...base, state: 'idle'},
		{...base, state: 'stopped'},
	];
	const paused = deriveStatus(unknownStatus, {kind: 'identity', status: 'paused', requestedAt: start, receivedAt: start + 100});
	const failure = {kind: 'auth', status: 401, message: 'the token was rejected (HTTP 401)'} as const;
	const events: Untimed[] = [
		{type: 'status', status: unknownStatus},
		{type: 'status', status: paused},
		{type: 'identity-wait', wait: {claimedAt: start - 1000, ownRequestAt: start + 61_000}},
		{type: 'identity', result: {ok: true, origin: 'fetched', identity, problems: [], requestedAt: start, receivedAt: start + 20, latencyMs: 20}},
		{type: 'identity', result: {ok: true, origin: 'last-run', identity: {...identity, status: 'paused'}, problems: [], requestedAt: start, receivedAt: start, latencyMs: null}},
		{type: 'identity', result: {ok: false, origin: 'other-process', failure, requestedAt: start, receivedAt: start}},
		{type: 'identity', result: {ok: false, origin: 'fetched', failure: {kind: 'timeout', message: 'no answer'}, requestedAt: start, receivedAt: start}},
		{type: 'state', problem: 'cannot write /s/device.json: EROFS'},
		{type: 'state', problem: null},
		{type: 'health', check: {at: start, ok: true, latencyMs: 20}},
		{type: 'health', check: {at: start, ok: false, latencyMs: 5000, failure: {kind: 'http', status: 503, message: 'HTTP 503'}}},
		...sockets.map(socket => ({type: 'socket' as const, socket})),
		{type: 'frame', entry: {kind: 'frame', seq: 1, at: start, direction: 'in', bytes: 10, connection: 1, topic: 'devices:dev-1', event: 'x', ref: null, payload: {}}},
		{type: 'error', message: 'protocol error'},
		...tokenEvents.map(event => ({
			type: 'token' as const, version: 2, token: {event, at: start, source: 'credentials' as const, expiresAt: null, ...(event === 'unreadable' ? {error: 'EACCES'} : {})},
		})),
	];
	return events.map((event, index) => ({...event, at: start + (index * 1000)}));
}

describe('the journal\'s lines, read back', () => {
	it('reads every kind of line a monitor writes, NDJSON or journal, and skips none', async () => {
		const events = everyEvent();
		const unread = events.map(event => formatEvent(event)).filter(line => line && parseJournalLine(JSON.stringify({...line, pid: 7})) === 'bad');
		expect(unread).toEqual([]);

		const directory = join(await mkdtemp(join(tmpdir(), 'c2c-status-journal-')), 'device');
		const clock = new ManualClock(start);
		const journal = new Journal({
			directory, clock, pid: 4242, mode: 'fleet-json', version: '0.1.0', device: 'A-cam', redact: text => text, aliveEveryMs: 60_000,
			currentStatus: () => formatEvent({type: 'status', at: clock.now(), status: unknownStatus}),
		});
		const emitter = new Emitter<MonitorEvent>();
		const unsubscribe = journalMonitor({events: emitter}, journal);
		journal.start();
		for (const event of events) {
			await clock.advance(event.at - clock.now());
			emitter.emit(event);
		}

		journal.record(hookLine({device: 'A-cam', changed: 'paused', at: clock.now(), ok: false, durationMs: 20, exitCode: 1, error: 'exit code 1'}));
		// Past midnight (the state carried to the new day's file) and an alive line.
		await clock.advance(2 * 60_000);
		emitter.emit({type: 'health', at: clock.now(), check: {at: clock.now(), ok: true, latencyMs: 20}});
		unsubscribe();
		await journal.stop();
		const written = [
			await readFile(join(directory, '2026-11-27.ndjson'), 'utf8'),
			await readFile(join(directory, '2026-11-28.ndjson'), 'utf8'),
		].join('');
		expect(written).toContain('"waiting":true');
		expect(written).toContain('"carried":true');
		expect(written).toContain('"event":"alive"');
		const read = await readJournal(directory, {from: start, to: clock.now()});
		expect(read.problems).toEqual([]);
		expect(read.skippedLines).toBe(0);
		expect(buildHistory(read.lines, {now: clock.now(), skippedLines: read.skippedLines}).skippedLines).toBe(0);
	});
});
