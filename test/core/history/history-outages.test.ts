import {describe, expect, it} from 'vitest';
import type {DeviceHistory} from '../../../source/core/history/history-model.js';
import {summarizeHistory} from '../../../source/core/history/history-summary.js';
import {
	alive, clockOf, health, historyOf, identity, identityStatus, iso, ms, socket, started, stopped, token, type Line,
} from './journal-lines.js';

const connectedStatus = (clock: string, pid: number, connected: boolean | null): Line =>
	identityStatus(clock, pid, false, {asOf: '10:00:01.800', earliest: null, connected});

function outages(history: DeviceHistory) {
	return history.outages.map(outage => ({
		kind: outage.kind, from: clockOf(outage.from), to: clockOf(outage.to), seconds: outage.ms / 1000,
		...(outage.endedWithoutStop === undefined ? {} : {endedWithoutStop: outage.endedWithoutStop}),
	}));
}

/** Two hours of a TUI with everything going wrong once, a five-minute gap, then a second run. */
const day: Line[] = [
	started('10:00:00', 1),
	socket('10:00:00.400', 1, 'connecting'),
	socket('10:00:01', 1, 'joined'),
	connectedStatus('10:00:02', 1, true),
	health('10:30:00', 1, false),
	connectedStatus('10:30:00', 1, false),
	health('10:32:10', 1, true),
	connectedStatus('10:32:10', 1, true),
	// A routine close, back within the grace: no outage.
	socket('11:00:00', 1, 'closed', {code: 1000, closedBy: 'server'}),
	socket('11:00:00.010', 1, 'waiting'),
	socket('11:00:01', 1, 'connecting'),
	socket('11:00:03', 1, 'joined'),
	// A minute without the channel.
	socket('11:10:00', 1, 'closed', {code: 1006, closedBy: 'network'}),
	socket('11:10:00.010', 1, 'waiting'),
	socket('11:10:30', 1, 'connecting'),
	socket('11:10:59', 1, 'open'),
	socket('11:11:00', 1, 'joined'),
	// The token refused, then refreshed.
	socket('11:20:00', 1, 'rejected', {httpStatus: 403}),
	identity('11:20:05', 1, false),
	token('11:20:30', 1, 'refresh-failed'),
	token('11:21:00', 1, 'refreshed'),
	socket('11:21:00.500', 1, 'connecting'),
	socket('11:21:01', 1, 'open'),
	socket('11:21:02', 1, 'joined'),
	identity('11:21:03', 1, true),
	stopped('12:00:00', 1),
	started('12:05:00', 2),
	socket('12:05:01', 2, 'joined'),
	connectedStatus('12:05:02', 2, true),
	stopped('13:00:00', 2),
];

