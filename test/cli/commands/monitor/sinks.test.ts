import {execFileSync} from 'node:child_process';
import {createServer} from 'node:net';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startLive} from '../../../../source/cli/commands/monitor/start-live.js';
import {watchOneDevice} from '../../../../source/cli/commands/monitor/watched-devices.js';
import {startEmulator} from '../../../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../../../source/emulator/types.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {liveMembers, noteGroupTo} from '../../../helpers/process-group.js';
import {scrapeUntil} from '../../../helpers/scrape.js';
import {killAll, spawnCli} from '../../../helpers/spawn-cli.js';

const token = 'sinks-cli-token-77a0';
const emulators: RunningEmulator[] = [];

/** The complete NDJSON lines of a run. */
const parse = (text: string) => text.split('\n').filter(Boolean).map(line => JSON.parse(line) as Record<string, unknown>);

afterEach(async () => {
	await killAll();
	await Promise.all(emulators.splice(0).map(async emulator => emulator.close()));
	await cleanup();
});

async function emulator(): Promise<RunningEmulator> {
	const running = await startEmulator({port: 0, token});
	emulators.push(running);
	return running;
}

describe('metrics and hooks for a single device', () => {
	it('says where /metrics is served in the first NDJSON line (the port --metrics-port 0 took), before any device\'s line', async () => {
		const running = await emulator();
		const cli = spawnCli(['--api-url', running.url, '--metrics-port', '0'], {FRAMEIO_TOKEN: token});
		await cli.waitForLine(line => line.includes('"state":"joined"'), 'the join');
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);
		const [first, ...rest] = parse(cli.stdout());
		expect(first).toEqual({time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown, type: 'metrics', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/) as unknown});
		expect(rest.filter(line => line.type === 'metrics')).toEqual([]);
		expect(Object.keys(first!)).toEqual(['time', 'type', 'url']);
		// The same address as stderr says, for a person.
		expect(cli.stderr()).toContain(`c2c-status: metrics for Prometheus at ${first!.url as string}\n`);
	});

	it('keeps where /metrics is served on the live view\'s notice board for the whole run (for the help overlay), not only in a fading notice', async () => {
		const running = await emulator();
		const watched = watchOneDevice({apiUrl: new URL(running.url), token: {kind: 'env', variable: 'FRAMEIO_TOKEN', token}, clientVersion: '2.0.0', healthIntervalMs: 10_000});
		const live = await startLive(watched, {metrics: {host: '127.0.0.1', port: 0}, bell: false, journalDays: 0, demo: false});
		try {
			const [standing] = live.board.getStanding();
			const metricsUrl = /^metrics for Prometheus at (http:\/\/127\.0\.0\.1:\d+\/metrics)$/.exec(standing ?? '')?.[1];
			expect(metricsUrl).toBeDefined();
			expect(live.board.getSnapshot()?.text).toBe(standing);
			// A later notice (a failed hook) takes the footer; the address stays for the help.
			live.board.post('--on-change hook exited with 1');
			expect(live.board.getStanding()).toEqual([standing]);
			expect((await fetch(metricsUrl!)).status).toBe(200);
		} finally {
			await watched.stop();
			await live.sinks.close();
		}
	});

	it('serves /metrics under device="default", and the hook names the device as Frame.io does', async () => {
		const running = await emulator();
		const hookLog = join(await temporaryDirectory(), 'hook.log');
		const cli = spawnCli(['--api-url', running.url, '--metrics-port', '0', '--on-change', `echo "$C2C_DEVICE $C2C_CHANGED $C2C_PAUSED" >> '${hookLog}'`], {FRAMEIO_TOKEN: token});
		await cli.waitForLine(line => line.includes('"state":"joined"'), 'the join');
		running.control.pause();
		await cli.waitForLine(line => line.includes('"type":"hook"') && line.includes('"changed":"paused"') && !line.includes('"device"'), 'the hook run');
		const url = /^c2c-status: metrics for Prometheus at (http:\/\/127\.0\.0\.1:\d+\/metrics)$/m.exec(cli.stderr())![1]!;
		const exposition = await scrapeUntil(url, text => /^c2c_socket_joined{device="default"} 1$/m.test(text));
		expect(exposition).toMatch(/^c2c_socket_joined{device="default"} 1$/m);
		expect(exposition).toMatch(/^c2c_socket_joins_total{device="default"} 1$/m);
		expect(exposition).not.toContain(token);
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);
		expect(await readFile(hookLog, 'utf8')).toContain('c2c-status emulator paused yes\n');
		// The server is gone with the monitor.
		await expect(fetch(url)).rejects.toThrow();
	});

	it('runs the README\'s tally example one run after another from the start: a paused device is never green, and the last run is the newest state', async () => {
		const running = await startEmulator({port: 0, devices: [{id: 'dev-paused', token, paused: true}]});
		emulators.push(running);
		const directory = await temporaryDirectory();
		const log = join(directory, 'tally.log');
		const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
		const example = /^c2c-status --on-change '(.*tally.*)'$/m.exec(readme)?.[1];
		expect(example).toBeDefined();
		// A tally that takes its time: two runs at once would interleave their lines.
		const tally = `tally() { echo "start $1" >> '${log}'; sleep 0.3; echo "end $1" >> '${log}'; }`;
		// A fresh state folder: nothing is known of the device until the network answers.
		const cli = spawnCli(['--api-url', running.url, '--on-change', `${tally}; ${example!}`], {FRAMEIO_TOKEN: token, XDG_STATE_HOME: directory});
		const runs = async () => (await readFile(log, 'utf8')).trim().split('\n');
		const hookLines = () => parse(cli.stdout()).filter(line => line.type === 'hook');
		await cli.waitForLine(line => line.includes('"type":"hook"') && hookLines().length >= 2, 'two runs of the hook');
		running.control.resume();
		await cli.waitForLine(line => line.includes('"type":"hook"') && line.includes('"changed":"paused"') && hookLines().length >= 3, 'the run after the resume');
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);
		const told = await runs();
		// Runs of one device never overlap: every start is followed by its own end.
		for (let index = 0; index < told.length; index += 2) {
			expect(told[index + 1]).toBe(told[index]!.replace('start', 'end'));
		}

		const colours = told.filter(line => line.startsWith('start')).map(line => line.slice('start '.length));
		// Red once it is known paused (confirmed or not), amber while unknown; after the resume green once
		// confirmed (the joined socket confirms it), amber while nothing does. Never green before the resume.
		expect(colours.at(-1)).toMatch(/^(green|amber)$/);
		expect(colours.slice(0, -1)).not.toContain('green');
		expect(colours.slice(0, -1)).toContain('red');
		const starts = hookLines().map(line => Date.parse(line.startedAt as string));
		for (let index = 1; index < starts.length; index++) {
			expect(starts[index]! - starts[index - 1]!, JSON.stringify(hookLines())).toBeGreaterThanOrEqual(1000);
		}
	});

	it('stops a running hook with everything it started when the monitor stops, and reports it, without waiting for it', async () => {
		const running = await emulator();
		const directory = await temporaryDirectory();
		const [fifo, late] = [join(directory, 'started'), join(directory, 'late.txt')];
		execFileSync('mkfifo', [fifo]);
		const cli = spawnCli(['--api-url', running.url, '--on-change', `[ "$C2C_CHANGED" = paused ] || exit 0; ${noteGroupTo(`'${fifo}'`)}; sleep 60; echo late > '${late}'`], {FRAMEIO_TOKEN: token});
		// Reading the pipe waits for the hook to be under way, and gives its group id.
		const pgid = Number((await readFile(fifo, 'utf8')).trim());
		expect(liveMembers(pgid).length).toBeGreaterThan(0);
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);
		const stopped = parse(cli.stdout()).find(line => line.type === 'hook' && line.changed === 'paused');
		expect(stopped).toMatchObject({ok: false, error: 'stopped as the monitor stopped'});
		expect(stopped!.durationMs).toBeLessThan(10_000);
		expect(liveMembers(pgid)).toEqual([]);
		await expect(readFile(late, 'utf8')).rejects.toThrow(/ENOENT/);
	});

	it('stops before monitoring anything when the metrics port is taken (exit 1), in one line', async () => {
		const running = await emulator();
		const blocker = createServer();
		await new Promise<void>(resolve => {
			blocker.listen(0, '127.0.0.1', resolve);
		});
		const {port} = blocker.address() as {port: number};
		try {
			const cli = spawnCli(['--api-url', running.url, '--metrics-port', String(port)], {FRAMEIO_TOKEN: token});
			expect((await cli.exited).code).toBe(1);
			expect(cli.stderr()).toBe(`c2c-status: metrics server: 127.0.0.1:${port} is in use already (another monitor or exporter?): choose another port\n`);
			expect(cli.stdout()).toBe('');
			expect(running.control.state().devices[0]!.identityRequests).toHaveLength(0);
		} finally {
			await new Promise(resolve => {
				blocker.close(resolve);
			});
		}
	});

	it.each([
		[['--metrics-port', '70000'], '--metrics-port must be a whole number from 0 to 65535, got 70000.'],
		[['--metrics-port', 'ninety'], '--metrics-port must be a whole number from 0 to 65535, got "ninety".'],
		[['--metrics-host', '0.0.0.0'], '--metrics-host needs --metrics-port (9464 is the usual choice).'],
		[['--on-change', ' '], '--on-change must not be empty.'],
		[['--on-change-interval', '2'], '--on-change-interval needs --on-change.'],
		[['--demo', '--api-url', 'http://127.0.0.1:9'], '--demo monitors the built-in emulator: leave out --api-url (or --demo, to watch that API).'],
		[['--on-change', 'true', '--on-change-interval', 'often'], '--on-change-interval must be a number of seconds from 0 to 3600, got "often".'],
		[['--on-change', 'true', '--on-change-interval', '3601'], '--on-change-interval must be a number of seconds from 0 to 3600, got "3601".'],
	])('refuses %j with exit 2', async (args, message) => {
		const cli = spawnCli(['--json', ...args], {FRAMEIO_TOKEN: token, FRAMEIO_API_URL: 'http://127.0.0.1:9'});
		expect((await cli.exited).code).toBe(2);
		expect(cli.stderr()).toBe(`c2c-status: ${message}\n`);
	});
});
