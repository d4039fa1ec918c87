import {describe, expect, it} from 'vitest';
import {reportJson} from '../../../source/output/report/report-json.js';
import {reportText} from '../../../source/output/report/report-text.js';
import {
	eventStatus, historyOf, identity, identityStatus, ms, socket, started, stopped, token, type Line,
} from '../../core/history/journal-lines.js';

const connected = (clock: string, pid: number, value: boolean): Line => identityStatus(clock, pid, false, {asOf: '08:00:00.800', earliest: null, connected: value});

/** A shoot day's morning: an exact pause, a bounded one, an outage, a refresh, a SIGKILLed run and a gap. */
const history = historyOf([
	started('08:00:00', 1),
	socket('08:00:00.500', 1, 'joined'),
	identity('08:00:01', 1, true),
	connected('08:00:01', 1, true),
	eventStatus('09:02:11', 1, true),
	eventStatus('09:10:40', 1, false),
	connected('10:30:00', 1, false),
	connected('10:32:10', 1, true),
	token('10:40:00', 1, 'refreshed'),
	socket('10:50:00', 1, 'closed', {code: 1006}),
	socket('10:50:00.100', 1, 'waiting'),
	identityStatus('11:02:31', 1, true, {earliest: '11:01:30', asOf: '11:02:30.800'}),
	identityStatus('11:10:40', 1, false, {earliest: '11:09:40', asOf: '11:10:39.800'}),
	// Killed at ~11:12 (its last line 11:10:40); a new run at 11:15.
	started('11:15:00', 2),
	socket('11:15:00.500', 2, 'joined'),
	connected('11:15:01', 2, true),
	stopped('12:00:00', 2),
], '12:30:00');
const range = {from: ms('08:00:00'), to: ms('12:00:00')};
const sanitize = (text: string) => text.replaceAll(/\p{Cc}/gu, '?');

describe('report --json', () => {
	it('gives each device its durations, pause windows with their bounds, and outages by kind', () => {
		expect(reportJson(range, [{device: 'A-cam', history}, {device: 'B-cam', history: undefined}])).toEqual({
			from: '2026-11-27T08:00:00.000Z',
			to: '2026-11-27T12:00:00.000Z',
			devices: [
				{
					device: 'A-cam',
					journal: true,
					monitoredMs: ms('11:10:40') - ms('08:00:00') + (45 * 60_000),
					notMonitoredMs: ms('11:15:00') - ms('11:10:40'),
					connectedMs: ms('11:10:40') - ms('08:00:01') - 130_000 + (ms('12:00:00') - ms('11:15:01')),
					notConnectedMs: 130_000,
					joinedMs: ms('10:50:00') - ms('08:00:00.500') + (ms('12:00:00') - ms('11:15:00.500')),
					pausedMs: ms('09:10:40') - ms('09:02:11') + (ms('11:10:40') - ms('11:01:30')),
					pauses: [
						{
							from: '2026-11-27T09:02:11.000Z', fromLatest: '2026-11-27T09:02:11.000Z', to: '2026-11-27T09:10:40.000Z', toLatest: '2026-11-27T09:10:40.000Z',
							precision: 'exact', fromPrecision: 'exact', toPrecision: 'exact', unmonitored: [], likelyStart: null,
						},
						{
							from: '2026-11-27T11:01:30.000Z', fromLatest: '2026-11-27T11:02:31.000Z', to: '2026-11-27T11:09:40.000Z', toLatest: '2026-11-27T11:10:40.000Z',
							precision: 'bound', fromPrecision: 'bound', toPrecision: 'bound', unmonitored: [], likelyStart: null,
						},
					],
					outages: [
						{kind: 'not-connected', from: '2026-11-27T10:30:00.000Z', to: '2026-11-27T10:32:10.000Z', ms: 130_000},
						{kind: 'socket-down', from: '2026-11-27T10:50:00.000Z', to: '2026-11-27T11:10:40.000Z', ms: ms('11:10:40') - ms('10:50:00')},
						{kind: 'not-monitored', from: '2026-11-27T11:10:40.000Z', to: '2026-11-27T11:15:00.000Z', ms: ms('11:15:00') - ms('11:10:40'), endedWithoutStop: true},
					],
					refreshes: 1,
					refreshFailures: 0,
					skippedLines: 0,
				},
				{
					device: 'B-cam', journal: false, monitoredMs: 0, notMonitoredMs: 0, connectedMs: 0, notConnectedMs: 0, joinedMs: 0, pausedMs: 0,
					pauses: [], outages: [], refreshes: 0, refreshFailures: 0, skippedLines: 0,
				},
			],
		});
	});

	it('names a single device as Frame.io did, and ends the range at now', () => {
		const report = reportJson({from: range.from, to: ms('23:00:00')}, [{history}]);
		expect(report.to).toBe('2026-11-27T12:30:00.000Z');
		expect(report.devices[0]!.device).toBe('A-cam box');
	});
});

describe('report as text', () => {
	it('reads as a section per device: pauses with their precision, outages by kind, refreshes, time not monitored', () => {
		expect(reportText(range, [{device: 'A-cam\u001B[31m', history}, {device: 'B-cam', history: undefined}], {sanitize, timeZone: 'UTC'})).toBe([
			'c2c-status report · 2026-11-27 08:00:00 → 2026-11-27 12:00:00 (UTC)',
			'',
			'A-cam?[31m',
			'  Paused 2×',
			'    paused 09:02:11 → 09:10:40 (8m 29s)',
			'    paused between 11:01:30 and 11:02:31 → between 11:09:40 and 11:10:40 (7m 09s to 9m 10s)',
			'  Not connected 1× · 2m 10s in all',
			'    10:30:00 → 10:32:10 (2m 10s)',
			'  Socket down or refused 1× · 20m 40s in all',
			'    10:50:00 → 11:10:40 (20m 40s)',
			'  Token rejected: never',
			'  Token refreshes: 1, failed: 0',
			'  Not monitored 4m 20s',
			'    11:10:40 → 11:15:00 (4m 20s) · the monitor before it ended without a word (killed?)',
			'  In all: connected 99.0% · 2 outages (longest 20m 40s) · paused 2× (17m 39s) · not monitored 4m 20s',
			'',
			'B-cam',
			'  No journal for this device: it was not watched here with the journal on.',
			'',
		].join('\n'));
	});

	it('says an open pause, a start nobody saw, and gaps inside a window; other days get their date', () => {
		const open = historyOf([
			started('08:00:00', 1),
			identityStatus('08:00:01', 1, true, {earliest: null}),
			eventStatus('08:30:00', 1, false),
			stopped('09:00:00', 1),
			started('09:10:00', 1),
			eventStatus('09:20:00', 1, true),
			stopped('09:30:00', 1),
			started('09:40:00', 1),
			identityStatus('09:40:01', 1, true, {earliest: null}),
		], '09:50:00');
		const text = reportText({from: ms('07:00:00'), to: ms('10:00:00')}, [{device: 'C', history: open}], {sanitize, timeZone: 'Asia/Tokyo'});
		expect(text).toContain('2026-11-27 16:00:00 → 2026-11-27 18:50:00 (Asia/Tokyo)');
		expect(text).toContain('    paused before 17:00:01 (not watched before) → 17:30:00 (at least 29m 59s)');
		expect(text).toContain('    paused 18:20:00 → still paused (30m 00s so far)\n      not monitored 18:30:00 → 18:40:00 within it: it may have resumed then');
	});
});