describe('outages and durations', () => {
	it('finds each kind of outage, with its length', () => {
		expect(outages(historyOf(day, '14:00:00'))).toEqual([
			{kind: 'not-connected', from: '10:30:00', to: '10:32:10', seconds: 130},
			{kind: 'socket-down', from: '11:10:00', to: '11:11:00', seconds: 60},
			{kind: 'socket-down', from: '11:20:00', to: '11:21:02', seconds: 62},
			{kind: 'token-rejected', from: '11:20:00', to: '11:21:01', seconds: 61},
			{kind: 'not-monitored', from: '12:00:00', to: '12:05:00', seconds: 300, endedWithoutStop: false},
		]);
	});

	it('keeps a routine reconnect (back within the grace) apart: not an outage, but a drop', () => {
		const history = historyOf(day, '14:00:00');
		// The server's close at 11:00 was joined again in 3 s; the connecting at a run's start is no drop.
		expect(history.socketDrops.map(drop => [clockOf(drop.from), clockOf(drop.to)])).toEqual([['11:00:00', '11:00:03']]);
	});

	it('adds up the time monitored, connected, joined and not monitored in a range', () => {
		const summary = summarizeHistory(historyOf(day, '14:00:00'), {from: ms('09:00:00'), to: ms('13:30:00')});
		expect(summary).toMatchObject({
			monitoredMs: ((2 * 60) + 55) * 60_000,
			// An hour before the first run, five minutes between the runs, half an hour after.
			notMonitoredMs: (60 + 5 + 30) * 60_000,
			notConnectedMs: 130_000,
			connectedMs: (ms('12:00:00') - ms('10:00:02') - 130_000) + (ms('13:00:00') - ms('12:05:02')),
			joinedMs: (ms('12:00:00') - ms('10:00:01')) - 3000 - 60_000 - 62_000 + (ms('13:00:00') - ms('12:05:01')),
			refreshes: 1,
			refreshFailures: 1,
			downs: 3,
			longestDownMs: 130_000,
		});
		expect(summary.outages.filter(outage => outage.kind === 'not-monitored').map(outage => clockOf(outage.from))).toEqual(['09:00:00', '12:00:00', '13:00:00']);
	});

	it('never calls a time nobody watched "down": Connected is unknown after a gap until the next run checks', () => {
		const history = historyOf([
			started('10:00:00', 1),
			connectedStatus('10:00:01', 1, true),
			connectedStatus('11:50:00', 1, false),
			stopped('12:00:00', 1),
			started('12:05:00', 2),
			connectedStatus('12:05:00.100', 2, null),
			connectedStatus('12:05:01', 2, false),
			connectedStatus('12:06:01', 2, true),
			stopped('13:00:00', 2),
		], '14:00:00');
		expect(outages(history).filter(outage => outage.kind === 'not-connected')).toEqual([
			{kind: 'not-connected', from: '11:50:00', to: '12:00:00', seconds: 600},
			{kind: 'not-connected', from: '12:05:01', to: '12:06:01', seconds: 60},
		]);
	});

	it('gives an outage that still lasts no end', () => {
		const history = historyOf([started('10:00:00', 1), connectedStatus('10:00:01', 1, true), connectedStatus('10:30:00', 1, false), alive('10:35:00', 1)], '10:36:00');
		expect(history.outages).toEqual([{kind: 'not-connected', from: ms('10:30:00'), to: null, ms: 6 * 60_000}]);
	});

	it('counts the channel joined while any process has it joined, and down only when none has', () => {
		const history = historyOf([
			started('10:00:00', 1),
			socket('10:00:01', 1, 'joined'),
			// A second process whose socket keeps failing: the device's channel is still watched.
			started('10:10:00', 2, 'json'),
			socket('10:10:01', 2, 'rejected', {httpStatus: 403}),
			socket('10:11:01', 2, 'connecting'),
			socket('10:11:02', 2, 'rejected', {httpStatus: 403}),
			stopped('10:20:00', 1),
			stopped('10:30:00', 2, 'json'),
		], '11:00:00');
		expect(outages(history)).toEqual([
			{kind: 'token-rejected', from: '10:10:01', to: '10:30:00', seconds: 1199},
			{kind: 'socket-down', from: '10:20:00', to: '10:30:00', seconds: 600},
		]);
		expect(history.joined).toEqual([{from: ms('10:00:01'), to: ms('10:20:00')}]);
	});

	it('takes a newer check over an older one across processes, but not a repeat of an older one', () => {
		const history = historyOf([
			started('10:00:00', 1),
			connectedStatus('10:00:01', 1, true),
			started('10:00:30', 2),
			connectedStatus('10:00:31', 2, true),
			connectedStatus('10:10:00', 1, false),
			// Process 2 writes a status for a pause change; its `connected` repeats its own older check.
			{...connectedStatus('10:10:30', 2, true), paused: true},
			connectedStatus('10:11:00', 2, false),
			connectedStatus('10:12:00', 1, true),
			connectedStatus('10:12:30', 2, true),
			stopped('10:20:00', 1),
			stopped('10:20:00', 2),
		], '11:00:00');
		expect(outages(history)).toEqual([{kind: 'not-connected', from: '10:10:00', to: '10:12:00', seconds: 120}]);
	});
});

