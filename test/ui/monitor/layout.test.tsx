import {EventEmitter} from 'node:events';
import {render as inkRender} from 'ink';
import {afterEach, describe, expect, it} from 'vitest';
import App from '../../../source/ui/monitor/App.js';
import {asciiOnly} from '../../../source/ui/screen/ascii-stdout.js';
import {computeLayout, minimumSize} from '../../../source/ui/shared/layout.js';
import {baseTime, FakeMonitor, frame, heartbeats, malformedFrame, snapshot} from '../../../support/fake-monitor.js';
import {cleanup, keys, renderInk} from '../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const now = () => baseTime;
const titles = ['Paused:', 'Connected:', '── Identity', '── Socket', '── Health', '── Traffic', 'q quit'];
const lines = (frame: string) => frame.split('\n');
const fits = (columns: number, rows: number) => (frame: string) => lines(frame).length === rows - 1 && lines(frame).every(line => line.length <= columns - 1);

function app(size: {columns: number; rows: number}, options: {ascii?: boolean} = {}) {
	const monitor = new FakeMonitor(snapshot({traffic: heartbeats(30)}));
	let quits = 0;
	const rendered = renderInk(<App
		monitor={monitor} now={now} onQuit={() => {
			quits++;
		}}/>, {...size, ...options});
	return {rendered, monitor, quits: () => quits};
}

describe('computeLayout', () => {
	it('puts the panels side by side from 80 columns and 20 rows, stacked below', () => {
		expect(computeLayout(80, 24)).toMatchObject({kind: 'wide', panelLines: 5, trafficRows: 9});
		expect(computeLayout(100, 30)).toMatchObject({kind: 'wide', trafficRows: 15});
		expect(computeLayout(79, 24)).toMatchObject({kind: 'narrow', panelLines: 2});
		expect(computeLayout(120, 19)).toMatchObject({kind: 'narrow'});
		expect(computeLayout(49, 30).kind).toBe('too-small');
		expect(computeLayout(80, 15).kind).toBe('too-small');
	});
});

