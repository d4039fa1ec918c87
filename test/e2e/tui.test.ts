import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {startEmulator} from '../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../source/emulator/types.js';
import {cliPath, killAll, spawnCli} from '../helpers/spawn-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const secret = 'tmux-e2e-token-4471aa';
const sessions: TmuxSession[] = [];
const emulators: RunningEmulator[] = [];

afterEach(async () => {
	await Promise.all(sessions.splice(0).map(async session => session.close()));
	await Promise.all(emulators.splice(0).map(async emulator => emulator.close()));
	await killAll();
});

afterAll(async () => {
	await TmuxSession.killServer();
});

/** `c2c-status emulator` in its own process, as a person would start it. */
async function separateEmulator(): Promise<{url: string; control: (path: string, body?: unknown) => Promise<unknown>}> {
	const emulator = spawnCli(['emulator', '--port', '0', '--token', secret, '--quiet']);
	const line = await emulator.waitForLine(text => text.includes('listening on'), 'the emulator\'s URL');
	const url = /(http:\/\/\S+)/.exec(line)![1]!;
	return {
		url,
		async control(path, body) {
			const response = await fetch(`${url}/_emulator/${path}`, body === undefined ? {} : {method: 'POST', body: JSON.stringify(body)});
			return response.json();
		},
	};
}

async function tui(args: string[], size: {columns: number; rows: number}, env: Record<string, string> = {}) {
	const session = await TmuxSession.start(['node', cliPath, ...args], {...size, env});
	sessions.push(session);
	return session;
}

const panels = ['Paused:', 'Connected:', '── Identity', '── Socket', '── Health', '── Traffic', 'q quit'];
const lines = (screen: string) => screen.split('\n').filter(line => line !== '');

