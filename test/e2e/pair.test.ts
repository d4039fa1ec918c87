import {stat} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, afterEach, expect, it} from 'vitest';
import {readCredentials} from '../../source/core/token/credentials-file.js';
import {startEmulator} from '../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../source/emulator/types.js';
import {cleanup, temporaryDirectory} from '../helpers/monitor-fixture.js';
import {testClient} from '../helpers/paired-credentials.js';
import {cliPath} from '../helpers/spawn-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
let emulator: RunningEmulator | undefined;

afterEach(async () => {
	await Promise.all(sessions.splice(0).map(async session => session.close()));
	await emulator?.close();
	emulator = undefined;
	await cleanup();
});

afterAll(async () => {
	await TmuxSession.killServer();
});

it('pairs on a terminal: the code on screen, approved through the control API, then Enter starts the monitor', async () => {
	emulator = await startEmulator({port: 0});
	const path = join(await temporaryDirectory(), 'credentials.json');
	const session = await TmuxSession.start(['node', cliPath, 'pair', '--api-url', emulator.url, '--credentials', path], {
		columns: 80, rows: 24, env: {FRAMEIO_CLIENT_ID: testClient.clientId, FRAMEIO_CLIENT_SECRET: testClient.clientSecret},
	});
	sessions.push(session);
	const waiting = await session.waitFor(screen => /code \d{6}/.test(screen), 'the code on screen');
	const userCode = /code (\d{6})/.exec(waiting)![1]!;
	expect(waiting).toContain(`${emulator.url}/_emulator/approve`);
	expect(waiting).toMatch(/expires in \d/);
	emulator.control.approve({userCode});
	const paired = await session.waitFor(screen => screen.includes('Enter to start monitoring'), 'paired', 15_000);
	expect(paired).toContain('Demo project');
	expect(paired).toContain('Demo Producer');
	expect(((await stat(path)).mode % 0o1000).toString(8)).toBe('600');
	await session.keys('Enter');
	const monitoring = await session.waitFor(screen => screen.includes('joined for') && screen.includes('Paused: no'), 'the monitor, joined');
	expect(monitoring).toMatch(/Token\s+exp 7h 5\dm · refresh 7h [45]\dm/);
	await session.keys('q');
	expect(await session.exitCode()).toBe(0);
	const saved = await readCredentials(path);
	const screen = await session.capture();
	for (const secret of [saved.accessToken, saved.refreshToken, testClient.clientSecret]) {
		expect(screen).not.toContain(secret);
	}
});
