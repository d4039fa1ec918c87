import {afterEach, describe, expect, it} from 'vitest';
import type {DeviceHistory} from '../../../../source/core/history/history-model.js';
import App from '../../../../source/ui/monitor/App.js';
import {stripCells} from '../../../../source/ui/monitor/timeline/strip-cells.js';
import {FakeMonitor, snapshot} from '../../../../support/fake-monitor.js';
import {alive, eventStatus, health, historyOf, ms, socket, started, stopped} from '../../../core/history/journal-lines.js';
import {cleanup, keys, renderInk} from '../../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

/** A morning: watched from 07:00, paused 08:00 → 08:10 (events), /health down 09:00 → 09:02:10, nobody watching 09:30 → 09:40. */
function morning(): DeviceHistory {
	return historyOf([
		started('07:00:00', 11),
		health('07:00:00', 11, true),
		socket('07:00:01', 11, 'joined'),
		eventStatus('07:00:02', 11, false),
		eventStatus('08:00:00', 11, true),
		eventStatus('08:10:00', 11, false),
		health('09:00:00', 11, false),
		eventStatus('09:00:00', 11, false, {connected: false}),
		health('09:02:10', 11, true),
		eventStatus('09:02:10', 11, false, {connected: true}),
		stopped('09:30:00', 11),
		started('09:40:00', 12),
		health('09:40:00', 12, true),
		socket('09:40:01', 12, 'joined'),
		eventStatus('09:40:02', 12, false),
		alive('09:45:00', 12),
		alive('09:50:00', 12),
		alive('09:55:00', 12),
	], '10:00:00');
}

const feed = (history: DeviceHistory | null) => ({subscribe: () => () => undefined, getSnapshot: () => history});
const local = (at: number) => new Date(at).toTimeString().slice(0, 8);

function app(history: DeviceHistory | null, options: {ascii?: boolean; columns?: number; rows?: number} = {}) {
	const monitor = new FakeMonitor(snapshot());
	const size = {columns: options.columns ?? 80, rows: options.rows ?? 24, ascii: options.ascii ?? false};
	return renderInk(<App monitor={monitor} history={feed(history)} now={() => ms('10:00:00')} onQuit={() => undefined}/>, size);
}

describe('the history in the live view', () => {
	it('puts a strip of the last hours under the headline, five minutes a cell, and keeps the view within the terminal', async () => {
		const rendered = app(morning());
		const frame = await rendered.waitForFrame(f => f.includes(' now (t)'), 'the strip');
		const strip = frame.split('\n').find(line => line.endsWith(' now (t)'))!;
		expect(strip).toHaveLength(79);
		const cells = strip.slice(6, -8);
		// 65 cells, the last one the slot from 10:00 (now, nothing in it yet): from 04:40 on; watched from 07:00.
		expect(strip.slice(0, 5)).toBe(local(ms('04:40:00')).slice(0, 5));
		expect(cells).toBe(`${'·'.repeat(28)}${'▁'.repeat(12)}‖‖${'▁'.repeat(10)}✖${'▁'.repeat(5)}··▁▁▁▁·`);
		expect(frame.split('\n').length).toBeLessThanOrEqual(23);
	});

	it('draws the strip in ASCII with --ascii, and says when there is no journal yet', async () => {
		const ascii = app(morning(), {ascii: true});
		const frame = await ascii.waitForFrame(f => f.includes(' now (t)'), 'the strip');
		expect(frame).toContain(`${'.'.repeat(28)}${'_'.repeat(12)}PP${'_'.repeat(10)}x${'_'.repeat(5)}..____. now (t)`);
		const none = app(null);
		await none.waitForFrame(f => f.includes('history: no journal yet (t: timeline)'), 'no journal');
	});

	it('t opens the timeline: the day\'s line, then every window and outage newest first; t or Esc closes it', async () => {
		const rendered = app(morning());
		await rendered.waitForFrame(f => f.includes(' now (t)'), 'the strip');
		await rendered.press('t');
		const frame = await rendered.waitForFrame(f => f.includes('── Timeline · last 24 h · Esc closes'), 'the timeline');
		const lines = frame.split('\n');
		const first = lines.findIndex(line => line.startsWith('today'));
		// The day's line is too wide for 80 columns: it goes on under itself.
		expect(lines[first]).toMatch(/^today {2}connected \d+\.\d% · 1 outage \(2m 10s\) · paused 1× \(10m 00s\) ·$/);
		expect(lines[first + 1]).toMatch(/^ {2}not monitored \d+h \d{2}m$/);
		expect(lines.slice(first + 2, first + 7)).toEqual([
			`  not monitored ${local(ms('09:30:00'))} → ${local(ms('09:40:00'))} (10m 00s)`,
			`  not connected ${local(ms('09:00:00'))} → ${local(ms('09:02:10'))} (2m 10s)`,
			`  paused ${local(ms('08:00:00'))} → ${local(ms('08:10:00'))} (10m 00s)`,
			// The legend, too wide for 80 columns, goes on under itself.
			'  ▁ fine ‖ paused ✖ not connected ! socket down ? not known yet · not watched',
			'    5 min a cell',
		]);
		await rendered.press('t');
		await rendered.waitForFrame(f => f.includes('── Traffic'), 'the panels again');
		await rendered.press('t');
		await rendered.waitForFrame(f => f.includes('── Timeline'), 'the timeline again');
		await rendered.press(keys.escape);
		await rendered.waitForFrame(f => f.includes('── Traffic'), 'closed with Esc');
	});

	it('scrolls a long timeline like the help', async () => {
		const lines = [started('00:00:00', 5), health('00:00:00', 5, true)];
		for (let hour = 1; hour <= 9; hour++) {
			lines.push(eventStatus(`0${hour}:00:00`, 5, true), eventStatus(`0${hour}:05:00`, 5, false), eventStatus(`0${hour}:30:00`, 5, true), eventStatus(`0${hour}:35:00`, 5, false));
		}

		lines.push(alive('09:55:00', 5));

		const rendered = app(historyOf(lines, '10:00:00'));
		await rendered.press('t');
		const top = await rendered.waitForFrame(f => f.includes('Up/Down: lines 1-'), 'a scrolling timeline');
		expect(top).toContain(`paused ${local(ms('09:30:00'))} → ${local(ms('09:35:00'))} (5m 00s)`);
		await rendered.press(keys.end);
		const end = await rendered.waitForFrame(f => f.includes('5 min a cell'), 'its end');
		expect(end).toContain(`paused ${local(ms('01:00:00'))} → ${local(ms('01:05:00'))} (5m 00s)`);
		expect(end).not.toContain(`paused ${local(ms('09:30:00'))}`);
	});

	it('gives each cell the worst of its slot: paused, down, socket down, fine; not watched apart from down', () => {
		const history = historyOf([
			started('09:00:00', 3),
			health('09:00:00', 3, true),
			socket('09:00:00', 3, 'joined'),
			socket('09:06:00', 3, 'closed'),
			socket('09:06:30', 3, 'joined'),
			eventStatus('09:11:00', 3, false, {connected: false}),
			eventStatus('09:11:10', 3, false, {connected: true}),
			eventStatus('09:16:00', 3, true),
			eventStatus('09:16:01', 3, false),
			stopped('09:20:00', 3),
		], '09:34:00');
		expect(stripCells(history, ms('09:34:00'), 8).cells).toEqual(['unwatched', 'ok', 'socket', 'down', 'paused', 'unwatched', 'unwatched', 'unwatched']);
	});
});
