import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {parseRecording} from '../../source/core/replay/recorded-line.js';
import {Replay} from '../../source/core/replay/replay.js';
import {startEmulator} from '../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../source/emulator/types.js';
import {cleanup, temporaryDirectory} from '../helpers/monitor-fixture.js';
import {cliPath, json, killAll, spawnCli} from '../helpers/spawn-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
let emulator: RunningEmulator | undefined;

afterEach(async () => {
	await Promise.all(sessions.splice(0).map(async session => session.close()));
	await emulator?.close();
	emulator = undefined;
	await killAll();
	await cleanup();
});

afterAll(async () => {
	await TmuxSession.killServer();
});

const lineOf = (type: string, fields: Record<string, unknown> = {}) => (line: string) => {
	const parsed = json(line);
	return parsed?.type === type && Object.entries(fields).every(([key, value]) => parsed[key] === value);
};

/** A real session recorded with --record: joined, paused, resumed. */
async function recordSession(): Promise<{file: string; pausedAt: number}> {
	emulator = await startEmulator({port: 0, token: 'replay-token-77'});
	const file = join(await temporaryDirectory(), 'session.ndjson');
	const cli = spawnCli(['--json', '--api-url', emulator.url, '--record', file], {FRAMEIO_TOKEN: 'replay-token-77'});
	await cli.waitForLine(lineOf('socket', {state: 'joined'}), 'a joined socket');
	await cli.waitForLine(lineOf('status', {paused: false, connected: true}), 'the first full status');
	emulator.control.pause();
	const paused = json(await cli.waitForLine(lineOf('status', {paused: true}), 'paused'))!;
	emulator.control.resume();
	await cli.waitForLine(lineOf('status', {paused: false, pausedSource: 'event'}), 'resumed');
	cli.child.kill('SIGINT');
	expect((await cli.exited).code).toBe(0);
	return {file, pausedAt: Date.parse(String(paused.time))};
}

/** The local time of day, as the view shows it. */
const timeOfDay = (at: number) => new Date(at).toTimeString().slice(0, 8);

describe('c2c-status replay in a real terminal (tmux)', () => {
	it('plays a recording in the live view: Right steps to the pause, and the screen says Paused: yes at the recorded time', async () => {
		const {file, pausedAt} = await recordSession();
		const session = await TmuxSession.start(['node', cliPath, 'replay', file], {columns: 80, rows: 24});
		sessions.push(session);
		const start = await session.waitFor(screen => screen.includes('Space plays'), 'the replay');
		expect(start.split('\n')[0]).toMatch(/^ REPLAY {2}session\.ndjson · \d{2}:\d{2}:\d{2} · ×10 · Space plays/);
		// How many changes (of Paused, Connected, the socket) come before the pause: Right steps through each.
		const replay = new Replay({lines: parseRecording(await readFile(file, 'utf8')).lines});
		let steps = 0;
		while (replay.getSnapshot().status.paused.value !== true && replay.next()) {
			steps++;
		}

		for (let step = 0; step < steps; step++) {
			await session.keys('Right');
		}

		const screen = await session.waitFor(text => text.includes('Paused: yes'), 'the pause');
		expect(screen).toContain('‖  Paused: yes  for 0s · from a status_updated event');
		expect(screen.split('\n')[0]).toContain(`session.ndjson · ${timeOfDay(pausedAt)} · ×10`);
		expect(screen).toContain('status_updated "paused"');

		await session.keys('t');
		const timeline = await session.waitFor(text => text.includes('── Timeline · the recording'), 'the timeline');
		expect(timeline).toContain(`paused ${timeOfDay(pausedAt)} → still paused (0s so far)`);
		await session.keys('Escape');
		await session.waitFor(text => text.includes('── Traffic'), 'the panels again');
		await session.keys('r');
		await session.waitFor(text => text.includes('r acts on a live device: not in a replay'), 'r\'s notice');
		await session.keys('End');
		await session.waitFor(text => text.includes('the end'), 'the end');
		await session.keys('q');
		expect(await session.exitCode()).toBe(0);
	});

	it('prints the recorded lines again with --json, and refuses a missing file or one that is not NDJSON with exit 2', async () => {
		const {file} = await recordSession();
		const recorded = await readFile(file, 'utf8');
		const again = spawnCli(['replay', file, '--json']);
		expect((await again.exited).code).toBe(0);
		expect(again.stdout()).toBe(recorded);

		const missing = spawnCli(['replay', join(file, '..', 'nothing.ndjson')]);
		expect((await missing.exited).code).toBe(2);
		expect(missing.stderr()).toMatch(/^c2c-status replay: .*nothing\.ndjson: no such file\.\n$/);
		const notes = join(file, '..', 'notes.txt');
		await writeFile(notes, 'call time 07:00\nwrap 19:00\n');
		const text = spawnCli(['replay', notes]);
		expect((await text.exited).code).toBe(2);
		expect(text.stderr()).toMatch(/notes\.txt: not a recording: no line of the monitor's NDJSON in it\.\n$/);
		const none = spawnCli(['replay']);
		expect((await none.exited).code).toBe(2);

		const torn = join(file, '..', 'torn.ndjson');
		await writeFile(torn, `${recorded.split('\n').slice(0, 4).join('\n')}\n{"time":"2026-11-27T1\nnot json\n${recorded.split('\n').slice(4).join('\n')}`);
		const skipping = spawnCli(['replay', torn, '--json']);
		expect((await skipping.exited).code).toBe(0);
		expect(skipping.stdout()).toBe(recorded);
		expect(skipping.stderr()).toBe('c2c-status replay: 2 lines could not be read and were skipped\n');
	});
});
