import {join} from 'node:path';
import {afterEach, describe, expect, expectTypeOf, it} from 'vitest';
import {Fleet, type FleetDevice} from '../../../source/core/fleet/fleet.js';
import {ManualClock} from '../../../support/manual-clock.js';
import type {MonitorSnapshot} from '../../../source/core/monitor.js';
import type {MonitorEvent} from '../../../source/core/monitor-events.js';
import {createMetrics, type MetricsDevice} from '../../../source/output/metrics/metrics.js';
import {startTestEmulator, waitUntil} from '../../helpers/emulator-fixture.js';
import {temporaryDirectory, testMonitor} from '../../helpers/monitor-fixture.js';
import {pairedCredentials} from '../../helpers/paired-credentials.js';
import {waitForEvent, waitForSnapshot} from '../../../support/wait-for.js';
import {samplesOf, scrape, valueOf} from '../../prometheus/helpers/exposition.js';
import {cleanup, monitoredDevice, type MonitoredDevice, testMetricsServer} from '../../prometheus/helpers/metrics-fixture.js';

const fleets: Fleet[] = [];

afterEach(async () => {
	await Promise.all(fleets.splice(0).map(async fleet => fleet.stop()));
	await cleanup();
});

const device = 'cart-a';
const joined = async ({monitor}: MonitoredDevice) => waitForSnapshot(
	monitor,
	(snapshot: MonitorSnapshot) => snapshot.socket.state === 'joined' && snapshot.status.connected.value === true && snapshot.status.paused.value === false,
	'joined, connected and not paused',
);

