import {describe, expect, it} from 'vitest';
import {historySlots} from '../../../source/core/history/history-slots.js';
import {summarizeHistory} from '../../../source/core/history/history-summary.js';
import {formatShare, summaryLine} from '../../../source/core/history/history-text.js';
import {
	eventStatus, historyOf, identityStatus, ms, socket, started, stopped, type Line,
} from './journal-lines.js';

const status = (clock: string, connected: boolean): Line => identityStatus(clock, 1, false, {asOf: '08:00:00.800', earliest: null, connected});

/** 08:00–09:00 and 09:05–10:00 watched; two pauses, three outages, one of them the socket. */
const lines: Line[] = [
	started('08:00:00', 1),
	socket('08:00:00.500', 1, 'joined'),
	status('08:00:01', true),
	status('08:10:00', false),
	status('08:12:10', true),
	status('08:20:00', false),
	status('08:21:00', true),
	eventStatus('08:30:00', 1, true),
	eventStatus('08:40:00', 1, false),
	socket('08:50:00', 1, 'closed', {code: 1006}),
	socket('08:50:00.100', 1, 'waiting'),
	socket('08:50:30', 1, 'joined'),
	stopped('09:00:00', 1),
	started('09:05:00', 2),
	socket('09:05:00.500', 2, 'joined'),
	identityStatus('09:05:01', 2, false, {asOf: '09:05:00.800', earliest: null}),
	eventStatus('09:30:00', 2, true),
	eventStatus('09:34:02', 2, false),
	stopped('10:00:00', 2),
];
const history = historyOf(lines, '10:30:00');

describe('summary of a range', () => {
	it('reads as the overlay\'s "today" line', () => {
		const summary = summarizeHistory(history, {from: ms('08:00:00'), to: ms('10:00:00')});
		expect(summary.pauses).toHaveLength(2);
		expect(summary.pausedMs).toBe((10 * 60_000) + (4 * 60_000) + 2000);
		expect(summaryLine(summary)).toBe('connected 97.2% · 3 outages (longest 2m 10s) · paused 2× (14m 02s) · not monitored 5m 00s');
	});

	it('cuts the range at now, and counts only what lies inside it', () => {
		const summary = summarizeHistory(history, {from: ms('08:35:00'), to: ms('+1 00:00:00')});
		expect(summary.range.to).toBe(ms('10:30:00'));
		expect(summary.pausedMs).toBe((5 * 60_000) + (4 * 60_000) + 2000);
		expect(summary.notMonitoredMs).toBe(35 * 60_000);
		expect(summary.pauses.map(window => window.fromLatest)).toEqual([ms('08:30:00'), ms('09:30:00')]);
	});

	it('says when nothing was watched', () => {
		expect(summaryLine(summarizeHistory(history, {from: ms('06:00:00'), to: ms('07:00:00')}))).toBe('not monitored (1h 00m)');
	});

	it('counts the share connected over the time its connection was known, and says how long it was not', () => {
		// Watched from 12:00:00, the first answer on Frame.io's reach at 12:00:03; a restart at 12:30:05, its first answer at 12:30:20.
		const watched = historyOf([
			started('12:00:00', 1),
			socket('12:00:00.500', 1, 'joined'),
			status('12:00:03', true),
			stopped('12:30:00', 1),
			started('12:30:05', 2),
			identityStatus('12:30:20', 2, false, {asOf: '12:30:19', earliest: null, connected: true}),
			stopped('13:00:00', 2),
		], '13:00:00');
		expect(summaryLine(summarizeHistory(watched, {from: ms('12:00:00'), to: ms('12:00:10')}))).toBe('connected 100% · no outages · not paused');
		expect(summaryLine(summarizeHistory(watched, {from: ms('12:00:00'), to: ms('13:00:00')}))).toBe('connected 100% · no outages · not paused · connection unknown 18s · not monitored 5s');
	});

	it('never rounds a share up to 100%', () => {
		expect(formatShare(99_996, 100_000)).toBe('99.9%');
		expect(formatShare(5, 5)).toBe('100%');
		expect(formatShare(1, 3)).toBe('33.3%');
		expect(formatShare(0, 0)).toBe('?');
	});
});

describe('timeline strip', () => {
	it('gives each slot the worst it saw, and tells "not monitored" from "down"', () => {
		// Ten-minute slots from 07:50 to 10:10.
		const slots = historySlots(history, {from: ms('07:50:00'), to: ms('10:10:00')}, 14);
		const row = (key: 'monitored' | 'paused' | 'connected' | 'socket') => slots.map(slot => String(slot[key])).join(' ');
		expect(row('monitored')).toBe('none all all all all all all part all all all all all none');
		expect(row('paused')).toBe('null false false false true false false false false false true false false null');
		expect(row('connected')).toBe('null true false false true true true true true true true true true null');
		expect(row('socket')).toBe('unknown joined joined joined joined joined down joined joined joined joined joined joined unknown');
		expect(slots.at(-1)!.to).toBe(ms('10:10:00'));
	});
});