describe('runs', () => {
	it('gives a line that names no process to the run started last', () => {
		const history = historyOf([started('10:00:00', 1), {time: '2026-11-27T10:30:00.000Z', type: 'socket', state: 'joined', attempt: 1}, stopped('11:00:00', 1)], '12:00:00');
		expect(history.runs).toHaveLength(1);
		expect(history.joined).toEqual([{from: ms('10:30:00'), to: ms('11:00:00')}]);
	});

	it('ends a run whose pid starts again without a stop (killed, the pid reused), and starts runs seen only mid-way', () => {
		const history = historyOf([alive('09:00:00', 7), alive('09:05:00', 7), started('10:00:00', 7), stopped('10:30:00', 7)], '12:00:00');
		expect(history.runs.map(run => [clockOf(run.from), clockOf(run.to), run.ending, run.startSeen])).toEqual([
			['09:00:00', '09:05:00', 'without-stop', false],
			['10:00:00', '10:30:00', 'stopped', true],
		]);
	});
});

describe('the token refused, seen by several processes', () => {
	it('keeps one window when a check takes an older answer another process fetched before the refusal', () => {
		const history = historyOf([
			started('22:50:00', 1, 'json'),
			socket('22:50:01', 1, 'joined'),
			identity('22:52:30', 1, true),
			started('22:51:00', 2, 'json'),
			socket('22:51:01', 2, 'joined'),
			// The token is revoked: both sockets are refused at their reconnect.
			socket('22:52:47', 1, 'rejected', {httpStatus: 403}),
			socket('22:52:48', 2, 'rejected', {httpStatus: 403}),
			// A check from cron, within the 60 s identity window: it adopts process 1's answer of 22:52:30.
			started('22:53:07', 3, 'check'),
			{...identity('22:53:07.100', 3, true), origin: 'other-process', fetchedAt: iso('22:52:30')},
			socket('22:53:07.300', 3, 'rejected', {httpStatus: 403}),
			stopped('22:53:08', 3, 'check'),
			// A fresh answer, and the token accepted again.
			identity('22:53:20', 1, false),
			socket('22:53:28', 1, 'open'),
			socket('22:53:29', 1, 'joined'),
			stopped('23:00:00', 1, 'json'),
			stopped('23:00:00', 2, 'json'),
		], '23:01:00');
		expect(outages(history).filter(outage => outage.kind === 'token-rejected')).toEqual([
			{kind: 'token-rejected', from: '22:52:47', to: '22:53:28', seconds: 41},
		]);
		// An answer fetched after the refusal does end it.
		const accepted = historyOf([
			started('22:50:00', 1, 'json'),
			socket('22:52:47', 1, 'rejected', {httpStatus: 403}),
			started('22:53:07', 3, 'check'),
			{...identity('22:53:07.100', 3, true), origin: 'other-process', fetchedAt: iso('22:53:00')},
			stopped('22:53:08', 3, 'check'),
			stopped('23:00:00', 1, 'json'),
		], '23:01:00');
		expect(accepted.tokenRejected).toEqual([{from: ms('22:52:47'), to: ms('22:53:07.100')}]);
	});
});

