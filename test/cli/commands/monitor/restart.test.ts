import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startEmulator} from '../../../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../../../source/emulator/types.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {json, killAll, spawnCli} from '../../../helpers/spawn-cli.js';

const secret = 'restart-secret-token-0d4e';
let emulator: RunningEmulator | undefined;

afterEach(async () => {
	await killAll();
	await emulator?.close();
	emulator = undefined;
	await cleanup();
});

const line = (type: string, fields: Record<string, unknown> = {}) => (text: string) => {
	const parsed = json(text);
	return parsed?.type === type && Object.entries(fields).every(([key, value]) => parsed[key] === value);
};

describe('c2c-status restarted during a pause (two real runs sharing a state folder)', () => {
	it('announces paused first: one status line with true, no "not paused", and no hook told "no"', async () => {
		emulator = await startEmulator({port: 0, token: secret, strictRateLimit: true});
		const directory = await temporaryDirectory();
		const env = {FRAMEIO_TOKEN: secret, XDG_STATE_HOME: join(directory, 'state')};
		const first = spawnCli(['--json', '--api-url', emulator.url], env);
		await first.waitForLine(line('socket', {state: 'joined'}), 'the first run joined');
		emulator.control.pause();
		await first.waitForLine(line('status', {paused: true}), 'the first run saw the pause');
		first.child.kill('SIGTERM');
		expect((await first.exited).code).toBe(0);

		const hooks = join(directory, 'hooks.txt');
		const second = spawnCli(['--json', '--api-url', emulator.url, '--on-change', `echo "$C2C_CHANGED $C2C_PAUSED" >> '${hooks}'`], env);
		await second.waitForLine(line('socket', {state: 'joined'}), 'the second run joined');
		await second.waitForLine(line('hook', {changed: 'connected'}), 'the hook for Connected');
		second.child.kill('SIGTERM');
		expect((await second.exited).code).toBe(0);
		const lines = second.stdout().trimEnd().split('\n').map(text => json(text)!);
		const statuses = lines.filter(parsed => parsed.type === 'status');
		expect(statuses[0]).toMatchObject({paused: true, pausedSource: 'event'});
		expect(statuses.filter(status => status.paused !== true)).toEqual([]);
		const runs = (await readFile(hooks, 'utf8')).trimEnd().split('\n');
		expect(runs.length).toBeGreaterThan(0);
		expect(runs.every(run => run.endsWith(' yes'))).toBe(true);
		// The identity the first run left is labelled as the last run's, and every line is in time order.
		expect(lines.find(parsed => parsed.type === 'identity')).toMatchObject({origin: 'last-run', latencyMs: null});
		const times = lines.map(parsed => Date.parse(String(parsed.time)));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(emulator.control.state().devices[0]!.identityTooSoon).toBe(0);
	});
});
