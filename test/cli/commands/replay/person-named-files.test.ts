import {mkdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {makeFifo, releaseFifos} from '../../../helpers/fifo.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {killAll, spawnCli} from '../../../helpers/spawn-cli.js';

afterEach(async () => {
	await killAll();
	// A CLI stuck opening a FIFO (the fix regressed) is let go, so that the failure is a failed test.
	await releaseFifos();
	await cleanup();
});

describe('replay FILE: only a regular file is read, and never opened in a way that waits', () => {
	it('a named pipe with no writer, and a folder, get one line and exit 2', async () => {
		const directory = await temporaryDirectory();
		const fifo = makeFifo(join(directory, 'session.ndjson'));
		const pipe = spawnCli(['replay', fifo]);
		expect((await pipe.exited).code).toBe(2);
		expect(pipe.stderr()).toBe(`c2c-status replay: ${fifo}: a FIFO (named pipe), not a regular file.\n`);

		const folder = join(directory, 'folder.ndjson');
		await mkdir(folder);
		const notAFile = spawnCli(['replay', folder, '--json']);
		expect((await notAFile.exited).code).toBe(2);
		expect(notAFile.stderr()).toBe(`c2c-status replay: ${folder}: a folder, not a file.\n`);
	});
});

describe('--record FILE: only a regular file is recorded into, and never opened in a way that waits', () => {
	it('a named pipe with no reader is refused in one line, exit 2, before anything starts', async () => {
		const directory = await temporaryDirectory();
		const fifo = makeFifo(join(directory, 'session.ndjson'));
		const cli = spawnCli(['--json', '--api-url', 'http://127.0.0.1:9', '--record', fifo], {FRAMEIO_TOKEN: 'record-fifo-token-1'});
		expect((await cli.exited).code).toBe(2);
		expect(cli.stderr()).toBe(`c2c-status: --record ${fifo}: it is a FIFO (named pipe), not a regular file\n`);
		expect(cli.stdout()).toBe('');
	});

	it('a folder is refused, and an existing regular file is emptied and made 0600', async () => {
		const directory = await temporaryDirectory();
		const folder = join(directory, 'folder.ndjson');
		await mkdir(folder);
		const refused = spawnCli(['--json', '--api-url', 'http://127.0.0.1:9', '--record', folder], {FRAMEIO_TOKEN: 'record-fifo-token-1'});
		expect((await refused.exited).code).toBe(2);
		expect(refused.stderr()).toBe(`c2c-status: --record ${folder}: it is a directory, not a regular file\n`);

		const file = join(directory, 'old.ndjson');
		await writeFile(file, 'old text that is longer than nothing\n'.repeat(1000), {mode: 0o644});
		const cli = spawnCli(['--json', '--api-url', 'http://127.0.0.1:9', '--record', file], {FRAMEIO_TOKEN: 'record-fifo-token-1'});
		await cli.waitForLine(line => line.includes('"type":"start"') || line.includes('"type":"status"'), 'the first line');
		cli.child.kill('SIGINT');
		await cli.exited;
		const recorded = await readFile(file, 'utf8');
		expect(recorded).not.toContain('old text');
		// eslint-disable-next-line no-bitwise -- the permission bits
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		expect(JSON.parse(recorded.split('\n')[0]!)).toMatchObject({type: 'recording', format: 1});
	});
});
