import {readFileSync} from 'node:fs';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startEmulator} from '../../../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../../../source/emulator/types.js';
import {makeFifo, releaseFifos} from '../../../helpers/fifo.js';
import {fleetFiles} from '../../../helpers/fleet-files.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {scrapeUntil} from '../../../helpers/scrape.js';
import {killAll, spawnCli} from '../../../helpers/spawn-cli.js';

const token = 'fleet-cli-token-5be2';
const emulators: RunningEmulator[] = [];

afterEach(async () => {
	await killAll();
	await releaseFifos();
	await Promise.all(emulators.splice(0).map(async emulator => emulator.close()));
	await cleanup();
});

type Line = Record<string, unknown>;

/** The complete lines so far (a line still being written is left out). */
const parse = (text: string) => text.split('\n').slice(0, -1).filter(Boolean).map(line => JSON.parse(line) as Line);

/** Runs the built CLI with `--config` a file holding `content` (a string as is, anything else as JSON). */
async function withConfig(content: unknown, args: string[] = [], env: Record<string, string> = {}) {
	const directory = await temporaryDirectory();
	const path = join(directory, 'fleet.json');
	await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
	const cli = spawnCli(['--config', path, '--json', ...args], env);
	const {code} = await cli.exited;
	return {code, stdout: cli.stdout(), stderr: cli.stderr(), path};
}

