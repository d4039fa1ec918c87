import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {startEmulator} from '../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../source/emulator/types.js';
import {cleanup, temporaryDirectory} from '../helpers/monitor-fixture.js';
import {testClient} from '../helpers/paired-credentials.js';
import {cliPath} from '../helpers/spawn-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const secret = 'screen-writer-e2e-token-90b1';
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

async function monitor(columns = 80, rows = 24): Promise<{session: TmuxSession; emulator: RunningEmulator}> {
	const emulator = await startEmulator({port: 0, token: secret});
	emulators.push(emulator);
	const session = await TmuxSession.start(['node', cliPath, '--api-url', emulator.url], {columns, rows, env: {FRAMEIO_TOKEN: secret}});
	sessions.push(session);
	await session.waitFor(screen => screen.includes('joined for') && screen.includes('phx_join #1'), 'the joined view');
	return {session, emulator};
}

const wall = '\r\nBroadcast message from root@capture-box (pts/1):\r\n\r\nThe system is going down for maintenance NOW!\r\n';

/** Nothing of the writer's own sequences shows as text: tmux 3.3a does not know synchronized output (mode 2026) and must ignore it. */
function expectNoStraySequences(screen: string): void {
	expect(screen).not.toContain('2026');
	expect(screen).not.toContain('[?');
	expect(screen).not.toContain('\u001B');
}

describe('the screen writer in a real terminal (tmux 3.3a)', () => {
	it('draws the whole live view again on Ctrl+L, so another program\'s message is gone', async () => {
		const {session} = await monitor();
		await session.writeToTerminal(wall);
		await session.waitFor(screen => screen.includes('Broadcast message'), 'the wall message on screen');
		await session.keys('C-l');
		const screen = await session.waitFor(screen => !screen.includes('Broadcast message') && !screen.includes('going down'), 'the message gone');
		for (const part of ['Paused: no', '── Identity', '── Traffic', 'q quit']) {
			expect(screen, part).toContain(part);
		}

		expectNoStraySequences(screen);
		// Under the help too; the help lists it.
		await session.keys('?');
		await session.waitFor(screen => screen.includes('── Keys'), 'the help');
		await session.writeToTerminal(wall);
		await session.waitFor(screen => screen.includes('Broadcast message'), 'the message over the help');
		await session.keys('C-l');
		const help = await session.waitFor(screen => !screen.includes('Broadcast message'), 'the message gone from the help');
		expect(help).toContain('Ctrl+L');
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});

	it('keeps an Esc that comes in the same read as Home: the help closes and Home selects the oldest frame', async () => {
		const {session} = await monitor();
		await session.keys('?');
		await session.waitFor(screen => screen.includes('── Keys'), 'the help');
		await session.keysAtOnce('Escape', 'Home');
		const screen = await session.waitFor(screen => screen.includes('PAUSED'), 'the log paused on the oldest frame');
		expect(screen).not.toContain('── Keys');
		expect(screen.split('\n').find(line => line.startsWith('▸'))).toContain('phx_join #1');
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});

	it('draws a 1 MiB frame at once, keeps the heartbeat going, opens it, and q quits', async () => {
		const {session, emulator} = await monitor();
		const connection = () => emulator.control.state().connections[0]!;
		const pushedAt = Date.now();
		// A frame of just under 1 MiB: the client takes frames up to 1 MiB (a larger one is logged as malformed).
		await emulator.control.flood({count: 1, payloadBytes: (1024 * 1024) - 200, event: 'big_push', afterwards: 'none'});
		const drawn = await session.waitFor(screen => screen.includes('big_push'), 'the 1 MiB frame in the log');
		expect(drawn.split('\n').find(line => line.includes('big_push'))).toContain('big_push {"seq":0,"pad":"xxxx');
		// The view goes on: its clock moves, and the next heartbeat goes out on the same connection.
		const {id} = connection();
		await session.waitFor(screen => screen !== drawn, 'the screen updating after it');
		// Every 15 s: the emulator is asked until one came after the frame (polled, as the screen is).
		const heartbeats = () => connection().heartbeats.filter(heartbeat => heartbeat.at > pushedAt).length;
		const deadline = Date.now() + 40_000;
		while (heartbeats() === 0 && Date.now() < deadline) {
			await new Promise(resolve => {
				setTimeout(resolve, 250);
			});
		}

		expect(heartbeats()).toBeGreaterThan(0);
		expect(connection().id).toBe(id);
		// The filter keeps it alone in the log (heartbeats came after it); Enter opens the newest shown.
		await session.keys('/', ...'big_push', 'Enter');
		await session.waitFor(screen => screen.includes('filter "big_push"'), 'the filter');
		await session.keys('Enter');
		await session.waitFor(screen => screen.includes('too large to show whole'), 'the frame, said to be cut');
		await session.keys('End');
		await session.waitFor(screen => screen.includes('is not shown'), 'its end');
		await session.keys('Escape', 'q');
		expect(await session.exitCode()).toBe(0);
	}, 90_000);

	it('draws pairing through the writer: Ctrl+L there too', async () => {
		const emulator = await startEmulator({port: 0});
		emulators.push(emulator);
		const path = join(await temporaryDirectory(), 'credentials.json');
		const session = await TmuxSession.start(['node', cliPath, 'pair', '--api-url', emulator.url, '--credentials', path, '--ascii'], {
			columns: 80, rows: 24, env: {FRAMEIO_CLIENT_ID: testClient.clientId, FRAMEIO_CLIENT_SECRET: testClient.clientSecret},
		});
		sessions.push(session);
		await session.waitFor(screen => /code \d{6}/.test(screen), 'the code on screen');
		await session.writeToTerminal(wall);
		await session.waitFor(screen => screen.includes('Broadcast message'), 'the wall message on screen');
		await session.keys('C-l');
		const screen = await session.waitFor(screen => !screen.includes('Broadcast message'), 'the message gone');
		expect(screen).toMatch(/code \d{6}/);
		expect(screen).toMatch(/^[\u0020-\u007E\n]*$/);
		expectNoStraySequences(screen);
		await session.keys('q');
		expect(await session.exitCode()).toBe(1);
	});
});