describe('a run killed with SIGKILL, soon after', () => {
	// The acceptance reproduction: a monitor killed 8 s in, a second one started 38 s after its last line.
	const killed: Line[] = [
		started('22:00:00', 101, 'json'),
		socket('22:00:00.400', 101, 'connecting'),
		socket('22:00:01', 101, 'joined'),
		connectedStatus('22:00:02', 101, true),
	];
	const runsOf = (history: DeviceHistory) => history.runs.map(run => [run.pid, clockOf(run.from), clockOf(run.to), run.ending]);

	it('ends it at its last line when another process\'s run began after it, and says so', () => {
		const history = historyOf([
			...killed,
			started('22:00:40', 102, 'json'),
			socket('22:00:41', 102, 'joined'),
			connectedStatus('22:00:42', 102, true),
			stopped('22:00:50', 102, 'json'),
		], '22:01:00');
		expect(runsOf(history)).toEqual([[101, '22:00:00', '22:00:02', 'without-stop'], [102, '22:00:40', '22:00:50', 'stopped']]);
		expect(outages(history)).toEqual([{kind: 'not-monitored', from: '22:00:02', to: '22:00:40', seconds: 38, endedWithoutStop: true}]);
		const summary = summarizeHistory(history, {from: ms('21:59:00'), to: ms('22:01:00')});
		expect(summary.monitoredMs).toBe(2000 + 10_000);
		expect(summary.joinedMs).toBe(1000 + 9000);
	});

	it('ends it at its last line when its process is known to be gone, with no run after it', () => {
		const history = historyOf(killed, '22:00:40', {processes: new Map([[101, false]])});
		expect(runsOf(history)).toEqual([[101, '22:00:00', '22:00:02', 'without-stop']]);
		const summary = summarizeHistory(history, {from: ms('22:00:00'), to: ms('22:00:40')});
		expect(summary.monitoredMs).toBe(2000);
		expect(summary.outages).toEqual([expect.objectContaining({kind: 'not-monitored', from: ms('22:00:02'), to: ms('22:00:40'), endedWithoutStop: true})]);
		// Not known either way: a quiet run is presumed to go on, as before.
		expect(runsOf(historyOf(killed, '22:00:40'))).toEqual([[101, '22:00:00', '22:00:40', 'running']]);
	});

	it('keeps a quiet monitor running while a check from cron comes and goes, when its process still runs', () => {
		const lines = [...killed, alive('22:05:00', 101), started('22:07:00', 102, 'check'), connectedStatus('22:07:01', 102, true), stopped('22:07:02', 102, 'check')];
		const history = historyOf(lines, '22:08:00', {processes: new Map([[101, true], [102, false]])});
		expect(runsOf(history)).toEqual([[101, '22:00:00', '22:08:00', 'running'], [102, '22:07:00', '22:07:02', 'stopped']]);
		expect(history.outages).toEqual([]);
		// Silent too long, it ends all the same (the pid may have been reused).
		expect(runsOf(historyOf(lines, '23:00:00', {processes: new Map([[101, true]])}))[0]).toEqual([101, '22:00:00', '22:05:00', 'without-stop']);
	});
});

describe('lines that cannot be read', () => {
	it('skips and counts torn lines, garbage and lines from a newer version; frames, headers, state and identity waits are not counted', () => {
		const history = historyOf([
			{time: '2026-11-27T10:00:00.000Z', type: 'recording', version: '0.1.0', format: 1, apiUrl: 'http://x', startedAt: '2026-11-27T10:00:00.000Z'},
			started('10:00:00', 1),
			{time: '2026-11-27T10:00:01.000Z', type: 'frame', direction: 'in', topic: 'phoenix', event: 'phx_reply', ref: '1', payload: {}, bytes: 40},
			{time: '2026-11-27T10:00:02.000Z', type: 'error', message: 'protocol error'},
			// Waiting for another process's identity request: no outcome (not a failure), and no line to skip.
			{time: '2026-11-27T10:00:02.000Z', type: 'identity', pid: 1, waiting: true, otherRequestAt: '2026-11-27T10:00:01.000Z', ownRequestAt: '2026-11-27T10:01:02.000Z'},
			{time: '2026-11-27T10:00:02.000Z', type: 'state', pid: 1, writable: false, error: 'cannot write'},
			'{"time":"2026-11-27T10:00:03.000Z","type":"socket","pid":1,"state":"joi',
			'not json at all',
			JSON.stringify({time: '2026-11-27T10:00:04.000Z', type: 'telepathy', pid: 1}),
			JSON.stringify({time: '2026-11-27T10:00:05.000Z', type: 'socket', pid: 1, state: 'hibernating'}),
			JSON.stringify({type: 'socket', pid: 1, state: 'joined'}),
			'[1,2,3]',
			socket('10:00:06', 1, 'joined'),
			stopped('11:00:00', 1),
		], '12:00:00');
		expect(history.skippedLines).toBe(6);
		expect(history.tokenRejected).toEqual([]);
		expect(history.joined).toEqual([{from: ms('10:00:06'), to: ms('11:00:00')}]);
	});
});
