import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';
import type {DeviceHistory} from '../../../source/core/history/history-model.js';
import FleetApp from '../../../source/ui/fleet/FleetApp.js';
import {baseTime} from '../../../support/fake-monitor.js';
import {alive, eventStatus, health, historyOf, started} from '../../core/history/journal-lines.js';
import {cleanup, renderInk} from '../../helpers/render-ink.js';
import {cartFleet} from './fleet-fixture.js';

// "Today" is the local day: the fixtures' morning is today's in UTC (a zone where 10:00 UTC is past midnight local).
process.env.TZ = 'UTC';

afterEach(() => {
	cleanup();
});

const feed = (history: DeviceHistory | null) => ({subscribe: () => () => undefined, getSnapshot: () => history});
const row = (frame: string, name: string) => frame.split('\n').find(line => line.slice(2).startsWith(`${name} `)) ?? '';

/** Watched since 09:00 (UTC) on the fixtures' day, now 10:00: B-cam paused twice, C-cam 6 minutes not connected. */
function histories() {
	const watched = [started('09:00:00', 1), health('09:00:00', 1, true), eventStatus('09:00:00', 1, false)];
	const until = [alive('09:55:00', 1)];
	return new Map([
		// Started three seconds before its first answer: those seconds were neither connected nor not.
		['A-cam', feed(historyOf([started('08:59:57', 1), ...watched.slice(1), ...until], '10:00:00'))],
		['B-cam', feed(historyOf([
			...watched, eventStatus('09:10:00', 1, true), eventStatus('09:12:00', 1, false), eventStatus('09:40:00', 1, true), eventStatus('09:41:00', 1, false), ...until,
		], '10:00:00'))],
		['C-cam', feed(historyOf([...watched, eventStatus('09:20:00', 1, false, {connected: false}), eventStatus('09:26:00', 1, false, {connected: true}), ...until], '10:00:00'))],
		['Sound cart', feed(null)],
	]);
}

describe('the fleet\'s "today" column', () => {
	it('gives each device today\'s connected share and its pauses, from its journal; - without one', async () => {
		expect(baseTime).toBe(Date.parse('2026-11-27T10:00:00.000Z'));
		const rendered = renderInk(<FleetApp fleet={cartFleet()} histories={histories()} now={() => baseTime} onQuit={() => {}}/>, {columns: 180, rows: 20});
		const frame = await rendered.waitForFrame(f => f.includes('Today'), 'the column');
		expect(row(frame, 'A-cam').trimEnd()).toMatch(/ {2}100%$/);
		expect(row(frame, 'B-cam').trimEnd()).toMatch(/ {2}100% ‖2$/);
		expect(row(frame, 'C-cam').trimEnd()).toMatch(/ {2}90\.0%$/);
		expect(row(frame, 'Sound cart').trimEnd()).toMatch(/ {2}-$/);
	});

	it('comes after the columns that matter more: at 80 columns it gives way to the last event', async () => {
		const rendered = renderInk(<FleetApp fleet={cartFleet()} histories={histories()} now={() => baseTime} onQuit={() => {}}/>, {columns: 80, rows: 20});
		const frame = await rendered.waitForFrame(f => f.includes('Last event'), 'the table');
		expect(frame).not.toContain('Today');
		const wider = renderInk(<FleetApp fleet={cartFleet()} histories={histories()} now={() => baseTime} onQuit={() => {}}/>, {columns: 100, rows: 20});
		const header = await wider.waitForFrame(f => f.includes('Today'), 'the column at 100 columns');
		expect(header).toContain('Last event');
	});
});