describe('App layout', () => {
	it('draws exactly rows - 1 lines, none wider than the terminal, over a grid of sizes from the minimum up', async () => {
		const {rendered} = app(minimumSize);
		let checked = 0;
		for (let {columns} = minimumSize; columns <= 230; columns += 20) {
			for (let {rows} = minimumSize; rows <= 70; rows += 9) {
				rendered.resize(columns, rows);
				const frame = await rendered.waitForFrame(fits(columns, rows), `a ${columns}x${rows} frame`);
				expect(frame, `${columns}x${rows}`).toContain('── Traffic');
				checked++;
			}
		}

		expect(checked).toBe(10 * 7);
	});

	it.each([
		[80, 24],
		[100, 30],
		[60, 20],
		[50, 16],
		[200, 60],
	])('fits %ix%i with every panel visible', async (columns, rows) => {
		const {rendered} = app({columns, rows});
		const frame = await rendered.waitForFrame(fits(columns, rows), `a ${columns}x${rows} frame`);
		for (const title of titles) {
			expect(frame, title).toContain(title);
		}

		expect(lines(frame)).toHaveLength(rows - 1);
		expect(Math.max(...lines(frame).map(line => line.length))).toBeLessThanOrEqual(columns - 1);
	});

	it('sets Identity and Socket side by side when wide and stacks them when narrow', async () => {
		const wide = await app({columns: 100, rows: 30}).rendered.waitForFrame(fits(100, 30), 'wide');
		expect(lines(wide).find(line => line.includes('── Identity'))).toContain('── Socket');
		const narrow = await app({columns: 60, rows: 20}).rendered.waitForFrame(fits(60, 20), 'narrow');
		expect(lines(narrow).find(line => line.includes('── Identity'))).not.toContain('── Socket');
	});

	it('follows a resize', async () => {
		const {rendered} = app({columns: 100, rows: 30});
		await rendered.waitForFrame(fits(100, 30), 'the first layout');
		rendered.resize(60, 20);
		const small = await rendered.waitForFrame(fits(60, 20), 'the resized layout');
		for (const title of titles) {
			expect(small).toContain(title);
		}
	});

	it('says the terminal is too small, and q still quits', async () => {
		const {rendered, quits} = app({columns: 40, rows: 12});
		// The sizes first: a terminal this narrow cuts the end of the line.
		expect(await rendered.waitForFrame(f => f.includes('too small'), 'the notice')).toBe('40x12 too small, need 50x16 · q quits');
		await rendered.press('r', 'q');
		expect(quits()).toBe(1);
	});

	it('draws ASCII only with --ascii', async () => {
		const {rendered} = app({columns: 80, rows: 24}, {ascii: true});
		const frame = await rendered.waitForFrame(f => f.includes('-- Traffic'), 'an ASCII frame');
		// Ink cuts long lines with "…"; in ASCII mode the output stream swaps it for "~".
		expect(frame.replaceAll('…', '')).toMatch(/^[\u0020-\u007E\n]*$/);
		expect(asciiOnly(frame)).toMatch(/^[\u0020-\u007E\n]*$/);
		expect(frame).toContain('>  Paused: no');
	});

	it.each([[60, 20], [50, 16]])('shows every key in the help at %ix%i, scrolling with Down when it does not fit', async (columns, rows) => {
		const {rendered} = app({columns, rows});
		await rendered.press('?');
		let help = await rendered.waitForFrame(f => f.includes('── Keys') && fits(columns, rows)(f), 'the help');
		const seen = new Set<string>();
		for (;;) {
			const [title, ...body] = lines(help).slice(lines(help).findIndex(line => line.startsWith('── Keys')), -1);
			for (const line of body) {
				seen.add(line);
			}

			const position = /Up\/Down: lines \d+-(\d+) of (\d+)/.exec(title!);
			if (!position || position[1] === position[2]) {
				break;
			}

			await rendered.press(keys.down);
			help = await rendered.waitForFrame(f => !f.includes(`lines ${Number(position[1]) - body.length + 1}-`), 'the help scrolled');
		}

		for (const key of ['q, Ctrl+C', '?', 'r', 'c', 'Space', 'Up, Down', 'PgUp, PgDn', 'Home, End', '/', 'Esc', 'h', 'Enter']) {
			expect([...seen].some(line => line.startsWith(`${key} `)), key).toBe(true);
		}

		expect([...seen].some(line => line.startsWith('The identity is fetched at most once a minute'))).toBe(true);
	});

	it('scrolls the help at the minimum size, and says so', async () => {
		const {rendered} = app({columns: 50, rows: 16});
		await rendered.press('?');
		const top = await rendered.waitForFrame(f => f.includes('── Keys'), 'the help');
		expect(top).toMatch(/── Keys · Up\/Down: lines 1-10 of \d+ · Esc closes/);
		await rendered.press(keys.end);
		const end = await rendered.waitForFrame(f => !f.includes('lines 1-10'), 'the end of the help');
		expect(end).toContain('Frame.io asks.');
		await rendered.press(keys.home);
		await rendered.waitForFrame(f => f.includes('lines 1-10 of'), 'the top of the help');
	});

	it('keeps the countdowns, the rejection and the traffic events readable at 80x24 and 60x20', async () => {
		const base = snapshot();
		const monitor = new FakeMonitor(snapshot({
			socket: {...base.socket, state: 'rejected', nextRetryAt: baseTime + 42_000, rejection: {status: 403, message: 'x', at: baseTime}},
			traffic: [frame({topic: 'devices:a7e95254-8cd6-4d59-b54d-28c58570a8de', event: 'status_updated', payload: 'paused', ref: null})],
		}));
		const wide = renderInk(<App monitor={monitor} now={now} onQuit={() => {}}/>, {columns: 80, rows: 24});
		const text = await wide.waitForFrame(fits(80, 24), '80x24');
		expect(text).toContain('Fetched    12s ago · next in 48s');
		expect(text).toContain('token rejected (HTTP 403)');
		expect(text).toContain('Next try   in 42s, or on a new token');
		expect(text).toContain('devices:a7e95254-8cd6-4d59-b… status_updated "paused"');
		const narrow = renderInk(<App monitor={monitor} now={now} onQuit={() => {}}/>, {columns: 60, rows: 20});
		const small = await narrow.waitForFrame(fits(60, 20), '60x20');
		expect(small).toContain('bad or expired token · next try in 42s, or on a new token');
		expect(small).toContain('fetched 12s ago · next in 48s');
		expect(small).toContain('status_updated "paused"');
	});

	it('marks the identity the last run left, in the headline and the Identity panel, at 80x24', async () => {
		const base = snapshot();
		const monitor = new FakeMonitor(snapshot({
			identity: {...base.identity, origin: 'last-run', fetchedAt: baseTime - 40_000},
			status: {...base.status, paused: {value: false, since: baseTime - 40_000, source: 'identity', evidenceAt: baseTime - 41_000}},
		}));
		const rendered = renderInk(<App monitor={monitor} now={now} onQuit={() => {}}/>, {columns: 80, rows: 24});
		const text = await rendered.waitForFrame(fits(80, 24), '80x24');
		expect(text).toContain('▶  Paused: no  for 40s · from the last run\'s identity, 40s ago');
		expect(text).toMatch(/── Identity · from last run, 40s ago ─* ── Socket/);
		monitor.publish({identity: {...monitor.getSnapshot().identity, origin: 'fetched', fetchedAt: baseTime}});
		const fresh = await rendered.waitForFrame(f => !f.includes('last run'), 'the fresh identity');
		expect(fresh).toContain('Paused: no  for 40s · confirmed by the identity 41s ago');
	});

	it('shows the demo banner, the emulator\'s URL and what comes next', async () => {
		const monitor = new FakeMonitor(snapshot({apiUrl: 'http://127.0.0.1:43127'}));
		const demo = (next: string) => () => ({next, at: baseTime + 12_000});
		const wide = renderInk(<App monitor={monitor} now={now} demoHint={demo('pause')} onQuit={() => {}}/>, {columns: 100, rows: 30});
		const text = await wide.waitForFrame(f => f.includes('DEMO') && fits(100, 30)(f), 'the banner');
		expect(lines(text)[0]).toBe('c2c-status DEMO: local emulator  http://127.0.0.1:43127 · next: pause in 12s');
		// The demo's device is the emulator's own ("c2c-status emulator"): never named, not even at 120+ columns (issue 15.14).
		const emulatorDevice = snapshot({apiUrl: 'http://127.0.0.1:43127'});
		const named = new FakeMonitor({...emulatorDevice, identity: {...emulatorDevice.identity, identity: {...emulatorDevice.identity.identity!, name: 'c2c-status emulator'}}});
		const widest = renderInk(<App monitor={named} now={now} demoHint={demo('pause')} onQuit={() => {}}/>, {columns: 160, rows: 30});
		const title160 = lines(await widest.waitForFrame(f => f.includes('DEMO') && fits(160, 30)(f), 'the banner at 160 columns'))[0]!;
		expect(title160).toBe('c2c-status DEMO: local emulator  http://127.0.0.1:43127 · next: pause in 12s');
		expect(title160.split('c2c-status')).toHaveLength(2);
		// At 80 columns the URL and the countdown stay; the banner shortens before either is cut.
		const narrow = renderInk(<App monitor={monitor} now={now} demoHint={demo('the demo starts over')} onQuit={() => {}}/>, {columns: 80, rows: 24});
		const title = lines(await narrow.waitForFrame(f => f.includes('DEMO') && fits(80, 24)(f), 'the banner at 80x24'))[0];
		expect(title).toBe('c2c-status DEMO  http://127.0.0.1:43127 · next: the demo starts over in 12s');
	});
});

