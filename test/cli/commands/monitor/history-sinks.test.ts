import type {Dirent} from 'node:fs';
import {mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {readCredentials} from '../../../../source/core/token/credentials-file.js';
import {startEmulator} from '../../../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../../../source/emulator/types.js';
import {ManualClock} from '../../../../support/manual-clock.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {pairedCredentials, testClient} from '../../../helpers/paired-credentials.js';
import {json, killAll, spawnCli} from '../../../helpers/spawn-cli.js';

const emulators: RunningEmulator[] = [];

afterEach(async () => {
	await killAll();
	await Promise.all(emulators.splice(0).map(async emulator => emulator.close()));
	await cleanup();
});

async function emulatorWith(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
	const emulator = await startEmulator({port: 0, ...options});
	emulators.push(emulator);
	return emulator;
}

const lineOf = (type: string, fields: Record<string, unknown> = {}) => (line: string) => {
	const parsed = json(line);
	return parsed?.type === type && Object.entries(fields).every(([key, value]) => parsed[key] === value);
};

/** A file's or folder's permissions, as `600`. */
async function modeOf(path: string): Promise<string> {
	return ((await stat(path)).mode % 0o1000).toString(8);
}

/** Every file under a folder (none when it does not exist), with its permissions. */
async function filesUnder(directory: string): Promise<Array<{path: string; mode: string}>> {
	let entries: Dirent[] = [];
	try {
		entries = await readdir(directory, {recursive: true, withFileTypes: true});
	} catch {}

	return Promise.all(entries.filter(entry => entry.isFile()).map(async entry => {
		const path = join(entry.parentPath, entry.name);
		return {path, mode: await modeOf(path)};
	}));
}

describe('the journal and --record in the monitor (the built CLI)', () => {
	it('records exactly what --json prints, after its header, and keeps every token, refresh token and the secret out of the recording and the journal', async () => {
		// Real time, 2-second tokens: refreshed every 1.5 s, so several pairs pass through the run.
		const emulator = await emulatorWith({tokenTtlSeconds: 2});
		const directory = await temporaryDirectory();
		const state = join(directory, 'state');
		const path = join(directory, 'credentials.json');
		const recording = join(directory, 'session.ndjson');
		const first = await pairedCredentials({emulator, clock: new ManualClock(Date.now())} as unknown as Parameters<typeof pairedCredentials>[0], path);
		const secrets = new Set([first.accessToken, first.refreshToken, testClient.clientSecret]);
		const cli = spawnCli(['--json', '--credentials', path, '--record', recording], {XDG_STATE_HOME: state});
		for (let refresh = 1; refresh <= 2; refresh++) {
			const refreshed = lineOf('token', {event: 'refreshed'});
			await cli.waitForLine(line => refreshed(line) && cli.stdout().split('\n').filter(line_ => refreshed(line_)).length >= refresh, `refresh ${refresh}`);
			const now = await readCredentials(path);
			secrets.add(now.accessToken);
			secrets.add(now.refreshToken);
		}

		await cli.waitForLine(lineOf('socket', {state: 'joined'}), 'a joined socket');
		emulator.control.pause();
		await cli.waitForLine(lineOf('status', {paused: true}), 'paused');
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);

		const recorded = (await readFile(recording, 'utf8')).trimEnd().split('\n');
		expect(json(recorded[0]!)).toMatchObject({type: 'recording', format: 1, apiUrl: emulator.url, version: expect.stringMatching(/^\d+\.\d+\.\d+/) as string});
		expect(json(recorded[0]!)?.startedAt).toBe(json(recorded[0]!)?.time);
		expect(recorded.slice(1)).toEqual(cli.stdout().trimEnd().split('\n'));
		expect(recorded.some(lineOf('frame'))).toBe(true);
		expect(await modeOf(recording)).toBe('600');

		const journal = await filesUnder(join(state, 'c2c-status', 'journal'));
		expect(journal).toHaveLength(1);
		expect(journal[0]!.mode).toBe('600');
		expect(await modeOf(join(state, 'c2c-status', 'journal'))).toBe('700');
		const journaled = (await readFile(journal[0]!.path, 'utf8')).trimEnd().split('\n').map(line => json(line)!);
		expect(journaled[0]).toMatchObject({type: 'monitor', event: 'started', mode: 'json', pid: cli.child.pid});
		expect(journaled.at(-1)).toMatchObject({type: 'monitor', event: 'stopped', mode: 'json', pid: cli.child.pid});
		expect(journaled.filter(line => line.type === 'token' && line.event === 'refreshed').length).toBeGreaterThanOrEqual(2);
		expect(journaled.some(line => line.type === 'status' && line.paused === true)).toBe(true);
		expect(journaled.some(line => line.type === 'frame')).toBe(false);

		expect(secrets.size).toBeGreaterThanOrEqual(5);
		const written = `${recorded.join('\n')}${await readFile(journal[0]!.path, 'utf8')}`;
		for (const secret of secrets) {
			expect(written, 'a secret in the recording or the journal').not.toContain(secret);
		}
	});

	it('writes no journal with --journal-days 0, and check writes one of its own runs', async () => {
		const emulator = await emulatorWith({token: 'journal-token-1'});
		const state = join(await temporaryDirectory(), 'state');
		const off = spawnCli(['--json', '--api-url', emulator.url, '--journal-days', '0'], {FRAMEIO_TOKEN: 'journal-token-1', XDG_STATE_HOME: state});
		await off.waitForLine(lineOf('socket', {state: 'joined'}), 'a joined socket');
		off.child.kill('SIGINT');
		expect((await off.exited).code).toBe(0);
		expect(await filesUnder(join(state, 'c2c-status', 'journal'))).toEqual([]);

		const check = spawnCli(['check', '--api-url', emulator.url], {FRAMEIO_TOKEN: 'journal-token-1', XDG_STATE_HOME: state});
		expect((await check.exited).code).toBe(0);
		const [file] = await filesUnder(join(state, 'c2c-status', 'journal'));
		const lines = (await readFile(file!.path, 'utf8')).trimEnd().split('\n').map(line => json(line)!);
		expect(lines[0]).toMatchObject({type: 'monitor', event: 'started', mode: 'check'});
		expect(lines.at(-1)).toMatchObject({type: 'monitor', event: 'stopped', mode: 'check', deviceId: emulator.control.state().devices[0]!.id});
		expect(await readFile(file!.path, 'utf8')).not.toContain('journal-token-1');
	});

	it('prunes every device\'s journal files older than --journal-days as it starts, and keeps the newer ones', async () => {
		const emulator = await emulatorWith({token: 'journal-token-2'});
		const state = join(await temporaryDirectory(), 'state');
		const other = join(state, 'c2c-status', 'journal', 'a1b2c3d4e5f6a1b2c3d4e5f6');
		await mkdir(other, {recursive: true});
		const day = (daysAgo: number) => `${new Date(Date.now() - (daysAgo * 86_400_000)).toISOString().slice(0, 10)}.ndjson`;
		for (const daysAgo of [9, 6, 2]) {
			await writeFile(join(other, day(daysAgo)), '{"time":"2026-01-01T00:00:00.000Z","type":"monitor","event":"started","pid":1}\n');
		}

		const check = spawnCli(['check', '--api-url', emulator.url, '--journal-days', '5'], {FRAMEIO_TOKEN: 'journal-token-2', XDG_STATE_HOME: state});
		expect((await check.exited).code).toBe(0);
		expect((await readdir(other)).sort()).toEqual([day(2)]);
		// Its own journal, written today, stays.
		expect((await filesUnder(join(state, 'c2c-status', 'journal'))).map(file => file.path).filter(path => !path.startsWith(other))).toHaveLength(1);
	});

	it('refuses a --record file that cannot be written, and a bad --journal-days, in one line with exit 2', async () => {
		const directory = await temporaryDirectory();
		const record = spawnCli(['--json', '--api-url', 'http://127.0.0.1:9', '--record', join(directory, 'missing', 'x.ndjson')], {FRAMEIO_TOKEN: 'x'});
		expect((await record.exited).code).toBe(2);
		expect(record.stderr()).toMatch(/^c2c-status: --record .*missing\/x\.ndjson: .*\n$/);
		const days = spawnCli(['check', '--journal-days', '-1'], {FRAMEIO_TOKEN: 'x'});
		expect((await days.exited).code).toBe(3);
		expect(days.stdout()).toContain('--journal-days');
	});
});
