import {describe, expect, it} from 'vitest';
import type {DeviceHistory} from '../../../source/core/history/history-model.js';
import {localClock} from '../../../source/core/history/local-clock.js';
import {pauseText} from '../../../source/core/history/window-text.js';
import {
	alive, clockOf, eventStatus, historyOf, identityStatus, ms, socket, started, stopped, type Line,
} from './journal-lines.js';

/** The windows with their times as clocks, for expectations that read like the report. */
function windows(history: DeviceHistory) {
	return history.pauses.map(window => ({
		from: clockOf(window.from),
		fromLatest: clockOf(window.fromLatest),
		fromPrecision: window.fromPrecision,
		to: clockOf(window.to),
		toLatest: clockOf(window.toLatest),
		toPrecision: window.toPrecision,
		precision: window.precision,
		unmonitored: window.unmonitored.map(gap => `${clockOf(gap.from)}-${clockOf(gap.to)}`),
	}));
}

/** A TUI that joins at once and learns "not paused" from its first identity. */
const tuiStart = (pid = 1): Line[] => [
	started('14:00:00', pid),
	socket('14:00:00.500', pid, 'connecting'),
	socket('14:00:01', pid, 'joined', {topic: 'devices:dev-1'}),
	identityStatus('14:00:01.200', pid, false, {earliest: null}),
];

