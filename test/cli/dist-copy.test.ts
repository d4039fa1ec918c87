import type {Buffer} from 'node:buffer';
import {spawn, spawnSync} from 'node:child_process';
import {cp, readFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';
import {killTracked, tracked} from '../helpers/tracked-children.js';
import {cleanup, temporaryDirectory} from '../helpers/monitor-fixture.js';
import {cliPath} from '../helpers/spawn-cli.js';

afterEach(async () => {
	killTracked();
	await cleanup();
});

/** The built CLI copied alone (dist/cli.js and dist/chunks/), as the README says to put it on a box without npm. */
async function copiedDist(): Promise<string> {
	const directory = await temporaryDirectory();
	await cp(cliPath, join(directory, 'cli.js'));
	await cp(join(dirname(cliPath), 'chunks'), join(directory, 'chunks'), {recursive: true});
	return join(directory, 'cli.js');
}

const clean = {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? '', XDG_STATE_HOME: process.env.XDG_STATE_HOME ?? ''};

/** Runs the copy and resolves with the first stdout line matching `pattern`. */
async function started(cli: string, args: readonly string[], pattern: RegExp, env: Record<string, string> = {}): Promise<string> {
	const child = spawn(process.execPath, [cli, ...args], {cwd: dirname(cli), env: {...clean, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	tracked(child);
	let out = '';
	let error = '';
	child.stderr.on('data', (chunk: Buffer) => {
		error += chunk.toString();
	});
	return new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const line = out.split('\n').find(candidate => pattern.test(candidate));
			if (line !== undefined) {
				resolve(line);
			}
		});
		child.once('exit', code => {
			reject(new Error(`exited (${code}) before ${String(pattern)}; stdout:\n${out}\nstderr:\n${error}`));
		});
	});
}

describe('dist/ copied alone to a box without npm (issue 15.18)', () => {
	it('needs no node_modules: --version, --help, the emulator and a monitor --json all run from the copy', async () => {
		const cli = await copiedDist();
		// Nothing to fall back on: no package in reach of the copy (so every dependency is in the bundle).
		const reach = spawnSync(process.execPath, ['--input-type=module', '-e', 'await import("ink")'], {cwd: dirname(cli), env: clean});
		expect(reach.status).not.toBe(0);
		const {version} = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};
		const printed = spawnSync(process.execPath, [cli, '--version'], {cwd: dirname(cli), env: clean, encoding: 'utf8'});
		expect(printed.stdout).toBe(`${version}\n`);
		const help = spawnSync(process.execPath, [cli, '--help'], {cwd: dirname(cli), env: clean, encoding: 'utf8'});
		expect(help.status).toBe(0);
		expect(help.stdout).toMatch(/Terminal status monitor for Frame\.io Camera to Cloud[\s\S]*Usage\n\s+\$ c2c-status \[options]/);
		const listening = await started(cli, ['emulator', '--port', '0', '--token', 'copy-token-5e1f'], /listening on http:\/\/127\.0\.0\.1:\d+/);
		const url = /http:\/\/127\.0\.0\.1:\d+/.exec(listening)![0];
		const joined = await started(cli, ['--json', '--api-url', url], /"type":"socket","state":"joined"/, {FRAMEIO_TOKEN: 'copy-token-5e1f'});
		expect(JSON.parse(joined)).toMatchObject({type: 'socket', state: 'joined'});
	});
});
