import {afterEach, expect, it} from 'vitest';
import type {MonitorSnapshot} from '../../source/core/monitor.js';
import {temporaryDirectory} from '../helpers/monitor-fixture.js';
import {waitForSnapshot} from '../../support/wait-for.js';
import {dashboardExpressions, exampleConfigFor} from './helpers/examples.js';
import {cleanup, monitoredDevice} from './helpers/metrics-fixture.js';
import {pollUntil} from './helpers/poll.js';
import {type QueryResult, startPrometheus, stopAllPrometheus} from './helpers/prometheus-process.js';

afterEach(async () => {
	await stopAllPrometheus();
	await cleanup();
});

it('scrapes a running monitor with the example configuration, and its query API follows c2c_paused', {timeout: 90_000}, async () => {
	// An authorization that ends in half an hour of Prometheus' own (real) time, for the alert below.
	const authorizationEnds = new Date(Date.now() + (30 * 60_000)).toISOString();
	const setup = await monitoredDevice({emulator: {devices: [{id: 'dev-a', token: 'demo', expiresAt: authorizationEnds}]}});
	await setup.monitor.start();
	await waitForSnapshot(setup.monitor, (snapshot: MonitorSnapshot) => snapshot.socket.state === 'joined' && snapshot.status.paused.value === false, 'joined, not paused');
	const prometheus = await startPrometheus({config: await exampleConfigFor(new URL(setup.server.url).host), directory: await temporaryDirectory()});

	const pausedReads = async (value: string, timeoutMs = 15_000) => pollUntil(async () => {
		const result = await prometheus.query('c2c_paused{job="c2c-status", device="cart-a"}');
		return result.length === 1 && result[0]!.value[1] === value ? result : undefined;
	}, `c2c_paused ${value} through Prometheus`, {timeoutMs});
	// Prometheus hands its first targets to the scraper about 5 s after it starts; then it scrapes every second.
	await pausedReads('0', 30_000);
	setup.emulator.control.pause();
	await waitForSnapshot(setup.monitor, snapshot => snapshot.status.paused.value === true, 'paused');
	await pausedReads('1');
	setup.emulator.control.resume();
	await waitForSnapshot(setup.monitor, snapshot => snapshot.status.paused.value === false, 'resumed');
	await pausedReads('0');

	// The example rules are loaded from the example configuration.
	const {groups} = await prometheus.api('/api/v1/rules') as {groups: Array<{name: string; rules: Array<{name: string; health: string}>}>};
	expect(groups.map(group => group.name)).toEqual(['c2c-status']);
	expect(groups[0]!.rules.map(rule => rule.name)).toEqual([
		'C2CMonitorDown',
		'C2CDevicePaused',
		'C2CDeviceNotConnected',
		'C2CPausedUnconfirmed',
		'C2CSocketNotJoined',
		'C2CTokenExpiringSoon',
		'C2CTokenExpiringSoon',
		'C2CCredentialsUnsaved',
		'C2CPairingNeeded',
	]);
	// Rules are evaluated every second: the authorization's alert fires, and only it (the token is watched).
	type Alert = {labels: Record<string, string>; annotations: Record<string, string>; state: string};
	const alerts = await pollUntil(async () => {
		const {alerts} = await prometheus.api('/api/v1/alerts') as {alerts: Alert[]};
		return alerts.some(alert => alert.labels.alertname === 'C2CTokenExpiringSoon') ? alerts : undefined;
	}, 'C2CTokenExpiringSoon to fire');
	expect(alerts.filter(alert => alert.labels.alertname === 'C2CTokenExpiringSoon')).toEqual([expect.objectContaining({
		state: 'firing',
		labels: expect.objectContaining({expiring: 'authorization', device: 'cart-a', severity: 'warning'}) as unknown,
		annotations: expect.objectContaining({summary: expect.stringMatching(/^The authorization of C2C device cart-a expires in (?:2\d|30)m \d+s$/) as unknown}) as unknown,
	})]);

	// Every query of the Grafana dashboard runs, and those of its device table find the device.
	for (const {panel, expr} of await dashboardExpressions()) {
		let result: QueryResult;
		try {
			result = await prometheus.query(expr);
		} catch (error) {
			throw new Error(`dashboard panel "${panel}": ${expr}: ${String(error)}`);
		}

		// Owned credentials' columns are empty for a watched token; the heartbeat's needs 15 minutes of data.
		if (panel === 'Devices' && !expr.includes('token') && !expr.includes('credentials') && !expr.includes('heartbeat')) {
			expect(result.map(sample => sample.metric.device), expr).toEqual(['cart-a']);
		}
	}
});