describe('metrics of a real monitor, scraped over HTTP', () => {
	it('shows c2c_paused go 0 → 1 → 0 as the device is paused and resumed', async () => {
		const setup = await monitoredDevice();
		const before = await setup.scrape();
		expect(valueOf(before, 'c2c_paused', {device})).toBeUndefined();
		expect(valueOf(before, 'c2c_connected', {device})).toBeUndefined();
		expect(valueOf(before, 'c2c_socket_state', {device, state: 'idle'})).toBe(1);
		await setup.monitor.start();
		await joined(setup);
		const running = await setup.scrape();
		expect(valueOf(running, 'c2c_paused', {device})).toBe(0);
		expect(valueOf(running, 'c2c_connected', {device})).toBe(1);
		expect(valueOf(running, 'c2c_socket_joined', {device})).toBe(1);
		expect(samplesOf(running, 'c2c_socket_state', {device}).filter(sample => sample.value === 1).map(sample => sample.labels.state)).toEqual(['joined']);

		setup.emulator.control.pause();
		await waitForSnapshot(setup.monitor, snapshot => snapshot.status.paused.value === true, 'paused');
		expect(valueOf(await setup.scrape(), 'c2c_paused', {device})).toBe(1);
		setup.emulator.control.resume();
		await waitForSnapshot(setup.monitor, snapshot => snapshot.status.paused.value === false, 'resumed');
		expect(valueOf(await setup.scrape(), 'c2c_paused', {device})).toBe(0);
	});

	it('shows Connected 0 and counts failed /health checks by kind while /health is down, then 1 again', async () => {
		const setup = await monitoredDevice();
		const api = new URL(setup.emulator.url).host;
		await setup.monitor.start();
		await joined(setup);
		const up = await setup.scrape();
		expect(valueOf(up, 'c2c_health_check_duration_seconds_count', {api})).toBe(1);
		expect(valueOf(up, 'c2c_health_check_failures_total', {api, kind: 'http'})).toBe(0);

		setup.emulator.control.setHealth(false);
		await setup.clock.advance(10_000);
		await waitForSnapshot(setup.monitor, snapshot => snapshot.status.connected.value === false, 'not connected');
		const down = await setup.scrape();
		expect(valueOf(down, 'c2c_connected', {device})).toBe(0);
		expect(valueOf(down, 'c2c_health_check_failures_total', {api, kind: 'http'})).toBe(1);
		expect(samplesOf(down, 'c2c_health_check_failures_total', {api}).reduce((sum, sample) => sum + sample.value, 0)).toBe(1);
		expect(valueOf(down, 'c2c_health_check_duration_seconds_count', {api})).toBe(2);

		setup.emulator.control.setHealth(true);
		await setup.clock.advance(10_000);
		await waitForSnapshot(setup.monitor, snapshot => snapshot.status.connected.value === true, 'connected again');
		const back = await setup.scrape();
		expect(valueOf(back, 'c2c_connected', {device})).toBe(1);
		expect(valueOf(back, 'c2c_health_check_failures_total', {api, kind: 'http'})).toBe(1);
		expect(valueOf(back, 'c2c_health_check_duration_seconds_count', {api})).toBe(3);
	});

	it('counts joins, reconnects, heartbeat round trips and frames as the socket reports them', async () => {
		const setup = await monitoredDevice();
		await setup.monitor.start();
		await joined(setup);
		await setup.clock.advance(15_000);
		await waitForSnapshot(setup.monitor, snapshot => snapshot.socket.heartbeat.answered === 1, 'a heartbeat answered');
		const first = await setup.scrape();
		expect(valueOf(first, 'c2c_socket_joins_total', {device})).toBe(1);
		expect(valueOf(first, 'c2c_socket_reconnects_total', {device})).toBe(0);
		expect(valueOf(first, 'c2c_heartbeat_round_trip_seconds_count', {device})).toBe(1);
		// The manual clock stands still while the reply travels.
		expect(valueOf(first, 'c2c_heartbeat_round_trip_seconds_bucket', {device, le: '0.005'})).toBe(1);

		setup.emulator.control.drop();
		const waiting = await waitForSnapshot(setup.monitor, snapshot => snapshot.socket.state === 'waiting', 'waiting to reconnect');
		await setup.clock.advance(waiting.socket.nextRetryAt! - setup.clock.now());
		const again = await waitForSnapshot(setup.monitor, snapshot => snapshot.socket.state === 'joined', 'joined again');
		const second = await setup.scrape();
		expect(valueOf(second, 'c2c_socket_joins_total', {device})).toBe(2);
		expect(valueOf(second, 'c2c_socket_reconnects_total', {device})).toBe(1);
		expect(valueOf(second, 'c2c_socket_frames_total', {device, direction: 'in'})).toBe(again.socket.framesIn);
		expect(valueOf(second, 'c2c_socket_frames_total', {device, direction: 'out'})).toBe(again.socket.framesOut);
		expect(again.socket.framesOut).toBeGreaterThanOrEqual(3);
	});

	it('counts identity fetches by result: ok, then auth once the token has expired', async () => {
		const setup = await monitoredDevice();
		await setup.monitor.start();
		await joined(setup);
		expect(valueOf(await setup.scrape(), 'c2c_identity_fetches_total', {device, result: 'ok'})).toBe(1);
		setup.emulator.control.expireToken();
		const failed = waitForEvent(setup.monitor.events, (event: MonitorEvent) => event.type === 'identity' && !event.result.ok, 'a failed identity fetch');
		await setup.clock.advance(60_000);
		await failed;
		const after = await setup.scrape();
		expect(valueOf(after, 'c2c_identity_fetches_total', {device, result: 'ok'})).toBe(1);
		expect(valueOf(after, 'c2c_identity_fetches_total', {device, result: 'auth'})).toBe(1);
		expect(samplesOf(after, 'c2c_identity_fetches_total', {device}).map(sample => sample.labels.result))
			.toEqual(['ok', 'dns', 'refused', 'reset', 'timeout', 'tls', 'network', 'http', 'auth', 'rate-limited', 'bad-body']);
	});

	it('shows no token expiry for a watched token, and pairing is never needed for it', async () => {
		const setup = await monitoredDevice();
		await setup.monitor.start();
		await joined(setup);
		const exposition = await setup.scrape();
		expect(samplesOf(exposition, 'c2c_token_expiry_timestamp_seconds')).toEqual([]);
		expect(samplesOf(exposition, 'c2c_token_refresh_failing')).toEqual([]);
		expect(valueOf(exposition, 'c2c_pairing_needed', {device})).toBe(0);
	});

	it('shows when owned credentials expire, and that pairing is needed once the refresh token is dead', async () => {
		let expiresAt = 0;
		const setup = await monitoredDevice({
			emulator: {tokenTtlSeconds: 60},
			async token(fixture) {
				const path = join(await temporaryDirectory(), 'credentials.json');
				({expiresAt} = await pairedCredentials(fixture, path));
				return {kind: 'credentials', path};
			},
		});
		await setup.monitor.start();
		await joined(setup);
		const owned = await setup.scrape();
		expect(valueOf(owned, 'c2c_token_expiry_timestamp_seconds', {device})).toBe(expiresAt / 1000);
		expect(valueOf(owned, 'c2c_pairing_needed', {device})).toBe(0);
		expect(valueOf(owned, 'c2c_token_refresh_failing', {device})).toBe(0);

		setup.emulator.control.revokeRefreshTokens();
		const {refresh} = setup.monitor.getSnapshot().token;
		await setup.clock.advance(refresh!.nextRefreshAt! - setup.clock.now());
		await waitForSnapshot(setup.monitor, snapshot => snapshot.token.refresh?.phase === 'pairing-needed', 'pairing needed');
		const dead = await setup.scrape();
		expect(valueOf(dead, 'c2c_pairing_needed', {device})).toBe(1);
		expect(valueOf(dead, 'c2c_token_expiry_timestamp_seconds', {device})).toBe(expiresAt / 1000);
		// A dead refresh token is a failing refresh too: the token will not be renewed.
		expect(valueOf(dead, 'c2c_token_refresh_failing', {device})).toBe(1);
	});

	it('shows c2c_token_refresh_failing 1 from a failed refresh, through its retries, until one works', async () => {
		let expiresAt = 0;
		const setup = await monitoredDevice({
			emulator: {tokenTtlSeconds: 60},
			async token(fixture) {
				const path = join(await temporaryDirectory(), 'credentials.json');
				({expiresAt} = await pairedCredentials(fixture, path));
				return {kind: 'credentials', path};
			},
		});
		await setup.monitor.start();
		await joined(setup);
		const dueAt = (snapshot: MonitorSnapshot) => snapshot.token.refresh!.nextRefreshAt! - setup.clock.now();
		const scheduled = await setup.scrape();
		expect(valueOf(scheduled, 'c2c_token_refresh_failing', {device})).toBe(0);

		// The auth endpoints answer 503: the refresh due 15 s before the 60 s token expires fails.
		setup.emulator.control.setFaults({authUnavailableForSeconds: 3600});
		await setup.clock.advance(dueAt(setup.monitor.getSnapshot()));
		const retrying = await waitForSnapshot(
			setup.monitor,
			snapshot => snapshot.token.refresh?.phase === 'retrying' && snapshot.token.refresh.nextRefreshAt !== null,
			'the refresh failed, its retry scheduled',
		);
		const failed = await setup.scrape();
		expect(valueOf(failed, 'c2c_token_refresh_failing', {device})).toBe(1);
		expect(valueOf(failed, 'c2c_token_expiry_timestamp_seconds', {device})).toBe(expiresAt / 1000);
		expect(valueOf(failed, 'c2c_pairing_needed', {device})).toBe(0);

		// Auth is back, its answers held for 2 s: while the retry is under way ('refreshing'), the refresh is still failing.
		setup.emulator.control.setFaults({authUnavailableForSeconds: 0, httpLatencyMs: 2000});
		await setup.clock.advance(dueAt(retrying));
		await waitForSnapshot(setup.monitor, snapshot => snapshot.token.refresh?.phase === 'refreshing', 'the retry under way');
		await waitUntil(() => setup.emulator.control.state().devices[0]!.refreshes === 1, 'the emulator has answered the retry');
		const underWay = await setup.scrape();
		const phase = setup.monitor.getSnapshot().token.refresh?.phase;
		// Let the answer go before asserting: a stopped monitor waits for the refresh it has under way.
		await setup.clock.advance(2000);
		expect(phase).toBe('refreshing');
		expect(valueOf(underWay, 'c2c_token_refresh_failing', {device})).toBe(1);

		const refreshed = await waitForSnapshot(setup.monitor, snapshot => snapshot.token.refresh?.phase === 'scheduled' && snapshot.token.expiresAt !== expiresAt, 'refreshed');
		const recovered = await setup.scrape();
		expect(valueOf(recovered, 'c2c_token_refresh_failing', {device})).toBe(0);
		expect(valueOf(recovered, 'c2c_token_expiry_timestamp_seconds', {device})).toBe(refreshed.token.expiresAt! / 1000);
		expect(refreshed.token.expiresAt).toBeGreaterThan(expiresAt);
	});

	it('shows when the device\'s authorization expires once the identity says so, and nothing when it never does', async () => {
		const authorizationEnds = '2026-11-27T09:45:00.000Z';
		const expiring = await monitoredDevice({emulator: {devices: [{id: 'dev-a', token: 'demo', expiresAt: authorizationEnds}]}});
		const lasting = await monitoredDevice({name: 'cart-b', emulator: {devices: [{id: 'dev-b', token: 'demo', expiresAt: null}]}});
		// Not known before the first identity.
		expect(samplesOf(await expiring.scrape(), 'c2c_authorization_expiry_timestamp_seconds')).toEqual([]);
		await Promise.all([expiring.monitor.start(), lasting.monitor.start()]);
		await Promise.all([joined(expiring), joined(lasting)]);
		const known = await expiring.scrape();
		expect(valueOf(known, 'c2c_authorization_expiry_timestamp_seconds', {device})).toBe(Date.parse(authorizationEnds) / 1000);
		expect(expiring.monitor.getSnapshot().identity.identity?.expiresAt).toBe(authorizationEnds);
		const never = await lasting.scrape();
		expect(lasting.monitor.getSnapshot().identity.identity?.expiresAt).toBeNull();
		expect(samplesOf(never, 'c2c_authorization_expiry_timestamp_seconds')).toEqual([]);

		// A failed fetch keeps the last identity (stale), and with it the date: no refresh moves it.
		expiring.emulator.control.expireToken();
		await expiring.clock.advance(60_000);
		await waitForSnapshot(expiring.monitor, snapshot => snapshot.identity.stale, 'a stale identity');
		expect(valueOf(await expiring.scrape(), 'c2c_authorization_expiry_timestamp_seconds', {device})).toBe(Date.parse(authorizationEnds) / 1000);
	});

	it('exports only c2c_ metrics, each with HELP and a TYPE, every series labelled with its device, the /health series with their API', async () => {
		const setup = await monitoredDevice();
		await setup.monitor.start();
		await joined(setup);
		const exposition = await setup.scrape();
		expect([...exposition.types.keys()]).toEqual([
			'c2c_paused',
			'c2c_paused_confirmed',
			'c2c_paused_evidence_age_seconds',
			'c2c_connected',
			'c2c_socket_joined',
			'c2c_token_expiry_timestamp_seconds',
			'c2c_pairing_needed',
			'c2c_token_refresh_failing',
			'c2c_credentials_save_failing',
			'c2c_authorization_expiry_timestamp_seconds',
			'c2c_socket_state',
			'c2c_socket_joins_total',
			'c2c_socket_reconnects_total',
			'c2c_socket_frames_total',
			'c2c_heartbeat_round_trip_seconds',
			'c2c_identity_fetches_total',
			'c2c_health_check_duration_seconds',
			'c2c_health_check_failures_total',
		]);
		for (const name of exposition.types.keys()) {
			expect(exposition.help.get(name), name).toMatch(/\w{3,}/);
		}

		expect(exposition.samples.length).toBeGreaterThan(50);
		const health = (name: string) => name.startsWith('c2c_health_check_');
		expect(exposition.samples.filter(sample => !health(sample.name) && sample.labels.device !== device)).toEqual([]);
		const api = new URL(setup.emulator.url).host;
		expect(exposition.samples.filter(sample => health(sample.name) && (sample.labels.api !== api || 'device' in sample.labels))).toEqual([]);
	});
});

