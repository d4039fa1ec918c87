import {afterEach, describe, expect, it} from 'vitest';
import FleetApp from '../../../source/ui/fleet/FleetApp.js';
import {NoticeBoard} from '../../../source/ui/shared/notice-board.js';
import {baseTime, FakeFleet, pausedStatus} from '../../../support/fake-monitor.js';
import {cleanup, keys, renderInk} from '../../helpers/render-ink.js';
import {cartFleet, cells, closedSocket, deviceSnapshot, lines, row} from './fleet-fixture.js';

afterEach(() => {
	cleanup();
});

const now = () => baseTime;

const wide = {columns: 180, rows: 20};

function table(fleet: FakeFleet, size = wide, options: {ascii?: boolean; board?: NoticeBoard} = {}) {
	return renderInk(<FleetApp fleet={fleet} now={now} board={options.board} onQuit={() => {}}/>, {...size, ...options});
}

/** The cart, and a device found not paused 2m 14s ago whose /health failed and came back 3 s ago. */
function cartWithRecovery(): FakeFleet {
	const fleet = cartFleet();
	const base = deviceSnapshot('D');
	const recovered = deviceSnapshot('D', {
		status: {
			...pausedStatus(false),
			paused: {value: false, since: baseTime - 134_000, source: 'identity', evidenceAt: baseTime - 134_000},
			connected: {value: true, since: baseTime - 3000, source: 'health', evidenceAt: baseTime - 3000},
		},
		health: {...base.health, lastFailure: {ok: false, at: baseTime - 13_000, latencyMs: 5000, failure: {kind: 'timeout', message: 'no answer within 5 s'}}},
	});
	return new FakeFleet([...fleet.getSnapshot().devices, {name: 'D-cam', snapshot: recovered}]);
}

