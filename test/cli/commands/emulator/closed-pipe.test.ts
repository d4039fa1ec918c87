import {once} from 'node:events';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {getJson} from '../../../helpers/emulator-fixture.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {killAll, spawnCli, type RunningCli} from '../../../helpers/spawn-cli.js';

afterEach(async () => {
	await killAll();
	await cleanup();
});

/** The built emulator with --audit-report, after a client broke a rule (so the report has a verdict to lose). */
async function auditedEmulator(): Promise<{cli: RunningCli; path: string}> {
	const path = join(await temporaryDirectory(), 'r4.json');
	const cli = spawnCli(['emulator', '--port', '0', '--audit', '--audit-report', path]);
	const url = /listening on (\S+)/.exec(await cli.waitForLine(line => line.includes('listening on'), 'the URL'))![1]!;
	expect((await getJson(`${url}/v2/devices/me`, {headers: {authorization: 'Bearer demo', 'user-agent': 'bad-cam/0.1'}})).status).toBe(200);
	await cli.waitForLine(line => line.includes('broke client-version'), 'the broken rule');
	return {cli, path};
}

/** Closes the read end of the child's pipe, as a `tee` killed by the same Ctrl+C does: its next write gets EPIPE. */
async function closeReader(stream: NodeJS.ReadableStream & {destroy(): void}): Promise<void> {
	const closed = once(stream, 'close');
	stream.destroy();
	await closed;
}

async function expectReportWritten(path: string): Promise<void> {
	const saved = JSON.parse(await readFile(path, 'utf8')) as {clients: Array<{rules: Array<{rule: string; verdict: string}>}>};
	expect(saved.clients[0]!.rules).toContainEqual(expect.objectContaining({rule: 'client-version', verdict: 'broken'}));
}

describe('emulator --audit-report when nobody reads its output any more (`| tee`, and Ctrl+C kills tee too)', () => {
	it('stdout closed before SIGINT: no crash on EPIPE, the report is written, exit 0', async () => {
		const {cli, path} = await auditedEmulator();
		await closeReader(cli.child.stdout!);
		cli.child.kill('SIGINT');
		expect((await cli.exited).code).toBe(0);
		expect(cli.stderr()).toBe('');
		await expectReportWritten(path);
	});

	it('stdout and stderr both closed: still the report, exit 0', async () => {
		const {cli, path} = await auditedEmulator();
		await closeReader(cli.child.stdout!);
		await closeReader(cli.child.stderr!);
		cli.child.kill('SIGINT');
		expect(await cli.exited).toEqual({code: 0, signal: null});
		await expectReportWritten(path);
	});
});