describe('metrics of several devices', () => {
	it('gives the /health series once per API, labelled with it, however many devices share the API\'s checks; they go with its last device', async () => {
		const clock = new ManualClock();
		const first = await startTestEmulator({clock, devices: [{id: 'dev-a', token: 'token-a'}, {id: 'dev-b', token: 'token-b'}, {id: 'dev-c', token: 'token-c'}]});
		const second = await startTestEmulator({clock, devices: [{id: 'dev-d', token: 'token-d'}]});
		const device = (name: string, url: string, token: string) => ({
			name, config: {apiUrl: new URL(url), token: {kind: 'env', variable: 'T', token} as const, clientVersion: '2.0.0', healthIntervalMs: 10_000},
		});
		const onFirst = [['A-cam', 'token-a'], ['B-cam', 'token-b'], ['C-cam', 'token-c']].map(([name, token]) => device(name!, first.emulator.url, token!));
		const fleet = new Fleet([...onFirst, device('D-cam', second.emulator.url, 'token-d')], {clock, coalesceMs: 0});
		fleets.push(fleet);
		const metrics = createMetrics({now: () => clock.now()});
		const detach = new Map(fleet.devices.map(fleetDevice => [fleetDevice.name, metrics.attach(fleetDevice)]));
		const server = await testMetricsServer(metrics);
		await fleet.start();
		for (const {monitor} of fleet.devices) {
			await waitForSnapshot(monitor, snapshot => snapshot.status.connected.value === true, 'connected');
		}

		first.emulator.control.setHealth(false);
		await clock.advance(10_000);
		for (const {monitor} of fleet.devices.slice(0, 3)) {
			await waitForSnapshot(monitor, snapshot => snapshot.status.connected.value === false, 'not connected');
		}

		const [apiOne, apiTwo] = [new URL(first.emulator.url).host, new URL(second.emulator.url).host];
		const exposition = await scrape(server.url);
		const health = exposition.samples.filter(sample => sample.name.startsWith('c2c_health_check_'));
		expect(health.filter(sample => 'device' in sample.labels)).toEqual([]);
		expect(new Set(health.map(sample => sample.labels.api))).toEqual(new Set([apiOne, apiTwo]));
		// Two checks of the first API (one up, one down), not six; summing over the series counts each check once.
		expect(valueOf(exposition, 'c2c_health_check_duration_seconds_count', {api: apiOne})).toBe(2);
		expect(valueOf(exposition, 'c2c_health_check_failures_total', {api: apiOne, kind: 'http'})).toBe(1);
		expect(valueOf(exposition, 'c2c_health_check_duration_seconds_count', {api: apiTwo})).toBe(2);
		expect(samplesOf(exposition, 'c2c_health_check_failures_total').reduce((sum, sample) => sum + sample.value, 0)).toBe(1);
		// Connected stays each device's.
		expect(samplesOf(exposition, 'c2c_connected').map(sample => [sample.labels.device, sample.value])).toEqual([['A-cam', 0], ['B-cam', 0], ['C-cam', 0], ['D-cam', 1]]);

		detach.get('A-cam')!();
		detach.get('B-cam')!();
		expect(valueOf(await scrape(server.url), 'c2c_health_check_duration_seconds_count', {api: apiOne})).toBe(2);
		detach.get('C-cam')!();
		const left = await scrape(server.url);
		expect(samplesOf(left, 'c2c_health_check_duration_seconds_count').map(sample => sample.labels.api)).toEqual([apiTwo]);
	});

	it('takes a fleet\'s devices as they are', () => {
		expectTypeOf<FleetDevice>().toExtend<MetricsDevice>();
	});

	it('keeps each device\'s series apart by its name, refuses a name twice, and forgets a device detached', async () => {
		const {emulator, clock} = await startTestEmulator({devices: [{id: 'dev-a', token: 'token-a'}, {id: 'dev-b', token: 'token-b'}]});
		const env = (token: string) => ({kind: 'env', variable: 'FRAMEIO_TOKEN', token} as const);
		const devices = [{name: 'cart "A"', monitor: testMonitor(clock, emulator.url, env('token-a'))}, {name: 'cart B', monitor: testMonitor(clock, emulator.url, env('token-b'))}];
		const [a, b] = devices.map(({monitor}) => monitor);
		const metrics = createMetrics();
		const detach = devices.map(fleetDevice => metrics.attach(fleetDevice));
		expect(() => metrics.attach({name: 'cart B', monitor: a!})).toThrow('a device named "cart B" is attached already');
		const server = await testMetricsServer(metrics);
		await Promise.all([a!.start(), b!.start()]);
		for (const monitor of [a!, b!]) {
			await waitForSnapshot(monitor, snapshot => snapshot.socket.state === 'joined' && snapshot.status.paused.value === false, 'joined');
		}

		emulator.control.pause('dev-b');
		await waitForSnapshot(b!, snapshot => snapshot.status.paused.value === true, 'device b paused');
		const both = await scrape(server.url);
		expect(valueOf(both, 'c2c_paused', {device: 'cart "A"'})).toBe(0);
		expect(valueOf(both, 'c2c_paused', {device: 'cart B'})).toBe(1);
		expect(valueOf(both, 'c2c_socket_frames_total', {device: 'cart B', direction: 'in'})).toBe(b!.getSnapshot().socket.framesIn);

		detach[1]!();
		detach[1]!();
		const one = await scrape(server.url);
		expect(new Set(one.samples.filter(sample => !sample.name.startsWith('c2c_health_check_')).map(sample => sample.labels.device))).toEqual(new Set(['cart "A"']));
		const framesOfA = valueOf(one, 'c2c_socket_frames_total', {device: 'cart "A"', direction: 'in'});
		emulator.control.resume('dev-b');
		await waitForSnapshot(b!, snapshot => snapshot.status.paused.value === false, 'device b resumed');
		const later = await scrape(server.url);
		expect(samplesOf(later, 'c2c_socket_frames_total', {device: 'cart B'})).toEqual([]);
		expect(valueOf(later, 'c2c_socket_frames_total', {device: 'cart "A"', direction: 'in'})).toBe(framesOfA);
		// The name is free again; the counters start over.
		metrics.attach({name: 'cart B', monitor: b!});
		const again = await scrape(server.url);
		expect(valueOf(again, 'c2c_paused', {device: 'cart B'})).toBe(0);
		expect(valueOf(again, 'c2c_socket_frames_total', {device: 'cart B', direction: 'in'})).toBe(0);
	});
});