describe('pause windows, line by line', () => {
	it('dates both ends exactly when status_updated events marked them', () => {
		const history = historyOf([
			...tuiStart(),
			eventStatus('14:02:11', 1, true),
			eventStatus('14:10:40', 1, false),
			stopped('15:00:00', 1),
		], '16:00:00');
		expect(windows(history)).toEqual([{
			from: '14:02:11', fromLatest: '14:02:11', fromPrecision: 'exact', to: '14:10:40', toLatest: '14:10:40', toPrecision: 'exact', precision: 'exact', unmonitored: [],
		}]);
		expect(history.pauses[0]!.fromSource).toBe('event');
	});

	it('bounds each end between the last poll that said the old value and the first that said the new one', () => {
		const history = historyOf([
			started('14:00:00', 1, 'check'),
			identityStatus('14:00:31', 1, false, {earliest: null}),
			// The polls at 14:01:30 and 14:09:40 changed nothing, so they left no line; the status line knows them.
			identityStatus('14:02:31', 1, true, {earliest: '14:01:30', asOf: '14:02:30.800'}),
			identityStatus('14:10:40', 1, false, {earliest: '14:09:40', asOf: '14:10:39.800'}),
			stopped('14:20:00', 1, 'check'),
		], '15:00:00');
		expect(windows(history)).toEqual([{
			from: '14:01:30', fromLatest: '14:02:31', fromPrecision: 'bound', to: '14:09:40', toLatest: '14:10:40', toPrecision: 'bound', precision: 'bound', unmonitored: [],
		}]);
	});

	it('bounds a change from the journal\'s own evidence when the line does not say (a line of today\'s schema)', () => {
		const legacy = (clock: string, paused: boolean): Line => ({
			time: `2026-11-27T${clock}Z`, type: 'status', pid: 1, paused, connected: true, pausedSource: 'identity', identityStatus: paused ? 'paused' : 'online',
		});
		const history = historyOf([started('14:00:00', 1), legacy('14:00:01', false), legacy('14:02:31', true), stopped('14:05:00', 1)], '15:00:00');
		expect(windows(history)[0]).toMatchObject({from: '14:00:01', fromLatest: '14:02:31', fromPrecision: 'bound', to: '14:02:31', toLatest: null, toPrecision: 'unknown'});
	});

	it('says the start is unknown when the first thing learnt is that the device is paused', () => {
		const history = historyOf([
			started('09:00:00', 1),
			identityStatus('09:00:01', 1, true, {earliest: null}),
			eventStatus('09:30:00', 1, false),
			stopped('10:00:00', 1),
		], '11:00:00');
		expect(windows(history)).toEqual([{
			from: null, fromLatest: '09:00:01', fromPrecision: 'unknown', to: '09:30:00', toLatest: '09:30:00', toPrecision: 'exact', precision: 'bound', unmonitored: [],
		}]);
	});

	it('keeps an event that arrived after a later one, as written by two processes out of order, in time order', () => {
		const tui = [...tuiStart(), eventStatus('14:02:11', 1, true), eventStatus('14:10:40', 1, false), stopped('15:00:00', 1)];
		// A second process wrote its line for 14:10:45 before the TUI's 14:10:40 reached the file.
		const shuffled = [...tui.slice(0, 5), started('14:10:30', 2, 'check'), identityStatus('14:10:45', 2, false, {earliest: null}), tui[5]!, stopped('14:10:50', 2, 'check'), tui[6]!];
		expect(windows(historyOf(shuffled, '16:00:00'))).toEqual(windows(historyOf(tui, '16:00:00')));
	});

	it('ignores stale evidence: an identity requested before an event does not undo it, even when its line comes later', () => {
		const history = historyOf([
			...tuiStart(),
			eventStatus('14:02:11', 1, true),
			// A cron check asked at 14:02:00 (before the pause) and heard "online" at 14:02:12.
			started('14:01:59', 2, 'check'),
			identityStatus('14:02:12', 2, false, {asOf: '14:02:00', earliest: null}),
			stopped('14:02:13', 2, 'check'),
			eventStatus('14:10:40', 1, false),
			stopped('15:00:00', 1),
		], '16:00:00');
		expect(windows(history)).toHaveLength(1);
		expect(windows(history)[0]).toMatchObject({from: '14:02:11', to: '14:10:40', precision: 'exact'});
	});

	it('ends a window whose resumed event was missed at the identity that settles it: the end is a bound', () => {
		const history = historyOf([
			...tuiStart(),
			eventStatus('14:02:11', 1, true),
			socket('14:05:00', 1, 'closed', {code: 1006, closedBy: 'network'}),
			socket('14:05:00.010', 1, 'waiting', {retryInMs: 1000}),
			eventStatus('14:05:00.020', 1, true, {confirmed: false, asOf: '14:02:11', since: '14:02:11', earliest: '14:02:11'}),
			identityStatus('14:05:40', 1, true, {asOf: '14:05:39.800', earliest: null}),
			// The resume at ~14:09 came while the socket was down; the poll at 14:10:40 says online.
			identityStatus('14:10:40', 1, false, {asOf: '14:10:39.800', earliest: '14:09:40'}),
			stopped('15:00:00', 1),
		], '16:00:00');
		expect(windows(history)).toEqual([{
			from: '14:02:11', fromLatest: '14:02:11', fromPrecision: 'exact', to: '14:09:40', toLatest: '14:10:40', toPrecision: 'bound', precision: 'bound', unmonitored: [],
		}]);
	});

	it('keeps one window across a restart when the next run finds it still paused, with the gap marked inside', () => {
		const history = historyOf([
			...tuiStart(),
			eventStatus('14:02:11', 1, true),
			// The journal's last status at stop carries the newest evidence.
			identityStatus('14:59:50', 1, true, {asOf: '14:59:40', earliest: null}),
			stopped('15:00:00', 1),
			started('15:10:00', 2),
			// The remembered (older) evidence first: stale, changes nothing.
			identityStatus('15:10:00.100', 2, true, {asOf: '14:59:40', confirmed: false, earliest: null}),
			identityStatus('15:10:01', 2, true, {asOf: '15:10:00.800', earliest: null}),
			socket('15:10:01.500', 2, 'joined'),
			eventStatus('15:20:00', 2, false),
			stopped('16:00:00', 2),
		], '17:00:00');
		expect(windows(history)).toEqual([{
			from: '14:02:11', fromLatest: '14:02:11', fromPrecision: 'exact', to: '15:20:00', toLatest: '15:20:00', toPrecision: 'exact', precision: 'exact', unmonitored: ['15:00:00-15:10:00'],
		}]);
	});

	it('ends a window across a restart between the last evidence before it and the first after, when the next run finds it resumed', () => {
		const history = historyOf([
			...tuiStart(),
			eventStatus('14:02:11', 1, true),
			identityStatus('14:59:50', 1, true, {asOf: '14:59:40', earliest: null}),
			stopped('15:00:00', 1),
			started('15:10:00', 2),
			identityStatus('15:10:01', 2, false, {asOf: '15:10:00.800', earliest: null}),
			stopped('16:00:00', 2),
		], '17:00:00');
		expect(windows(history)).toEqual([{
			from: '14:02:11', fromLatest: '14:02:11', fromPrecision: 'exact', to: '14:59:40', toLatest: '15:10:01', toPrecision: 'bound', precision: 'bound', unmonitored: ['15:00:00-15:10:00'],
		}]);
	});

	it('reads a window across midnight from two days\' files', () => {
		const history = historyOf([
			// 2026-11-27.ndjson
			...tuiStart(),
			eventStatus('23:58:00', 1, true),
			// 2026-11-28.ndjson: the writer carries the state to the top of each day's file
			{...identityStatus('+1 00:00:00.100', 1, true, {asOf: '23:58:00', since: '23:58:00', earliest: '23:58:00'}), pausedSource: 'event', carried: true},
			alive('+1 00:05:00', 1),
			eventStatus('+1 00:07:30', 1, false),
			stopped('+1 01:00:00', 1),
		], '+1 02:00:00');
		expect(windows(history)).toEqual([{
			from: '23:58:00', fromLatest: '23:58:00', fromPrecision: 'exact', to: '00:07:30', toLatest: '00:07:30', toPrecision: 'exact', precision: 'exact', unmonitored: [],
		}]);
		expect(history.pauses[0]!.to! - history.pauses[0]!.from!).toBe(9.5 * 60_000);
	});

	it('ends the run of a SIGKILLed process at its last line, and says so; a pause it watched has an unknown end', () => {
		const history = historyOf([
			...tuiStart(),
			eventStatus('14:02:11', 1, true),
			alive('14:05:00', 1),
			alive('14:10:00', 1),
			// Killed at ~14:12: no stopped line.
			started('14:30:00', 2),
			identityStatus('14:30:01', 2, false, {earliest: null}),
			stopped('14:40:00', 2),
		], '16:00:00');
		expect(history.runs.map(run => ({pid: run.pid, to: clockOf(run.to), ending: run.ending}))).toEqual([
			{pid: 1, to: '14:10:00', ending: 'without-stop'},
			{pid: 2, to: '14:40:00', ending: 'stopped'},
		]);
		expect(history.outages.filter(outage => outage.kind === 'not-monitored')).toEqual([
			expect.objectContaining({from: history.runs[0]!.to, to: history.runs[1]!.from, endedWithoutStop: true}),
		]);
		expect(windows(history)).toEqual([expect.objectContaining({from: '14:02:11', to: '14:02:11', toLatest: '14:30:01', toPrecision: 'bound', unmonitored: ['14:10:00-14:30:00']})]);
	});

	it('leaves a window open while a run watches, and with an unknown end once nobody does', () => {
		const lines = [...tuiStart(), eventStatus('14:02:11', 1, true), alive('14:05:00', 1)];
		expect(windows(historyOf(lines, '14:06:00'))[0]).toMatchObject({to: null, toLatest: null, toPrecision: 'open', precision: 'open'});
		// An hour on, with no line since 14:05: the run was killed, the pause's end is not known.
		expect(windows(historyOf(lines, '15:06:00'))[0]).toMatchObject({to: '14:02:11', toLatest: null, toPrecision: 'unknown', precision: 'bound'});
		expect(windows(historyOf([...lines, stopped('14:07:00', 1)], '14:08:00'))[0]).toMatchObject({toPrecision: 'unknown'});
	});

	it('merges two processes watching at once: one saw the event, the other learns it at its next poll', () => {
		const history = historyOf([
			...tuiStart(1),
			started('14:01:00', 2, 'json'),
			identityStatus('14:01:01', 2, false, {earliest: null, confirmed: true}),
			eventStatus('14:02:11', 1, true),
			// Process 2 (socket refused) hears it from its poll a minute later: the same value, nothing changes.
			identityStatus('14:03:01', 2, true, {asOf: '14:03:00.800', earliest: '14:02:00'}),
			eventStatus('14:10:40', 1, false),
			identityStatus('14:11:01', 2, false, {asOf: '14:11:00.800', earliest: '14:10:00'}),
			stopped('14:20:00', 2, 'json'),
			stopped('14:30:00', 1),
		], '15:00:00');
		expect(windows(history)).toEqual([expect.objectContaining({from: '14:02:11', to: '14:10:40', precision: 'exact'})]);
		expect(history.monitored).toEqual([{from: history.runs[0]!.from, to: history.runs[0]!.to}]);
	});

	it('says where a bound start most likely lies: when no socket was joined to hear the event', () => {
		// The acceptance case: a monitor joined until it quit at 23:04:42; paused meanwhile; a new one at 23:04:44.
		const lines = [
			started('23:00:00', 1),
			socket('23:00:01', 1, 'joined'),
			identityStatus('23:00:02', 1, false, {earliest: null}),
			// Its last status (at stop) carries its newest evidence: the poll at 23:03:54 said online.
			identityStatus('23:04:42', 1, false, {asOf: '23:03:54', earliest: null}),
			stopped('23:04:42', 1),
			started('23:04:44', 2),
			socket('23:04:45', 2, 'joined'),
			identityStatus('23:04:54', 2, true, {asOf: '23:04:53.800', earliest: null}),
			eventStatus('23:08:00', 2, false),
			stopped('23:10:00', 2),
		];
		const [window] = historyOf(lines, '23:20:00').pauses;
		expect(window).toMatchObject({from: ms('23:03:54'), fromLatest: ms('23:04:54'), fromPrecision: 'bound', likelyStart: {from: ms('23:04:42'), to: ms('23:04:45')}});
		const text = 'paused between 23:03:54 and 23:04:54 (most likely between 23:04:42 and 23:04:45, when no socket was joined to hear it) → 23:08:00 (3m 06s to 4m 06s)';
		expect(pauseText(window!, ms('23:20:00'), localClock(ms('23:20:00'), 'UTC'))).toBe(text);
		// Joined throughout: the event was missed (the guide says events can be), so nothing is likelier.
		const paused = identityStatus('23:04:40', 1, true, {asOf: '23:04:39.800', earliest: '23:03:54'});
		const missed = historyOf([...lines.slice(0, 3), paused, stopped('23:04:42', 1)], '23:20:00');
		expect(missed.pauses[0]).toMatchObject({from: ms('23:03:54'), likelyStart: null});
		// Not joined at all in the bound: nothing narrows it.
		const unjoined = historyOf([...lines.slice(0, 3), socket('23:03:00', 1, 'waiting'), paused, stopped('23:04:42', 1)], '23:20:00');
		expect(unjoined.pauses[0]).toMatchObject({from: ms('23:03:54'), likelyStart: null});
	});

	it('takes the later evidence when two processes disagree', () => {
		const history = historyOf([
			...tuiStart(1),
			eventStatus('14:02:11', 1, true),
			started('14:05:00', 2, 'check'),
			// The check asked after the event and heard "online": the TUI missed a resume.
			identityStatus('14:05:01', 2, false, {asOf: '14:05:00.800', earliest: null}),
			stopped('14:05:02', 2, 'check'),
			identityStatus('14:06:01', 1, false, {asOf: '14:06:00.800', earliest: '14:05:00'}),
			stopped('14:30:00', 1),
		], '15:00:00');
		expect(windows(history)).toEqual([expect.objectContaining({from: '14:02:11', to: '14:02:11', toLatest: '14:05:01', toPrecision: 'bound'})]);
	});
});
