import {afterEach, describe, expect, it} from 'vitest';
import FleetApp from '../../../source/ui/fleet/FleetApp.js';
import {fleetMinimum} from '../../../source/ui/fleet/fleet-layout.js';
import {baseTime, FakeFleet, pausedStatus} from '../../../support/fake-monitor.js';
import {cleanup, keys, renderInk} from '../../helpers/render-ink.js';
import {cartFleet, closedSocket, deviceSnapshot} from './fleet-fixture.js';

afterEach(() => {
	cleanup();
});

const now = () => baseTime;
const lines = (frame: string) => frame.split('\n');
const fits = (columns: number, rows: number) => (frame: string) => lines(frame).length === rows - 1 && lines(frame).every(line => line.length <= columns - 1);
const header = (frame: string) => lines(frame)[1]!.trim().split(/ {2,}/);
const selectedRow = (frame: string) => lines(frame).find(line => line.startsWith('▸ ')) ?? '';
const name = (index: number) => `cam-${String(index).padStart(2, '0')}`;

/** Fifty devices, seven paused and five with their socket down. */
function bigFleet(count = 50): FakeFleet {
	return new FakeFleet(Array.from({length: count}, (_, index) => ({
		name: name(index + 1),
		snapshot: deviceSnapshot(name(index + 1), {
			...(index % 7 === 3 ? {status: pausedStatus(true)} : {}),
			...(index % 11 === 5 ? {socket: closedSocket()} : {}),
		}),
	})));
}

function fleetApp(fleet: FakeFleet, size: {columns: number; rows: number}) {
	let quits = 0;
	const rendered = renderInk(<FleetApp
		fleet={fleet} now={now} onQuit={() => {
			quits++;
		}}/>, size);
	return {rendered, quits: () => quits};
}

