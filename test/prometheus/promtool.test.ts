import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {MonitorSnapshot} from '../../source/core/monitor.js';
import {temporaryDirectory} from '../helpers/monitor-fixture.js';
import {pairedCredentials} from '../helpers/paired-credentials.js';
import {waitForSnapshot} from '../../support/wait-for.js';
import {prometheusExamples} from './helpers/examples.js';
import {cleanup, monitoredDevice} from './helpers/metrics-fixture.js';
import {runProgram} from './helpers/run-program.js';

afterEach(cleanup);

describe('promtool', () => {
	it('finds nothing to say about a real scrape with every metric in use', async () => {
		// Owned credentials, so that the token's expiry and refresh are there too, an authorization that expires,
		// and a name that needs escaping.
		const setup = await monitoredDevice({
			name: String.raw`cart "A" \ stage 2`,
			emulator: {devices: [{id: 'dev-a', token: 'demo', expiresAt: '2026-12-04T09:00:00.000Z'}]},
			async token(fixture) {
				const path = join(await temporaryDirectory(), 'credentials.json');
				await pairedCredentials(fixture, path);
				return {kind: 'credentials', path};
			},
		});
		await setup.monitor.start();
		await waitForSnapshot(setup.monitor, (snapshot: MonitorSnapshot) => snapshot.socket.state === 'joined' && snapshot.status.paused.value !== null, 'joined');
		setup.emulator.control.setHealth(false);
		await setup.clock.advance(15_000);
		await waitForSnapshot(setup.monitor, snapshot => snapshot.socket.heartbeat.answered === 1 && snapshot.status.connected.value === false, 'a heartbeat answered, /health down');
		const exposition = await setup.scrape();
		expect(exposition.types.size).toBe(18);
		expect(exposition.samples.map(sample => sample.name)).toContain('c2c_token_refresh_failing');
		expect(exposition.samples.filter(sample => sample.value > 0).map(sample => sample.name)).toEqual(expect.arrayContaining([
			'c2c_token_expiry_timestamp_seconds',
			'c2c_authorization_expiry_timestamp_seconds',
			'c2c_heartbeat_round_trip_seconds_count',
			'c2c_health_check_failures_total',
			'c2c_identity_fetches_total',
		]));

		const result = await runProgram('promtool', ['check', 'metrics'], {input: exposition.text});
		expect({status: result.status, output: `${result.stdout}${result.stderr}`}).toEqual({status: 0, output: ''});
	});

	it('finds the example configuration and alerting rules valid, and the rules\' unit tests pass', async () => {
		const config = await runProgram('promtool', ['check', 'config', 'prometheus.yml'], {cwd: prometheusExamples});
		expect(config.status, config.stdout + config.stderr).toBe(0);
		expect(config.stdout).toContain('SUCCESS: 1 rule files found');
		const rules = await runProgram('promtool', ['check', 'rules', 'c2c-alerts.yml'], {cwd: prometheusExamples});
		expect(rules.status, rules.stdout + rules.stderr).toBe(0);
		expect(rules.stdout).toContain('SUCCESS: 9 rules found');
		const tests = await runProgram('promtool', ['test', 'rules', 'c2c-alerts.test.yml'], {cwd: prometheusExamples});
		expect(tests.status, tests.stdout + tests.stderr).toBe(0);
		expect(tests.stdout).toContain('SUCCESS');
	});
});
