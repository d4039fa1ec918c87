import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {HealthMonitor, type HealthCheck} from '../../source/core/health/health-monitor.js';
import {ManualClock} from '../../support/manual-clock.js';
import {killAll, spawnCli} from '../helpers/spawn-cli.js';
import {waitForEvent} from '../../support/wait-for.js';
import {createApiClient} from '../../source/core/http/api-client.js';

const directories: string[] = [];
const stoppers: Array<() => void> = [];

afterEach(async () => {
	for (const stop of stoppers.splice(0)) {
		stop();
	}

	await killAll();
	await Promise.all(directories.splice(0).map(async directory => rm(directory, {recursive: true, force: true})));
});

async function run(args: string[], env: Record<string, string> = {}) {
	const cli = spawnCli(args, env);
	const {code} = await cli.exited;
	return {code, stderr: cli.stderr(), stdout: cli.stdout()};
}

describe('bad input on the command line (the built CLI)', () => {
	it('refuses a repeated flag with exit 2, naming it as typed', async () => {
		const result = await run(['--api-url', 'http://127.0.0.1:1', '--api-url', 'http://127.0.0.1:2', '--json'], {FRAMEIO_TOKEN: 'tok'});
		expect(result).toMatchObject({code: 2, stdout: ''});
		expect(result.stderr).toBe('c2c-status: --api-url was given more than once. See \'c2c-status --help\'.\n');
		const negated = await run(['--color', '--no-color'], {FRAMEIO_TOKEN: 'tok'});
		expect(negated.code).toBe(2);
		expect(negated.stderr).toContain('--no-color was given more than once (also as --color)');
		expect((await run(['emulator', '--port=1', '--port', '2'])).stderr).toContain('--port was given more than once');
	});

	it('takes escape sequences and control characters out of any value it echoes', async () => {
		const escape = '\u001B]0;owned\u0007\u001B[2J\u202E';
		for (const args of [
			['--json', '--api-url', `x${escape}`],
			['--json', '--client-version', `1${escape}`],
			['--json', '--health-interval', `1${escape}`],
			['--json', `--bogus${escape}`],
			['--json', `stray${escape}`],
			['emulator', '--health-shape', escape],
		]) {
			const result = await run(args, {FRAMEIO_TOKEN: 'tok'});
			expect(result.code, args.join(' ')).toBe(2);
			// eslint-disable-next-line no-control-regex -- control characters are what must not be there
			expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
			// The same sanitizer as the view's: each escape sequence is taken out whole (the window title it would
			// set included), and any other control character, the bidirectional override here, shows as a mark.
			expect(result.stderr).not.toContain('owned');
			expect(result.stderr).toContain('\uFFFD');
		}
	});

	it('shows each control character, escape sequence and invisible character of an echoed flag as one mark, dropping none', async () => {
		for (const [typed, shown] of [
			['--bad\u0001x', '--bad\uFFFDx'],
			['--bad\u001B[31mred', '--bad\uFFFDred'],
			['--json\u200B', '--json\uFFFD'],
		]) {
			const result = await run([typed!]);
			expect(result.code, JSON.stringify(typed)).toBe(2);
			expect(result.stderr).toBe(`c2c-status: unknown flag ${shown!}. See 'c2c-status --help'.\n`);
		}
	});

	it('says a token file\'s first line is blank, rather than calling the file empty', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'c2c-status-'));
		directories.push(directory);
		const path = join(directory, 'token');
		await writeFile(path, '\n  \nthe-token-on-line-three\n');
		const blank = await run(['--json', '--api-url', 'http://127.0.0.1:9', '--token-file', path]);
		expect(blank.code).toBe(2);
		expect(blank.stderr).toBe(`c2c-status: token file ${path}: the first line is blank (the token must be on the first line)\n`);
		await writeFile(path, '');
		expect((await run(['--json', '--api-url', 'http://127.0.0.1:9', '--token-file', path])).stderr).toBe(`c2c-status: token file ${path} is empty\n`);
	});
});

describe('a request that fetch refuses without a reason of its own', () => {
	it('shows the underlying cause (a port fetch will not use, such as 6000)', async () => {
		const clock = new ManualClock();
		const health = new HealthMonitor({clock, client: createApiClient({apiUrl: new URL('http://127.0.0.1:6000'), clientVersion: '2.0.0'}).open});
		stoppers.push(() => {
			health.stop();
		});
		const check = waitForEvent<HealthCheck>(health.checks, () => true, 'a health check');
		health.start();
		const result = await check;
		expect(result.ok).toBe(false);
		expect(result.ok ? undefined : result.failure.message).toBe('fetch failed: bad port');
	});
});
