import {join} from 'node:path';
import process from 'node:process';
import {setImmediate as nextMacrotask} from 'node:timers/promises';
import {afterEach, describe, expect, it} from 'vitest';
import type {Monitor, MonitorSnapshot} from '../../../source/core/monitor.js';
import {IdentityStateFile} from '../../../source/core/state/identity-state-file.js';
import {CredentialsFile} from '../../../source/core/token/credentials-store.js';
import {DevicePairing} from '../../../source/core/token/device-pairing.js';
import type {PairingSnapshot} from '../../../source/core/token/pairing-types.js';
import type {AuditBreach, RuleVerdict} from '../../../source/emulator/audit/audit-report.js';
import {ruleIds} from '../../../source/emulator/audit/audit-rules.js';
import {exerciseSeconds, exerciseTokenTtlSeconds, startAuditExercise, type ExerciseStep} from '../../../source/emulator/exercise/audit-exercise.js';
import {ManualClock} from '../../../support/manual-clock.js';
import {waitForSnapshot} from '../../../support/wait-for.js';
import {startTestEmulator} from '../../helpers/emulator-fixture.js';
import {cleanup, temporaryDirectory, testMonitor} from '../../helpers/monitor-fixture.js';
import {testClient} from '../../helpers/paired-credentials.js';

const pairings: DevicePairing[] = [];
const exercises: Array<{stop(): void}> = [];

afterEach(async () => {
	for (const pairing of pairings.splice(0)) {
		pairing.stop();
	}

	for (const exercise of exercises.splice(0)) {
		exercise.stop();
	}

	await cleanup();
});

/** Something of the monitor's is under way over the network: a request, a refresh, a connection, a join. */
function busy(snapshot: MonitorSnapshot): boolean {
	return snapshot.token.refresh?.phase === 'refreshing' || snapshot.identity.phase === 'fetching' || snapshot.health.phase === 'checking'
		|| snapshot.socket.state === 'connecting' || snapshot.socket.join.phase === 'joining';
}

/** A file is being read or written (the credentials file, the state file and its claims). */
function diskBusy(): boolean {
	return process.getActiveResourcesInfo().some(resource => resource.startsWith('FSReq') || resource === 'CloseReq');
}

/**
Moves the clock in small steps, each only once the monitor has nothing under way on the network or on
disk: on a manual clock the loopback I/O and file writes (a refresh writes the credentials file before
it uses the new pair; the identity poller reads and claims the state file) must take no clock time, as
they take milliseconds on a real machine, instead of letting the clock run far ahead of them.
*/
async function runFor(clock: ManualClock, monitor: Monitor, ms: number, stepMs = 250): Promise<void> {
	const end = clock.now() + ms;
	while (clock.now() < end) {
		const deadline = Date.now() + 10_000;
		while (busy(monitor.getSnapshot()) || diskBusy()) {
			if (Date.now() > deadline) {
				throw new Error('the monitor never came to rest');
			}

			await nextMacrotask();
		}

		await clock.advance(Math.min(stepMs, end - clock.now()));
	}
}

describe('our own client under the referee', () => {
	it('gets a clean report through the whole exercise: paired as c2c-status pair does, then the Monitor with owned credentials', async () => {
		const breaches: AuditBreach[] = [];
		const lines: string[] = [];
		const clock = new ManualClock();
		const {emulator} = await startTestEmulator({
			clock, tokenTtlSeconds: exerciseTokenTtlSeconds, audit: {onBreach: breach => breaches.push(breach)},
			log: line => lines.push(`${new Date(clock.now()).toISOString()} ${line}`),
		});
		const steps: ExerciseStep[] = [];
		let ended = false;
		exercises.push(startAuditExercise(emulator.control, {
			clock,
			onStep(step) {
				steps.push(step);
			},
			onEnd() {
				ended = true;
			},
		}));

		// Pairing, as `c2c-status pair` walks it: the identity it fetches is left for the monitor.
		const directory = await temporaryDirectory();
		const credentialsPath = join(directory, 'credentials.json');
		const statePath = join(directory, 'device.json');
		const pairing = new DevicePairing({
			clock, apiUrl: new URL(emulator.url), clientVersion: '2.0.0', client: testClient, store: new CredentialsFile(credentialsPath),
			remember: async identity => new IdentityStateFile(statePath).save(identity),
		});
		pairings.push(pairing);
		pairing.start();
		const code = await waitForSnapshot(pairing, snapshot => snapshot.phase === 'waiting' && snapshot.nextPollAt !== null, 'a code') as Extract<PairingSnapshot, {phase: 'waiting'}>;
		await clock.advance(5000);
		await waitForSnapshot(pairing, snapshot => snapshot.phase === 'waiting' && snapshot.polls === 1 && snapshot.nextPollAt !== null, 'the first poll');
		emulator.control.approve({userCode: code.userCode});
		const paired = pairing.settled();
		await clock.advance(5000);
		expect(await paired).toMatchObject({phase: 'paired'});

		const monitor = testMonitor(clock, emulator.url, {kind: 'credentials', path: credentialsPath}, {config: {statePath}});
		await monitor.start();
		await waitForSnapshot(monitor, snapshot => snapshot.socket.state === 'joined', 'joined');
		await runFor(clock, monitor, (exerciseSeconds * 1000) + 1000);
		expect(ended).toBe(true);
		expect(steps.map(step => step.action)).toEqual(['start', 'pause', 'resume', 'close-1000', 'drop', 'close-4001', 'health-off', 'health-on', 'forbid', 'forbid-end', 'cut', 'cut-end', 'end']);

		const report = emulator.audit!.report();
		// One client: the pairing, the monitor's requests and its sockets are all the device's.
		expect(report.clients.map(client => client.deviceId)).toEqual([emulator.control.state().devices[0]!.id]);
		const verdicts = Object.fromEntries(report.clients[0]!.rules.map(rule => [rule.rule, rule])) as Record<string, RuleVerdict>;
		expect(breaches, lines.join('\n')).toEqual([]);
		for (const rule of ruleIds) {
			expect(verdicts[rule]?.verdict, `${rule}: ${verdicts[rule]?.evidence}`).toBe('kept');
		}

		// Each situation was met: the evidence counts them.
		expect(verdicts['rejoin-after-close']?.evidence).toMatch(/^reconnected and joined after each of 5 closes by the emulator/);
		expect(verdicts['refresh-single-use']?.evidence).toMatch(/^[2-9] refreshes, each with a refresh token not spent before$/);
		expect(verdicts['identity-after-token']?.evidence).toMatch(/^the identity was fetched after every new access token \([3-9] tokens from pairing or a refresh\)/);
		expect(verdicts['no-hammering']?.evidence).toMatch(/^shortest gap \d+\.\d s between a refused or cut upgrade and the next attempt \(\d+ retries\)$/);
		expect(verdicts.heartbeat?.evidence).toMatch(/^longest gap 15\.0 s between heartbeats on topic phoenix/);
		expect(verdicts['pairing-poll']?.evidence).toMatch(/^1 poll after the first on 1 device code/);
	}, 120_000);
});