describe('--config: a bad file is refused in one line naming it, with exit 2', () => {
	const cases: Array<[string, unknown, RegExp]> = [
		['not JSON: cut short', '{"devices": [', /: not JSON \(it ends too soon\)$/],
		['not JSON: told by line and column', '{"devices": [\n  {"name": "A" "tokenEnv": "T"}\n]}', /: not JSON \(line 2, column 16\)$/],
		// V8 would quote the file around the mistake: a token, an escape sequence and a line break with it.
		['not JSON: nothing of the file is echoed', '{"devices": [\nsEcReT-tok-9f8e \u001B[31m\n]}', /: not JSON$/],
		['not an object with devices', [], /: it must be an object with a "devices" array$/],
		['an unknown key at the top', {devices: [{name: 'A', tokenEnv: 'T'}], device: []}, /: unknown key "device" \(only "devices" is known\)$/],
		['no devices', {devices: []}, /: "devices" is empty$/],
		['a device without a name', {devices: [{tokenEnv: 'T'}]}, /: devices\[0] needs a "name"$/],
		['a name that is a number', {devices: [{name: 5, tokenEnv: 'T'}]}, /: devices\[0]: "name" must be a string \(in quotes\), not a number$/],
		['a name with an escape sequence', {devices: [{name: 'A\u001B[31mRED', tokenEnv: 'T'}]}, /: devices\[0]: the name holds a control character \(U\+001B\); use printable characters only$/],
		['a name with a bell, in the second device', {devices: [{name: 'A', tokenEnv: 'T'}, {name: 'B\u0007', tokenEnv: 'T'}]}, /: devices\[1]: the name holds a control character \(U\+0007\)/],
		['a name with a C1 control', {devices: [{name: 'A\u009B31mB', tokenEnv: 'T'}]}, /: devices\[0]: the name holds a control character \(U\+009B\)/],
		['a name with DEL', {devices: [{name: 'A\u007F', tokenEnv: 'T'}]}, /: devices\[0]: the name holds a control character \(U\+007F\)/],
		['a name with a right-to-left override', {devices: [{name: 'A\u202Emac-B', tokenEnv: 'T'}]}, /: devices\[0]: the name holds an invisible formatting character \(U\+202E\)/],
		['a name too long', {devices: [{name: 'x'.repeat(65), tokenEnv: 'T'}]}, /: devices\[0]: the name is 65 characters long; 64 at most$/],
		[
			'an unknown key in a device',
			{devices: [{name: 'A-cam', tokenEnv: 'T', token: 'x'}]},
			/: devices\[0] \("A-cam"\): unknown key "token" \(known: name, apiUrl, clientVersion, tokenFile, credentials, tokenEnv\)$/,
		],
		['a missing token source', {devices: [{name: 'A-cam', apiUrl: 'http://127.0.0.1:1'}]}, /: devices\[0] \("A-cam"\): it needs a token source: "tokenFile", "credentials" or "tokenEnv"$/],
		['two token sources', {devices: [{name: 'A-cam', tokenEnv: 'T', tokenFile: 'a.token'}]}, /: devices\[0] \("A-cam"\): give one token source, not tokenFile and tokenEnv$/],
		['duplicate names', {devices: [{name: 'A-cam', tokenEnv: 'T'}, {name: 'A-cam', tokenEnv: 'T'}]}, /: devices\[1] \("A-cam"\): the name "A-cam" is used twice$/],
		['an unset tokenEnv', {devices: [{name: 'A-cam', tokenEnv: 'NOT_SET_ANYWHERE'}]}, /: devices\[0] \("A-cam"\): the environment variable NOT_SET_ANYWHERE named by "tokenEnv" is not set$/],
		['a bad apiUrl', {devices: [{name: 'A-cam', tokenEnv: 'T', apiUrl: 'ftp://host.example/path'}]}, /: devices\[0] \("A-cam"\): "apiUrl" must start with https:\/\/ .*, got "ftp:\/\/host\.example\/path"\.$/],
		['a bad clientVersion', {devices: [{name: 'A-cam', tokenEnv: 'T', clientVersion: 'two'}]}, /: devices\[0] \("A-cam"\): "clientVersion" must be a semantic version/],
	];

	it.each(cases)('%s', async (_, content, problem) => {
		const result = await withConfig(content, [], {T: 'some-token'});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		const [line, ...rest] = result.stderr.split('\n');
		expect(rest).toEqual(['']);
		// Nothing of the file's text reaches the terminal: no token, no control character.
		expect(line).not.toContain('sEcReT');
		// eslint-disable-next-line no-control-regex -- control characters are what must not be there
		expect(line).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202E]/);
		expect(line!.startsWith(`c2c-status: --config ${result.path}: `)).toBe(true);
		expect(line).toMatch(problem);
	});

	it('a file that is not there, or cannot be read', async () => {
		const missing = spawnCli(['--config', '/no/such/fleet.json']);
		expect((await missing.exited).code).toBe(2);
		expect(missing.stderr()).toBe('c2c-status: --config /no/such/fleet.json: no such file\n');

		const folder = await temporaryDirectory();
		const notAFile = spawnCli(['--config', folder]);
		expect((await notAFile.exited).code).toBe(2);
		expect(notAFile.stderr()).toBe(`c2c-status: --config ${folder}: it is a directory, not a regular file\n`);

		// A named pipe with no writer: reading it would wait for ever, so it is refused without opening it for a wait.
		const fifo = makeFifo(join(folder, 'fleet.json'));
		const pipe = spawnCli(['--config', fifo]);
		expect((await pipe.exited).code).toBe(2);
		expect(pipe.stderr()).toBe(`c2c-status: --config ${fifo}: it is a FIFO (named pipe), not a regular file\n`);
	});

	it('a token flag beside it, and a device whose token file is missing (named when it starts)', async () => {
		const beside = await withConfig({devices: [{name: 'A-cam', tokenEnv: 'T'}]}, ['--token-file', 'x'], {T: 'some-token'});
		expect(beside).toMatchObject({code: 2, stderr: 'c2c-status: --config names each device\'s token: leave out --token-file.\n'});

		const emulator = await startEmulator({port: 0, token});
		emulators.push(emulator);
		const missing = await withConfig({devices: [{name: 'A-cam', tokenFile: 'gone.token', apiUrl: emulator.url}]});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/^c2c-status: device A-cam: .*gone\.token.*\n$/);
	});
});