describe('fleet layout', () => {
	it('keeps name, Paused, Connected and socket at 80 columns, and drops the round trip and project first', async () => {
		const {rendered} = fleetApp(cartFleet(), {columns: 80, rows: 24});
		const frame = await rendered.waitForFrame(fits(80, 24), 'an 80x24 frame');
		expect(header(frame)).toEqual(['Device', 'Paused', 'Connected', 'Socket', 'Token', 'Last event']);
		// Short of room the cells say less, not nothing.
		const sound = lines(frame).find(line => line.includes('Sound cart'))!;
		// The last event says less in whole words, never cuts its age.
		expect(sound.trim().split(/ {2,}/)).toEqual(['Sound cart', '▶ no', '✔ yes', '✖ rejected', '✖ re-pair', 'rejected · 20s ago']);
		rendered.resize(100, 24);
		const wider = await rendered.waitForFrame(f => fits(100, 24)(f) && f.includes('Project'), 'a 100x24 frame');
		expect(header(wider)).toEqual(['Device', 'Project', 'Paused', 'Connected', 'Socket', 'Token', 'Last event']);
		rendered.resize(110, 24);
		const widest = await rendered.waitForFrame(f => fits(110, 24)(f) && f.includes('RTT'), 'a 110x24 frame');
		expect(header(widest)).toEqual(['Device', 'Project', 'Paused', 'Connected', 'Socket', 'RTT', 'Token', 'Last event']);
		rendered.resize(50, 24);
		expect(header(await rendered.waitForFrame(fits(50, 24), 'a 50x24 frame'))).toEqual(['Device', 'Paused', 'Connected', 'Socket']);
	});

	it('keeps the same columns while the cells change: a socket dropping and a long event do not push Project out', async () => {
		const fleet = new FakeFleet(['A-cam', 'B-cam', 'C-cam'].map(name => ({name, snapshot: deviceSnapshot(name)})));
		const {rendered} = fleetApp(fleet, {columns: 80, rows: 24});
		const bRow = (frame: string) => lines(frame).find(line => line.includes('B-cam')) ?? '';
		for (const columns of [80, 86, 88, 90, 95, 100, 104, 106, 120]) {
			rendered.resize(columns, 24);
			fleet.monitor('B-cam').publish(deviceSnapshot('B-cam'));
			const calm = await rendered.waitForFrame(f => fits(columns, 24)(f) && bRow(f).includes('✔ joined'), `${columns} columns, calm`);
			const troubled = {
				socket: closedSocket(),
				status: {...pausedStatus(null, false), connected: {value: false, since: baseTime - 1000, source: 'health' as const, evidenceAt: baseTime - 1000}},
				health: {
					...deviceSnapshot('B-cam').health,
					lastFailure: {ok: false as const, at: baseTime - 1000, latencyMs: 5000, failure: {kind: 'timeout' as const, message: 'no answer within 5 s from api.frame.io'}},
				},
			};
			fleet.monitor('B-cam').publish(deviceSnapshot('B-cam', troubled));
			const busy = await rendered.waitForFrame(f => fits(columns, 24)(f) && bRow(f).includes('not joined'), `${columns} columns, B-cam in trouble`);
			expect(header(busy), `${columns} columns`).toEqual(header(calm));
		}
	});

	it('draws exactly rows - 1 lines, none wider than the terminal, over a grid of sizes from the minimum up', async () => {
		const {rendered} = fleetApp(bigFleet(30), fleetMinimum);
		let checked = 0;
		for (let {columns} = fleetMinimum; columns <= 210; columns += 40) {
			for (let {rows} = fleetMinimum; rows <= 56; rows += 10) {
				rendered.resize(columns, rows);
				const frame = await rendered.waitForFrame(fits(columns, rows), `a ${columns}x${rows} frame`);
				expect(header(frame).filter(title => title !== 'Project').slice(0, 4), `${columns}x${rows}`).toEqual(['Device', 'Paused', 'Connected', 'Socket']);
				expect(lines(frame).at(-1)).toMatch(/^q quit {2}\? help/);
				checked++;
			}
		}

		expect(checked).toBe(5 * 6);
	});

	it('scrolls fifty devices in 80x24 with the selection, and says which are shown', async () => {
		const {rendered} = fleetApp(bigFleet(), {columns: 80, rows: 24});
		const first = await rendered.waitForFrame(fits(80, 24), 'the first page');
		expect(lines(first)[0]).toBe('50 devices · 7 paused · 0 not connected · 5 not joined · showing 1-20');
		expect(lines(first).filter(line => / cam-\d\d /.test(line))).toHaveLength(20);
		expect(first).toContain('cam-20');
		expect(first).not.toContain('cam-21');
		await rendered.press(...Array.from({length: 20}, () => keys.down));
		const down = await rendered.waitForFrame(f => selectedRow(f).includes('cam-21'), 'cam-21 selected');
		// The page moved just enough to show the selection, on the last row.
		expect(lines(down)[0]).toContain('showing 2-21');
		expect(lines(down).at(-2)).toMatch(/^▸ cam-21 /);
		expect(fits(80, 24)(down)).toBe(true);
		await rendered.press(keys.end);
		const end = await rendered.waitForFrame(f => selectedRow(f).includes('cam-50'), 'the last device');
		expect(lines(end)[0]).toContain('showing 31-50');
		expect(end).not.toContain('cam-30');
		await rendered.press(keys.pageUp);
		const pageUp = await rendered.waitForFrame(f => !selectedRow(f).includes('cam-50'), 'a page up');
		expect(selectedRow(pageUp)).toMatch(/^▸ cam-31 /);
		expect(lines(pageUp)[0]).toContain('showing 31-50');
		await rendered.press(keys.up);
		const above = await rendered.waitForFrame(f => selectedRow(f).includes('cam-30'), 'cam-30');
		expect(lines(above)[0]).toContain('showing 30-49');
		expect(lines(above)[2]).toMatch(/^▸ cam-30 /);
		await rendered.press(keys.home);
		expect(lines(await rendered.waitForFrame(f => selectedRow(f).includes('cam-01'), 'the first device'))[0]).toContain('showing 1-20');
	});

	it('keeps the selection in sight when the terminal shrinks, and opens a device that fits too', async () => {
		const {rendered} = fleetApp(bigFleet(), {columns: 80, rows: 40});
		await rendered.press(keys.end, keys.up);
		await rendered.waitForFrame(f => selectedRow(f).includes('cam-49'), 'cam-49');
		rendered.resize(80, 24);
		const small = await rendered.waitForFrame(fits(80, 24), 'the smaller table');
		expect(selectedRow(small)).toMatch(/^▸ cam-49 /);
		await rendered.press(keys.enter);
		const device = await rendered.waitForFrame(f => f.includes('── Identity') && fits(80, 24)(f), 'cam-49\'s panels');
		expect(lines(device)[0]).toContain('Frameio-cam-49');
	});

	it('says the terminal is too small, and q still quits', async () => {
		const {rendered, quits} = fleetApp(cartFleet(), {columns: 49, rows: 10});
		expect(await rendered.waitForFrame(f => f.includes('too small'), 'the notice')).toBe('49x10 too small, need 50x6 · q quits');
		await rendered.press(keys.enter, 'q');
		expect(quits()).toBe(1);
		expect(rendered.frame()).toContain('too small');
	});

	it('says how to get back to the fleet when a device is opened in a terminal too small for its panels', async () => {
		const {rendered} = fleetApp(cartFleet(), {columns: 60, rows: 12});
		await rendered.press(keys.enter);
		expect(await rendered.waitForFrame(f => f.includes('too small'), 'the notice')).toBe('60x12 too small, need 50x16 · q quits · Esc fleet');
		await rendered.press(keys.escape);
		await rendered.waitForFrame(f => f.includes('A-cam'), 'the table');
	});
});
