import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {buildHistory} from '../../../source/core/history/history-model.js';
import {parseJournalText, readJournal} from '../../../source/core/history/journal-reader.js';
import type {Line} from '../../../source/output/ndjson/ndjson-format.js';
import {Journal, type JournalOptions} from '../../../source/output/journal/journal.js';
import {ManualClock} from '../../../support/manual-clock.js';

const secret = 'sekret-token-123';

async function journalAt(start: string, options: Partial<JournalOptions> = {}) {
	const directory = join(await mkdtemp(join(tmpdir(), 'c2c-status-journal-')), 'journal', 'device');
	const clock = new ManualClock(Date.parse(start));
	let paused: boolean | null = null;
	let asOf: string | null = null;
	const journal = new Journal({
		directory, clock, pid: 4242, mode: 'json', version: '0.1.0', device: 'A-cam',
		redact: text => text.replaceAll(secret, '[redacted]'),
		currentStatus: () => ({time: 'now', type: 'status', paused, pausedSource: 'event', pausedConfirmed: true, pausedAsOf: asOf, pausedSince: asOf, pausedSinceEarliest: asOf, connected: true}),
		...options,
	});
	const at = () => new Date(clock.now()).toISOString();
	return {
		journal,
		clock,
		directory,
		/** A status line as the monitor would give it, after a status_updated event now. */
		event(value: boolean): Line {
			paused = value;
			asOf = at();
			return {time: at(), type: 'status', paused, pausedSource: 'event', pausedConfirmed: true, pausedAsOf: asOf, pausedSince: asOf, pausedSinceEarliest: asOf, connected: true};
		},
		line: (type: string, fields: Line): Line => ({time: at(), type, ...fields}),
		async lines(day = '2026-11-27'): Promise<Line[]> {
			const text = await readFile(join(directory, `${day}.ndjson`), 'utf8');
			expect(text).not.toContain(secret);
			return text.trim().split('\n').map(line => JSON.parse(line) as Line);
		},
	};
}

describe('a device\'s journal', () => {
	it('writes a run: started, the transitions, alive and the status every few minutes, stopped; every line names the process', async () => {
		const {journal, clock, line, event, lines, directory} = await journalAt('2026-11-27T10:00:00Z');
		journal.start();
		journal.record(line('socket', {state: 'connecting', attempt: 1}));
		journal.record(line('health', {ok: true, latencyMs: 20}));
		journal.record(line('identity', {ok: true, origin: 'fetched', project: `Shoot ${secret}`, creator: 'Ana', expiresAt: null, status: 'online', deviceId: 'dev-1', deviceName: 'A-cam box'}));
		await clock.advance(1000);
		journal.record(line('socket', {state: 'joined', attempt: 1, topic: 'devices:dev-1'}));
		journal.record(line('health', {ok: true, latencyMs: 22}));
		journal.record(line('frame', {direction: 'in', event: 'phx_reply'}));
		await clock.advance(60_000);
		journal.record(event(true));
		await clock.advance(5 * 60_000);
		journal.record(event(false));
		await journal.stop();
		const written = await lines();
		expect(written.map(each => `${String(each.type)} ${String(each.event ?? each.state ?? each.paused ?? each.ok)}`)).toEqual([
			'monitor started', 'socket connecting', 'health true', 'identity true', 'socket joined', 'status true', 'monitor alive', 'status true', 'status false', 'status false', 'monitor stopped',
		]);
		for (const each of written) {
			expect(Object.keys(each).slice(0, 4)).toEqual(['time', 'type', 'device', 'pid']);
			expect(each).toMatchObject({device: 'A-cam', pid: 4242});
		}

		expect(written.at(-1)).toMatchObject({event: 'stopped', mode: 'json', version: '0.1.0', deviceId: 'dev-1'});
		const read = await readJournal(directory, {from: Date.parse('2026-11-27T00:00:00Z'), to: clock.now()});
		const history = buildHistory(read.lines, {now: clock.now()});
		expect(history.runs).toEqual([expect.objectContaining({pid: 4242, ending: 'stopped', from: Date.parse('2026-11-27T10:00:00Z'), to: clock.now()})]);
		expect(history.pauses).toEqual([expect.objectContaining({from: Date.parse('2026-11-27T10:01:01Z'), to: Date.parse('2026-11-27T10:06:01Z'), precision: 'exact'})]);
		expect(history.deviceId).toBe('dev-1');
		expect(clock.pending).toBe(0);
	});

	it('starts each day\'s file with the state carried over, so that the file can be read alone', async () => {
		const {journal, clock, line, event, lines} = await journalAt('2026-11-27T23:58:00Z');
		journal.start();
		journal.record(line('socket', {state: 'joined', attempt: 1}));
		journal.record(line('health', {ok: false, kind: 'timeout', error: 'timed out'}));
		journal.record(event(true));
		await clock.advance(5 * 60_000);
		await journal.flushed();
		const nextDay = await lines('2026-11-28');
		expect(nextDay.slice(0, 3).map(each => [each.type, each.carried, each.time])).toEqual([
			['socket', true, '2026-11-28T00:03:00.000Z'],
			['health', true, '2026-11-28T00:03:00.000Z'],
			['status', true, '2026-11-28T00:03:00.000Z'],
		]);
		const alone = parseJournalText(nextDay.map(each => JSON.stringify(each)).join('\n'));
		const history = buildHistory(alone.lines, {now: clock.now()});
		expect(history.pauses).toEqual([expect.objectContaining({from: Date.parse('2026-11-27T23:58:00Z'), toPrecision: 'open'})]);
		expect(history.joined).toHaveLength(1);
		expect(history.notConnected).toHaveLength(0);
		await journal.stop();
	});

	it('takes nothing before start or after stop', async () => {
		const {journal, line, directory} = await journalAt('2026-11-27T10:00:00Z');
		journal.record(line('socket', {state: 'joined'}));
		journal.start();
		await journal.stop();
		journal.record(line('socket', {state: 'closed'}));
		await journal.stop();
		const read = await readJournal(directory, {from: 0, to: Date.parse('2026-11-28T00:00:00Z')});
		expect(read.lines.map(each => each.type)).toEqual(['monitor', 'status', 'monitor']);
	});
});
