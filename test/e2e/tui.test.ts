import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {cliPath, killAll, spawnCli} from '../helpers/spawn-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const secret = 'tmux-e2e-token-4471aa';
const sessions: TmuxSession[] = [];

afterEach(async () => {
	await Promise.all(sessions.splice(0).map(async session => session.close()));
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
		const paused = await session.waitFor(text => text.includes('Paused: yes'), 'Paused: yes within 2 s', 2000);
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

	it('runs the demo with no token in 80x24 and quits with q', async () => {
		const session = await tui([], {columns: 80, rows: 24});
		const screen = await session.waitFor(text => text.includes('DEMO: local emulator') && text.includes('joined for'), 'the demo');
		for (const panel of panels) {
			expect(screen, panel).toContain(panel);
		}

		expect(lines(screen).length).toBeLessThanOrEqual(23);
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});

	it('shows colour by default, even when CI is set in the environment', async () => {
		const emulator = await separateEmulator();
		const session = await TmuxSession.start(['env', 'CI=true', 'node', cliPath, '--api-url', emulator.url], {columns: 80, rows: 24, env: {FRAMEIO_TOKEN: secret}});
		sessions.push(session);
		await session.waitFor(text => text.includes('joined for'), 'a joined socket');
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

	it('says the terminal is too small and still quits on q', async () => {
		const session = await tui(['--demo'], {columns: 40, rows: 10});
		await session.waitFor(text => text.includes('terminal too small'), 'the too-small notice');
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});
});
