import {afterEach, describe, expect, it} from 'vitest';
import {CredentialsFile} from '../../../source/core/token/credentials-store.js';
import {refreshRetryMaxMs} from '../../../source/core/token/refresh-schedule.js';
import {waitForSnapshot} from '../../../support/wait-for.js';
import {startTestEmulator} from '../../helpers/emulator-fixture.js';
import {cleanup} from '../../helpers/monitor-fixture.js';
import {credentialsPath, ownedMonitor, stopOwnedMonitors, tokenEvent} from '../../helpers/owned-setup.js';
import {pairedCredentials} from '../../helpers/paired-credentials.js';

afterEach(async () => {
	await stopOwnedMonitors();
	await cleanup();
});

const patient = 15_000;

describe('a refresh that failed on the network is tried again soon (issue 15.1)', () => {
	it('retries at most 30 s apart, and at once when /health recovers from a failure', async () => {
		const fixture = await startTestEmulator({tokenTtlSeconds: 120, idleTimeoutSeconds: 24 * 3600});
		const {clock, emulator} = fixture;
		const path = await credentialsPath();
		await pairedCredentials(fixture, path);
		const setup = ownedMonitor(fixture, new CredentialsFile(path), {healthIntervalMs: 10_000});
		await setup.monitor.start();
		// Frame.io goes away: /health fails, and so does every refresh (503) for ten minutes.
		emulator.control.setHealth(false);
		emulator.control.setFaults({authUnavailableForSeconds: 600});
		const waits: number[] = [];
		for (let attempt = 0; attempt < 6; attempt++) {
			const failed = tokenEvent(setup.source, 'refresh-failed', patient);
			await clock.advance(setup.source.getSnapshot().refresh!.nextRefreshAt! - clock.now());
			await failed;
			waits.push(setup.source.getSnapshot().refresh!.nextRefreshAt! - clock.now());
		}

		expect(Math.max(...waits)).toBeLessThanOrEqual(refreshRetryMaxMs);
		expect(waits.at(-1)).toBeGreaterThan(20_000);
		await waitForSnapshot(setup.monitor, snapshot => snapshot.health.last?.ok === false, '/health failing', patient);
		// Back: the next /health check succeeds, and the refresh goes at once, not at its backoff's time.
		emulator.control.setHealth(true);
		emulator.control.setFaults({authUnavailableForSeconds: 0});
		const retryAt = setup.source.getSnapshot().refresh!.nextRefreshAt!;
		const refreshed = tokenEvent(setup.source, 'refreshed', patient);
		await clock.advance(10_000);
		const event = await refreshed;
		expect(event.at).toBeLessThan(retryAt);
		expect(setup.monitor.getSnapshot().health.last).toMatchObject({ok: true});
		expect(emulator.control.state().devices[0]).toMatchObject({refreshes: 1, refreshesRefused: {}});
	});

	it('networkRecovered() leaves alone a refresh that failed for another reason, or none', async () => {
		const fixture = await startTestEmulator({tokenTtlSeconds: 120});
		const path = await credentialsPath();
		await pairedCredentials(fixture, path);
		const setup = ownedMonitor(fixture, new CredentialsFile(path));
		await setup.monitor.start();
		setup.source.networkRecovered();
		expect(setup.source.getSnapshot().refresh).toMatchObject({phase: 'scheduled', refreshes: 0});
		fixture.emulator.control.revokeRefreshTokens();
		const dead = tokenEvent(setup.source, 'pairing-needed', patient);
		await fixture.clock.advance(setup.source.getSnapshot().refresh!.nextRefreshAt! - fixture.clock.now());
		await dead;
		setup.source.networkRecovered();
		expect(setup.source.getSnapshot().refresh).toMatchObject({phase: 'pairing-needed'});
		expect(fixture.emulator.control.state().devices[0]!.refreshesRefused).toEqual({invalid_grant: 1});
	});
});