describe('fleet table', () => {
	it('has one row per device with its name, project, Paused, Connected, socket, round trip, token and last event', async () => {
		const frame = await table(cartFleet()).waitForFrame(f => f.includes('Sound cart'), 'the table');
		expect(cells(lines(frame).find(line => line.includes('Device'))!)).toEqual(['Device', 'Project', 'Paused', 'Connected', 'Socket', 'RTT', 'Token', 'Last event']);
		expect(cells(row(frame, 'A-cam'))).toEqual(['A-cam', 'Feature film', '▶ no', '✔ yes', '✔ joined', '12 ms', 'exp 7h 49m', 'not paused (identity) · 2m ago']);
		expect(cells(row(frame, 'B-cam'))).toEqual(['B-cam', 'Feature film', '‖ yes', '✔ yes', '✔ joined', '12 ms', '-', 'paused (event) · 1m ago']);
		expect(cells(row(frame, 'C-cam'))).toEqual(['C-cam', 'Feature film', '▶ no', '✖ no', '✔ joined', '12 ms', '-', '/health down: no answer within 5 s · 30s ago']);
		expect(cells(row(frame, 'Sound cart'))).toEqual([
			'Sound cart', 'Sound dept', '▶ no', '✔ yes', '✖ token rejected (HTTP 403)', '-', '✖ pairing needed', 'token rejected (socket, HTTP 403) · 20s ago',
		]);
	});

	it('sums the fleet up on its first line, naming the not joined, pairing needed and refused only when there are any', async () => {
		const frame = await table(cartFleet()).waitForFrame(f => f.includes('Sound cart'), 'the table');
		expect(lines(frame)[0]).toBe('4 devices · 1 paused · 1 not connected · 1 not joined · 1 pairing needed · 1 token rejected');
		const calm = new FakeFleet([{name: 'A-cam', snapshot: deviceSnapshot('A')}, {name: 'B-cam', snapshot: deviceSnapshot('B')}]);
		expect(lines(await table(calm).waitForFrame(f => f.includes('B-cam'), 'the calm table'))[0]).toBe('2 devices · 0 paused · 0 not connected');
	});

	it('follows the devices as they change', async () => {
		const fleet = cartFleet();
		const rendered = table(fleet);
		await rendered.waitForFrame(f => f.includes('Sound cart'), 'the table');
		fleet.monitor('A-cam').publish({status: {...pausedStatus(true), paused: {value: true, since: baseTime - 5000, source: 'event', evidenceAt: baseTime - 5000}}});
		const paused = await rendered.waitForFrame(f => f.startsWith('4 devices · 2 paused'), 'A-cam paused');
		expect(cells(row(paused, 'A-cam')).slice(2, 3)).toEqual(['‖ yes']);
		expect(row(paused, 'A-cam')).toContain('paused (event) · 5s ago');
		fleet.monitor('A-cam').publish({socket: closedSocket()});
		const closed = await rendered.waitForFrame(f => row(f, 'A-cam').includes('not joined'), 'A-cam closed');
		expect(row(closed, 'A-cam')).toContain('✖ not joined, retry in 3s');
		expect(row(closed, 'A-cam')).toContain('paused (event) · 5s ago');
		expect(lines(closed)[0]).toContain('2 not joined');
	});

	it('makes every bad state stand out by word and symbol, with no colour at all', async () => {
		const frame = await table(cartFleet()).waitForFrame(f => f.includes('Sound cart'), 'the table');
		// eslint-disable-next-line no-control-regex -- the test looks for escape codes
		expect(frame).not.toMatch(/\u001B\[/);
		expect(cells(row(frame, 'B-cam'))[2]).toBe('‖ yes');
		expect(cells(row(frame, 'C-cam'))[3]).toBe('✖ no');
		expect(cells(row(frame, 'Sound cart'))[4]).toBe('✖ token rejected (HTTP 403)');
		expect(cells(row(frame, 'Sound cart'))[6]).toBe('✖ pairing needed');
		// The fine ones carry the other symbols: nothing marks them as bad.
		expect(row(frame, 'A-cam')).not.toMatch(/[‖✖]/);
	});

	it('says the same in ASCII', async () => {
		const frame = await table(cartFleet(), wide, {ascii: true}).waitForFrame(f => f.includes('Sound cart'), 'the table');
		expect(frame.replaceAll('…', '')).toMatch(/^[\u0020-\u007E\n]*$/);
		expect(lines(frame)[0]).toBe('4 devices | 1 paused | 1 not connected | 1 not joined | 1 pairing needed | 1 token rejected');
		expect(cells(row(frame, 'B-cam'))[2]).toBe('|| yes');
		expect(cells(row(frame, 'C-cam'))[3]).toBe('x no');
		expect(cells(row(frame, 'Sound cart'))[6]).toBe('x pairing needed');
	});

	it('says every last event as "<what> · <age> ago", in whole words when narrow and with its age whole (issue 15.14)', async () => {
		const rendered = table(cartWithRecovery());
		for (const columns of [180, 120, 100, 90, 80]) {
			rendered.resize(columns, 20);
			const frame = await rendered.waitForFrame(f => lines(f).every(line => line.length <= columns - 1) && f.includes('D-cam'), `${columns} columns`);
			for (const name of ['A-cam', 'B-cam', 'C-cam', 'Sound cart', 'D-cam']) {
				const event = cells(row(frame, name)).at(-1)!;
				expect(event, `${name} at ${columns} columns`).toMatch(/^\S.*?( ·)? (\d+[smhd] )?\d+[smhd]( ago)?$/);
				expect(event, `${name} at ${columns} columns`).not.toContain('…');
			}
		}

		const narrow = rendered.frame();
		expect(cells(row(narrow, 'A-cam')).at(-1)).toBe('not paused · 2m ago');
		expect(cells(row(narrow, 'Sound cart')).at(-1)).toBe('rejected · 20s ago');
	});

	it('shows /health coming back rather than the failure it came back from', async () => {
		const frame = await table(cartWithRecovery()).waitForFrame(f => f.includes('D-cam'), 'the table');
		expect(cells(row(frame, 'D-cam')).slice(3, 4)).toEqual(['✔ yes']);
		expect(cells(row(frame, 'D-cam')).at(-1)).toBe('/health ok again · 3s ago');
		expect(frame).not.toContain('/health failed');
	});

	it('marks the selected row in ASCII with a mark of its own, not the ">" of "not paused", and the help says which', async () => {
		const rendered = table(cartFleet(), {columns: 100, rows: 24}, {ascii: true});
		const frame = await rendered.waitForFrame(f => f.includes('Sound cart'), 'the table');
		const selected = lines(frame).filter(line => line.startsWith('* '));
		expect(selected).toHaveLength(1);
		expect(selected[0]).toMatch(/^\* A-cam +Feature f… +> no +\+ yes/);
		expect(lines(frame).filter(line => line.startsWith('>'))).toEqual([]);
		await rendered.press('?');
		const help = await rendered.waitForFrame(f => f.includes('Marks:'), 'the help');
		expect(help.replaceAll(/\s+/g, ' ')).toContain('Marks: * the selected device, || paused, > not paused, + fine, x a problem, ! a warning, ? not known yet.');
	});

	it('keeps "q quit  ? help" in the footer beside a hook\'s notice, which says why the hook failed', async () => {
		const board = new NoticeBoard();
		const rendered = table(cartFleet(), {columns: 80, rows: 24}, {board});
		await rendered.waitForFrame(f => f.includes('Sound cart'), 'the table');
		board.post('--on-change hook for B-cam exited with 6: curl: (6) Could not resolve host: chat.example', 60_000, baseTime);
		const frame = await rendered.waitForFrame(f => f.includes('--on-change hook'), 'the notice');
		const footer = lines(frame).at(-1)!;
		expect(footer).toMatch(/^q quit {2}\? help {2}· --on-change hook for B-cam exited with 6: curl: \(6\) Could/);
		expect(footer.length).toBeLessThanOrEqual(79);
		// Opened, the device's footer pins the same keys.
		await rendered.press(keys.down, keys.enter);
		const device = await rendered.waitForFrame(f => f.includes('── Identity'), 'B-cam\'s panels');
		expect(lines(device).at(-1)).toMatch(/^q quit {2}\? help {2}Esc fleet {2}· --on-change hook for B-cam/);
	});

	it('tells a not joined socket by why: refused, closed and retrying, join refused, still connecting', async () => {
		const {socket} = deviceSnapshot('x');
		const fleet = new FakeFleet([
			{name: 'closed', snapshot: deviceSnapshot('1', {socket: closedSocket()})},
			{name: 'join-error', snapshot: deviceSnapshot('2', {socket: {...socket, state: 'open', join: {...socket.join, phase: 'errored', lastError: 'unmatched topic'}}})},
			{name: 'connecting', snapshot: deviceSnapshot('3', {socket: {...socket, state: 'connecting', attempt: 4}})},
		]);
		const frame = await table(fleet).waitForFrame(f => f.includes('connecting'), 'the table');
		expect(cells(row(frame, 'closed'))[4]).toBe('✖ not joined, retry in 3s');
		expect(cells(row(frame, 'join-error'))[4]).toBe('✖ not joined: unmatched topic');
		expect(cells(row(frame, 'connecting'))[4]).toBe('! connecting (attempt 4)');
		expect(cells(row(frame, 'closed'))[7]).toBe('closed 1006 by network · 12s ago');
		expect(lines(frame)[0]).toBe('3 devices · 0 paused · 0 not connected · 3 not joined');
	});

	it('keeps every device\'s secrets and control characters off the screen', async () => {
		const fleet = new FakeFleet([
			{name: 'A-cam', snapshot: deviceSnapshot('A', {}, 'Film for secret-of-b')},
			{name: 'B-cam\u001B[31m', snapshot: deviceSnapshot('B', {}, 'Shot\u0007 secret-of-a')},
		]);
		fleet.monitor('A-cam').secret = 'secret-of-a';
		fleet.monitor('B-cam\u001B[31m').secret = 'secret-of-b';
		const frame = await table(fleet).waitForFrame(f => f.includes('B-cam'), 'the table');
		expect(frame).not.toContain('secret-of');
		expect(row(frame, 'A-cam')).toContain('Film for [redacted]');
		expect(row(frame, 'B-cam')).toContain('Shot� [redacted]');
		// eslint-disable-next-line no-control-regex -- the test looks for escape codes
		expect(frame).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
	});
});
