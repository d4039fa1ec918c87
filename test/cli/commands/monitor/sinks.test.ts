import {execFileSync} from 'node:child_process';
import {createServer} from 'node:net';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
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
	])('refuses %j with exit 2', async (args, message) => {
		const cli = spawnCli(['--json', ...args], {FRAMEIO_TOKEN: token, FRAMEIO_API_URL: 'http://127.0.0.1:9'});
		expect((await cli.exited).code).toBe(2);
		expect(cli.stderr()).toBe(`c2c-status: ${message}\n`);
	});
});
