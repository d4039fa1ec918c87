import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {startEmulator} from '../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../source/emulator/types.js';
import {fleetFiles} from '../helpers/fleet-files.js';
import {cleanup} from '../helpers/monitor-fixture.js';
import {scrapeUntil} from '../helpers/scrape.js';
import {cliPath} from '../helpers/spawn-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const token = 'fleet-e2e-token-90c1';
const sessions: TmuxSession[] = [];
const emulators: RunningEmulator[] = [];

afterEach(async () => {
	await Promise.all(sessions.splice(0).map(async session => session.close()));
	await Promise.all(emulators.splice(0).map(async emulator => emulator.close()));
	await cleanup();
});

afterAll(async () => {
	await TmuxSession.killServer();
});

const lines = (screen: string) => screen.split('\n').filter(line => line !== '');
const row = (screen: string, name: string) => lines(screen).find(line => line.slice(2).startsWith(`${name} `)) ?? '';

describe('the fleet table in a real terminal (tmux)', () => {
	it('follows three devices at 80x24: pausing one flips only its row, Enter opens it, Esc comes back, the bell rings', async () => {
		const files = await fleetFiles(3, token);
		const emulator = await startEmulator({port: 0, devices: files.seeds});
		emulators.push(emulator);
		const command = ['node', cliPath, '--config', files.config, '--api-url', emulator.url, '--bell'];
		const session = await TmuxSession.start(command, {columns: 80, rows: 24, env: {C2C_TEST_TOKEN: files.seeds[2]!.token}});
		sessions.push(session);
		const ready = await session.waitFor(text => files.names.every(name => row(text, name).includes('joined')), 'every device joined');
		// A joined device's Paused is confirmed ("▶ no", issue 15.1): nothing is counted unconfirmed.
		expect(lines(ready)[0]).toBe('3 devices · 0 paused · 0 not connected');
		// At 80 columns Project gives way to the last event, whatever the cells say (so it does not come and go).
		expect(lines(ready)[1]!.trim().split(/ {2,}/)).toEqual(['Device', 'Paused', 'Connected', 'Socket', 'Token', 'Last event']);
		for (const name of files.names) {
			expect(row(ready, name)).toMatch(/ [ABC]-cam +▶ no +✔ yes +✔ joined +- +not paused.* · \d+s ago$/);
		}

		expect(Math.max(...lines(ready).map(line => line.length))).toBeLessThanOrEqual(80);
		expect(await session.rangBell()).toBe(false);

		emulator.control.pause(files.seeds[1]!.id);
		// Long before the next identity poll (60 s away): the event's doing. The helper's 10 s wait is generous.
		const paused = await session.waitFor(text => row(text, 'B-cam').includes('‖ yes'), 'B-cam paused');
		expect(lines(paused)[0]).toBe('3 devices · 1 paused · 0 not connected');
		expect(row(paused, 'B-cam')).toMatch(/ paused( \(event\))? · \ds ago$/);
		expect(row(paused, 'A-cam')).toContain('▶ no');
		expect(row(paused, 'C-cam')).toContain('▶ no');
		expect(await session.rangBell()).toBe(true);

		await session.keys('Down', 'Enter');
		const device = await session.waitFor(text => text.includes('── Identity'), 'B-cam\'s panels');
		expect(lines(device)[0]).toContain('B-cam (Cam 2)');
		expect(device).toContain('Paused: yes');
		await session.keys('Escape');
		const back = await session.waitFor(text => text.startsWith('3 devices'), 'the table again');
		expect(row(back, 'B-cam')).toMatch(/^▸ B-cam/);

		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
		expect(await session.capture()).not.toContain(token);
	});

	it('in ASCII without colour, marks the selection apart from "not paused", and a failing hook\'s notice says why beside the pinned keys', async () => {
		const files = await fleetFiles(3, token);
		const emulator = await startEmulator({port: 0, devices: files.seeds});
		emulators.push(emulator);
		const hook = 'echo "curl: (6) Could not resolve host: chat.example" >&2; exit 6';
		const command = ['node', cliPath, '--config', files.config, '--api-url', emulator.url, '--ascii', '--on-change', hook];
		const session = await TmuxSession.start(command, {columns: 80, rows: 24, env: {C2C_TEST_TOKEN: files.seeds[2]!.token, NO_COLOR: '1'}});
		sessions.push(session);
		const screen = await session.waitFor(text => files.names.every(name => row(text, name).includes('joined')) && text.includes('--on-change hook'), 'the table and a hook\'s notice');
		expect(screen).toMatch(/^[\u0020-\u007E\n]*$/);
		expect(lines(screen).filter(line => line.startsWith('* '))).toEqual([expect.stringMatching(/^\* A-cam +> no +\+ yes +\+ joined/)]);
		expect(row(screen, 'B-cam')).toMatch(/^ {2}B-cam +> no +\+ yes/);
		expect(lines(screen).at(-1)).toMatch(/^q quit {2}\? help {2}\| --on-change hook for [ABC]-cam exited with 6: curl: \(6\) Could/);
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});

	it('serves /metrics from the live view too, and says where in the footer', async () => {
		const emulator = await startEmulator({port: 0, token});
		emulators.push(emulator);
		const session = await TmuxSession.start(['node', cliPath, '--api-url', emulator.url, '--metrics-port', '0'], {columns: 80, rows: 24, env: {FRAMEIO_TOKEN: token}});
		sessions.push(session);
		const screen = await session.waitFor(text => text.includes('metrics for Prometheus at'), 'where the metrics are');
		const url = /(http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(screen)![1]!;
		await session.waitFor(text => text.includes('joined for'), 'a joined socket');
		emulator.control.pause();
		await session.waitFor(text => text.includes('Paused: yes'), 'Paused: yes');
		expect(await scrapeUntil(url, text => /^c2c_paused{device="default"} 1$/m.test(text))).toMatch(/^c2c_paused{device="default"} 1$/m);
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});
});
