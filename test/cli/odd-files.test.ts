import {spawnSync} from 'node:child_process';
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, temporaryDirectory} from '../helpers/monitor-fixture.js';
import {killAll, spawnCli} from '../helpers/spawn-cli.js';

afterEach(async () => {
	await killAll();
	await cleanup();
});

/** A named pipe with no writer: opening it for reading blocks forever, unless the open does not wait. */
async function fifo(name = 'credentials.json'): Promise<string> {
	const directory = await temporaryDirectory();
	const path = join(directory, name);
	const made = spawnSync('mkfifo', [path]);
	expect(made.status, `mkfifo: ${String(made.stderr)}`).toBe(0);
	return path;
}

const refusedFifo = (path: string) => `${path}: it is a FIFO (named pipe), not a regular file`;

describe('a FIFO where a file is expected never hangs a start (issue 14.3)', () => {
	it('the monitor refuses a FIFO as the credentials file: one line, exit 2', async () => {
		const path = await fifo();
		const cli = spawnCli(['--json', '--credentials', path]);
		expect((await cli.exited).code).toBe(2);
		expect(cli.stderr()).toContain(`cannot read the credentials file ${refusedFifo(path)}`);
	});

	it('check --timeout 5 answers UNKNOWN at once for a FIFO as the default credentials file (it hung forever)', async () => {
		const config = await temporaryDirectory();
		await mkdir(join(config, 'c2c-status'));
		const path = await fifo();
		const made = spawnSync('mkfifo', [join(config, 'c2c-status', 'credentials.json')]);
		expect(made.status).toBe(0);
		const cli = spawnCli(['check', '--timeout', '5'], {XDG_CONFIG_HOME: config});
		expect((await cli.exited).code).toBe(3);
		expect(cli.stdout()).toMatch(/^C2C UNKNOWN - cannot read the credentials file .*it is a FIFO \(named pipe\), not a regular file/);
		const named = spawnCli(['check', '--timeout', '5', '--credentials', path]);
		expect((await named.exited).code).toBe(3);
		expect(named.stdout()).toContain(refusedFifo(path));
	});

	it('refuses a FIFO as the token file, and as the client secret file', async () => {
		const token = await fifo('access-token');
		const watched = spawnCli(['--json', '--token-file', token]);
		expect((await watched.exited).code).toBe(2);
		expect(watched.stderr()).toContain(`cannot read token file ${token}: it is a FIFO (named pipe), not a regular file`);
		const secret = await fifo('client-secret');
		const pair = spawnCli(['pair', '--json', '--api-url', 'http://127.0.0.1:9', '--client-id', 'cart-1', '--client-secret-file', secret]);
		expect((await pair.exited).code).toBe(2);
		expect(pair.stderr()).toBe(`c2c-status pair: cannot read --client-secret-file ${secret}: it is a FIFO (named pipe), not a regular file.\n`);
	});
});