describe('App safety', () => {
	it('keeps the token off the screen even when the server echoes it', async () => {
		const base = snapshot();
		const monitor = new FakeMonitor(snapshot({
			identity: {...base.identity, error: {kind: 'auth', status: 401, message: `credential Bearer ${'fake-secret-token'} has expired`}, phase: 'error', stale: true},
			traffic: [frame({event: 'echo', payload: {authorization: 'Bearer fake-secret-token'}})],
		}));
		const rendered = renderInk(<App monitor={monitor} now={now} onQuit={() => {}}/>, {columns: 200, rows: 40});
		const text = await rendered.waitForFrame(f => f.includes('has expired'), 'the error');
		expect(text).toContain('credential Bearer [redacted] has expired');
		expect(text).toContain('{"authorization":"Bearer [redacted]"}');
		await rendered.press(keys.enter);
		const detail = await rendered.waitForFrame(f => f.includes('── Frame'), 'the frame detail');
		expect(detail).toContain('"authorization": "Bearer [redacted]"');
		expect(rendered.frames.join('')).not.toContain('fake-secret-token');
	});

	it('never lets server strings put control characters or escape sequences on the terminal', async () => {
		const evil = 'Evil\u001B[2J\u001B]0;pwned\u0007Name\u0000\u009B31m\u202Egnp.exe';
		const monitor = new FakeMonitor(snapshot({
			identity: {...snapshot().identity, identity: {...snapshot().identity.identity!, name: evil, projectName: evil, creatorName: evil}},
			traffic: [frame({topic: evil, event: evil, payload: {message: evil}}), malformedFrame({error: 'frame is not JSON', text: evil})],
		}));
		const rendered = renderInk(<App monitor={monitor} now={now} onQuit={() => {}}/>, {columns: 200, rows: 40});
		const text = await rendered.waitForFrame(f => f.includes('EvilName'), 'the names');
		// eslint-disable-next-line no-control-regex
		expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);
		expect(text).toContain('Project    EvilName');
	});

	it('runs without keys when stdin is not a terminal', async () => {
		// eslint-disable-next-line unicorn/prefer-event-target -- Ink writes to and listens on a Node stream, which is an EventEmitter
		class Stdout extends EventEmitter {
			columns = 100;
			rows = 30;
			isTTY = true;
			last = '';
			write = (chunk: string) => {
				this.last = chunk;
				this.emit('written');
				return true;
			};
		}

		// What a pipe or /dev/null looks like: isTTY is undefined, not false, and raw mode throws.
		// eslint-disable-next-line unicorn/prefer-event-target -- Ink reads from and listens on a Node stream, which is an EventEmitter
		const stdin = Object.assign(new EventEmitter(), {isTTY: undefined, setEncoding() {}, setRawMode() {
			throw new Error('raw mode is not supported');
		}, ref() {}, unref() {}, read: () => null, resume() {}, pause() {}});
		const stdout = new Stdout();
		const instance = inkRender(<App monitor={new FakeMonitor(snapshot({traffic: [frame()]}))} now={now} onQuit={() => {}}/>, {
			stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, patchConsole: false, exitOnCtrlC: false,
		});
		try {
			expect(stdout.last).toContain('keys off: stdin is not a terminal');
		} finally {
			instance.unmount();
		}
	});
});