describe('a fleet in NDJSON, with metrics and a change hook', () => {
	it('names each line\'s device; pausing one device changes only its lines, metrics and hook runs', async () => {
		const files = await fleetFiles(3, token);
		const emulator = await startEmulator({port: 0, devices: files.seeds});
		emulators.push(emulator);
		const hookLog = join(files.directory, 'hook.log');
		const hook = `echo "$C2C_DEVICE $C2C_CHANGED paused=$C2C_PAUSED connected=$C2C_CONNECTED project=$C2C_PROJECT" >> '${hookLog}'`;
		const cli = spawnCli(['--config', files.config, '--api-url', emulator.url, '--metrics-port', '0', '--on-change', hook], {C2C_TEST_TOKEN: files.seeds[2]!.token});
		const joinedLine = (name: string) => (line: string) => line.includes('"type":"socket"') && line.includes(`"device":"${name}"`) && line.includes('"state":"joined"');
		await Promise.all(files.names.map(async name => cli.waitForLine(joinedLine(name), `${name} joined`)));
		const isStatus = (line: Line) => line.type === 'status';
		const [served, ...before] = parse(cli.stdout());
		// The first line says where /metrics is served: the run's, not a device's.
		expect(served).toMatchObject({type: 'metrics', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/) as unknown});
		expect(new Set(before.map(line => line.device))).toEqual(new Set(files.names));
		for (const line of before) {
			expect(Object.keys(line).slice(0, 3)).toEqual(['time', 'type', 'device']);
		}

		emulator.control.pause(files.seeds[1]!.id);
		await cli.waitForLine(line => line.includes('"type":"status"') && line.includes('"device":"B-cam"') && line.includes('"paused":true'), 'B-cam paused');
		const after = parse(cli.stdout()).slice(before.length + 1);
		expect(after.filter(line => isStatus(line)).map(line => [line.device, line.paused])).toEqual([['B-cam', true]]);

		const metricsUrl = /metrics for Prometheus at (\S+)/.exec(cli.stderr())![1]!;
		const exposition = await scrapeUntil(metricsUrl, text => /^c2c_paused{device="B-cam"} 1$/m.test(text));
		expect(exposition).toMatch(/^c2c_paused{device="A-cam"} 0$/m);
		expect(exposition).toMatch(/^c2c_paused{device="B-cam"} 1$/m);
		expect(exposition).toMatch(/^c2c_paused{device="C-cam"} 0$/m);
		expect(exposition).not.toContain(token);

		const told = () => readFileSync(hookLog, 'utf8').trim().split('\n');
		// Every device's hook has told its newest state: B-cam's pause, the others' first known state.
		const settled = () => told().includes('B-cam paused paused=yes connected=yes project=Demo project')
			&& ['A-cam', 'C-cam'].every(name => told().some(run => run.startsWith(`${name} `) && run.includes('paused=no connected=yes project=Demo project')));
		await cli.waitForLine(line => line.includes('"type":"hook"') && settled(), 'every device\'s newest state told');
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);
		const runs = told();
		// Each device's first known Paused and Connected (held back to one run a second, so possibly told
		// in one run), then B-cam's pause.
		for (const name of files.names) {
			const own = runs.filter(run => run.startsWith(`${name} `));
			expect(own.length).toBeGreaterThanOrEqual(1);
			expect(own.length).toBeLessThanOrEqual(name === 'B-cam' ? 3 : 2);
			expect(own[0]).toMatch(new RegExp(`^${name} (paused|connected) paused=(no|unknown) connected=(unknown|yes) project=(Demo project)?$`));
			if (name !== 'B-cam') {
				expect(own.at(-1)).toMatch(new RegExp(`^${name} (paused|connected) paused=no connected=yes project=Demo project$`));
			}
		}

		expect(runs.findLast(run => run.startsWith('B-cam '))).toBe('B-cam paused paused=yes connected=yes project=Demo project');
		// Every run is a line of its device (the ones that worked, too).
		const hookLines = parse(cli.stdout()).filter(line => line.type === 'hook');
		expect(hookLines).toHaveLength(runs.length);
		expect(hookLines.every(line => line.ok === true && line.exitCode === 0 && files.names.includes(line.device as string))).toBe(true);
	}, 60_000);

	it('gives the hook none of the tokens, and reports why it failed from its stderr', async () => {
		const files = await fleetFiles(2, token);
		const emulator = await startEmulator({port: 0, devices: files.seeds});
		emulators.push(emulator);
		const hook = `env > '${files.directory}/'"$C2C_DEVICE.env"; echo "  no webhook for $C2C_DEVICE" >&2; exit 3`;
		const cli = spawnCli(['--config', files.config, '--api-url', emulator.url, '--on-change', hook], {
			// B-cam's token (its tokenEnv), a token and a client secret the fleet does not use, and a copy of A-cam's file token.
			C2C_TEST_TOKEN: files.seeds[1]!.token, FRAMEIO_TOKEN: 'unused-env-token-41c9', FRAMEIO_CLIENT_SECRET: 'client-secret-0d3e',
			COPY_OF_A: `Bearer ${files.seeds[0]!.token}`, KEEP_ME: 'kept',
		});
		const failed = await Promise.all(files.names.map(async name => cli.waitForLine(line => line.includes('"type":"hook"') && line.includes(`"device":"${name}"`), `${name}'s hook`)));
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);
		const expected = files.names.map(name => expect.objectContaining({ok: false, exitCode: 3, error: `exited with 3: no webhook for ${name}`}) as Line);
		expect(failed.map(line => JSON.parse(line) as Line)).toEqual(expected);
		for (const name of files.names) {
			const environment = await readFile(join(files.directory, `${name}.env`), 'utf8');
			expect(environment).toMatch(new RegExp(`^C2C_DEVICE=${name}$`, 'm'));
			expect(environment).toMatch(/^KEEP_ME=kept$/m);
			expect(environment).not.toMatch(/^(C2C_TEST_TOKEN|FRAMEIO_TOKEN|FRAMEIO_CLIENT_SECRET|COPY_OF_A)=/m);
			for (const secret of [files.seeds[0]!.token, files.seeds[1]!.token, 'unused-env-token-41c9', 'client-secret-0d3e']) {
				expect(environment).not.toContain(secret);
			}
		}
	});

	it('reports a failing hook as a line of its device, and a slow hook holds nothing up', async () => {
		const files = await fleetFiles(2, token);
		const emulator = await startEmulator({port: 0, devices: files.seeds});
		emulators.push(emulator);
		// A-cam's hook never ends in time; B-cam's fails at once.
		const hook = 'if [ "$C2C_DEVICE" = A-cam ]; then exec sleep 600; else exit 5; fi';
		const cli = spawnCli(['--config', files.config, '--api-url', emulator.url, '--on-change', hook], {C2C_TEST_TOKEN: files.seeds[1]!.token});
		const failed = await cli.waitForLine(line => line.includes('"type":"hook"'), 'a hook line');
		expect(JSON.parse(failed)).toMatchObject({type: 'hook', device: 'B-cam', ok: false, exitCode: 5, error: 'exited with 5'});
		await cli.waitForLine(line => line.includes('"device":"A-cam"') && line.includes('"state":"joined"'), 'A-cam joined');

		// A-cam's first hook still runs; its pause and resume are written at once all the same.
		emulator.control.pause(files.seeds[0]!.id);
		await cli.waitForLine(line => line.includes('"device":"A-cam"') && line.includes('"paused":true'), 'A-cam paused');
		emulator.control.resume(files.seeds[0]!.id);
		const resumed = (line: string) => line.includes('"device":"A-cam"') && line.includes('"status"') && line.includes('"paused":false') && line.includes('"pausedSource":"event"');
		await cli.waitForLine(resumed, 'A-cam resumed');
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);
	});
});
