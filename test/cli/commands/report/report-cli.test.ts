import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startEmulator} from '../../../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../../../source/emulator/types.js';
import {fleetFiles} from '../../../helpers/fleet-files.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {json, killAll, spawnCli} from '../../../helpers/spawn-cli.js';

let emulator: RunningEmulator | undefined;

afterEach(async () => {
	await killAll();
	await emulator?.close();
	emulator = undefined;
	await cleanup();
});

describe('c2c-status report (the built CLI)', () => {
	it('finds a fleet device\'s journal from the same --config the monitor took, names it as the config does, and says which have none', async () => {
		const files = await fleetFiles(2, 'report-token');
		emulator = await startEmulator({port: 0, devices: files.seeds});
		const state = join(files.directory, 'state');
		// A check of A-cam alone, from cron say: its journal is keyed by its token file, as the fleet's A-cam is.
		const check = spawnCli(['check', '--api-url', emulator.url, '--token-file', join(files.directory, 'A-cam.token')], {XDG_STATE_HOME: state});
		expect((await check.exited).code).toBe(0);

		const env = {XDG_STATE_HOME: state, C2C_TEST_TOKEN: files.seeds[1]!.token};
		const report = spawnCli(['report', '--config', files.config, '--api-url', emulator.url, '--since', '1h', '--json'], env);
		expect(await report.exited).toEqual({code: 0, signal: null});
		const result = json(report.stdout().trim())!;
		const [a, b] = result.devices as Array<Record<string, unknown>>;
		expect(a).toMatchObject({device: 'A-cam', journal: true, pauses: []});
		expect(a!.monitoredMs).toBeGreaterThan(0);
		expect(b).toMatchObject({device: 'B-cam', journal: false, monitoredMs: 0});

		const text = spawnCli(['report', '--config', files.config, '--api-url', emulator.url], env);
		expect((await text.exited).code).toBe(0);
		expect(text.stdout()).toMatch(/^c2c-status report · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} → .*\n\nA-cam\n {2}Paused: never, while watched\n/);
		expect(text.stdout()).toContain('\nB-cam\n  No journal for this device: it was not watched here with the journal on.\n');

		// No device named: every journal there is, by the name Frame.io gave.
		const all = spawnCli(['report', '--json'], {XDG_STATE_HOME: state});
		expect((await all.exited).code).toBe(0);
		expect(json(all.stdout().trim())?.devices).toEqual([expect.objectContaining({device: files.seeds[0]!.name, journal: true})]);
	});

	it('says there is no journal at all, and refuses bad usage in one line with exit 2', async () => {
		const state = join(await temporaryDirectory(), 'state');
		const none = spawnCli(['report'], {XDG_STATE_HOME: state});
		expect((await none.exited).code).toBe(0);
		expect(none.stdout()).toBe('c2c-status report: no journal here yet: nothing was monitored with the journal on (see c2c-status report --help).\n');
		const bad = spawnCli(['report', '--since', 'a while'], {XDG_STATE_HOME: state});
		expect(await bad.exited).toEqual({code: 2, signal: null});
		expect(bad.stderr()).toBe('c2c-status report: --since must be a duration such as 12h, 90m, 1h30m or 2d, got "a while".\n');
		const both = spawnCli(['report', '--since', '2h', '--from', '07:00'], {XDG_STATE_HOME: state});
		expect((await both.exited).code).toBe(2);
		expect(both.stdout()).toBe('');
	});
});