describe('the live view in a real terminal (tmux)', () => {
	it('monitors a separately started emulator at 100x30: panels, pause, r spam, resize, q', async () => {
		const emulator = await separateEmulator();
		const session = await tui(['--api-url', emulator.url], {columns: 100, rows: 30}, {FRAMEIO_TOKEN: secret});
		const screen = await session.waitFor(text => text.includes('joined for'), 'a joined socket');
		for (const panel of panels) {
			expect(screen, panel).toContain(panel);
		}

		expect(screen).toContain('Paused: no');
		expect(screen).toContain('Project    Demo project');

		await emulator.control('pause', {});
		// The event's doing, not the next identity poll's (60 s away): the screen says so. The wait is the
		// helper's generous 10 s, which a loaded machine meets; how fast is for the benchmarks to measure.
		const paused = await session.waitFor(text => text.includes('Paused: yes'), 'Paused: yes');
		expect(paused).toContain('from a status_updated event');

		for (let press = 0; press < 20; press++) {
			await session.keys('r');
		}

		await session.waitFor(text => /identity: next allowed in \d+ s/.test(text), 'the refresh notice');
		const state = await emulator.control('state') as {devices: Array<{identityTooSoon: number; identityRequests: unknown[]}>};
		expect(state.devices[0]!.identityTooSoon).toBe(0);
		expect(state.devices[0]!.identityRequests).toHaveLength(1);

		await session.resize(60, 20);
		const small = await session.waitFor(text => lines(text).some(line => line.startsWith('── Identity') && !line.includes('Socket')), 'the stacked layout');
		for (const panel of panels) {
			expect(small, panel).toContain(panel);
		}

		expect(Math.max(...lines(small).map(line => line.length))).toBeLessThanOrEqual(60);
		expect(small).toContain('Paused: yes');

		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
		expect(await session.capture()).not.toContain(secret);
	});

	it('runs the demo with no token in 80x24, the emulator\'s URL and the countdown in sight, and quits with q', async () => {
		const session = await tui([], {columns: 80, rows: 24});
		const screen = await session.waitFor(text => text.includes('DEMO: local emulator') && text.includes('joined for'), 'the demo');
		for (const panel of panels) {
			expect(screen, panel).toContain(panel);
		}

		expect(lines(screen).length).toBeLessThanOrEqual(23);
		expect(lines(screen)[0]).toMatch(/^c2c-status DEMO(: local emulator)? {2}http:\/\/127\.0\.0\.1:\d+ · next: .+ in \d+s/);
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});

	it('shows colour by default, even when CI is set in the environment', async () => {
		const emulator = await separateEmulator();
		const session = await TmuxSession.start(['env', 'CI=true', 'node', cliPath, '--api-url', emulator.url], {columns: 80, rows: 24, env: {FRAMEIO_TOKEN: secret}});
		sessions.push(session);
		await session.waitFor(text => text.includes('joined for'), 'a joined socket');
		// Green: the joined channel confirms it (magenta would say nothing does).
		// eslint-disable-next-line no-control-regex
		expect(await session.capture(true)).toMatch(/\u001B\[32m(\u001B\[49m)?[^\u001B]*Paused: no/);
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});

	it('runs with stdin from /dev/null: keys off, no crash, Ctrl+C still stops it', async () => {
		const emulator = await separateEmulator();
		const session = await TmuxSession.start(['sh', '-c', `exec node ${cliPath} --api-url ${emulator.url} < /dev/null`], {columns: 80, rows: 24, env: {FRAMEIO_TOKEN: secret}});
		sessions.push(session);
		const screen = await session.waitFor(text => text.includes('joined for'), 'a joined socket');
		expect(screen).toContain('keys off: stdin is not a terminal');
		await session.keys('C-c');
		expect(await session.exitCode()).toBe(0);
	});

	it('honours NO_COLOR and --ascii', async () => {
		const emulator = await separateEmulator();
		const session = await tui(['--api-url', emulator.url, '--ascii'], {columns: 80, rows: 24}, {FRAMEIO_TOKEN: secret, NO_COLOR: '1'});
		await session.waitFor(text => text.includes('joined for'), 'a joined socket');
		const screen = await session.capture(true);
		// eslint-disable-next-line no-control-regex
		expect(screen).not.toMatch(/\u001B\[(3[0-7]|9[0-7]|38;)/);
		// eslint-disable-next-line no-control-regex
		expect(screen.replaceAll(/\u001B\[[\d;]*m/g, '')).toMatch(/^[\u0020-\u007E\n]*$/);
		await session.keys('C-c');
		expect(await session.exitCode()).toBe(0);
	});

	it('says the terminal is too small, sizes first, and still quits on q', async () => {
		const session = await tui(['--demo'], {columns: 40, rows: 10});
		const screen = await session.waitFor(text => text.includes('too small'), 'the too-small notice');
		expect(lines(screen)[0]).toBe('40x10 too small, need 50x16 · q quits');
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});

	it('deletes one filter character per Backspace when several arrive in one read', async () => {
		const session = await tui(['--demo'], {columns: 80, rows: 24});
		await session.waitFor(text => text.includes('phx_join #1'), 'the join in the log');
		await session.keys('/', 'j', 'o', 'i', 'n', 'x', 'x');
		await session.waitFor(text => text.includes('filter: /joinxx_'), 'the typed filter');
		// One send-keys with both: the terminal hands them to the program in one read.
		await session.keysAtOnce('BSpace', 'BSpace');
		const screen = await session.waitFor(text => text.includes('filter: /join_'), 'two characters deleted');
		expect(screen).toContain('phx_join #1');
		await session.keys('Enter', 'q');
		expect(await session.exitCode()).toBe(0);
	});

	it('scrolls the help at the minimum size, 50x16', async () => {
		const session = await tui(['--demo'], {columns: 50, rows: 16});
		await session.waitFor(text => text.includes('── Traffic'), 'the view');
		await session.keys('?');
		const top = await session.waitFor(text => text.includes('── Keys'), 'the help');
		expect(top).toMatch(/── Keys · Up\/Down: lines 1-10 of \d+ · Esc closes/);
		expect(Math.max(...lines(top).map(line => line.length))).toBeLessThanOrEqual(50);
		await session.keys('End');
		expect(await session.waitFor(text => !text.includes('lines 1-10 of'), 'the end of the help')).toContain('Frame.io asks.');
		await session.keys('Escape', 'q');
		expect(await session.exitCode()).toBe(0);
	});

	it('keeps the columns in place after CJK and emoji names with --ascii', async () => {
		const emulator = await startEmulator({
			port: 0,
			devices: [{id: '7e57c2c0-e301-4a7e-8d3b-c2c5a7a7cafe', token: secret, name: '撮影カート🎬', projectName: '東京プロジェクト', creatorName: '山田 太郎 🎬'}],
		});
		emulators.push(emulator);
		const session = await tui(['--api-url', emulator.url, '--ascii', '--no-color'], {columns: 80, rows: 24}, {FRAMEIO_TOKEN: secret});
		const screen = await session.waitFor(text => text.includes('joined for'), 'a joined socket');
		expect(screen).toMatch(/^[\u0020-\u007E\n]*$/);
		const rows = lines(screen);
		const panels = rows.slice(rows.findIndex(line => line.startsWith('-- Identity')), rows.findIndex(line => line.startsWith('-- Health')));
		const column = panels[0]!.indexOf('-- Socket');
		expect(column).toBe(40);
		expect(panels[1]).toBe(`Project    ${'?'.repeat(16)}${' '.repeat(13)}${panels[1]!.slice(column)}`);
		for (const [index, label] of ['State', 'Last close', 'Heartbeat', 'Round trip', 'Frames'].entries()) {
			expect(panels[index + 1]!.indexOf(label), panels[index + 1]).toBe(column);
		}

		expect(panels[2]).toContain('Paired by  ???? ???? ??');
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});
});
