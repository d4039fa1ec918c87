import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {Monitor, type MonitorSnapshot} from '../../../../source/core/monitor.js';
import {parseMonitorFlags} from '../../../../source/cli/commands/monitor/monitor-flags.js';
import {startJournals} from '../../../../source/cli/commands/monitor/start-journal.js';
import {parseReportFlags} from '../../../../source/cli/commands/report/report-flags.js';
import {runReport} from '../../../../source/cli/commands/report/run-report.js';
import type {ReportJson} from '../../../../source/output/report/report-json.js';
import {startTestEmulator} from '../../../helpers/emulator-fixture.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {ManualClock} from '../../../../support/manual-clock.js';
import {waitForSnapshot} from '../../../../support/wait-for.js';

afterEach(cleanup);

const healthIntervalMs = 10_000;

/** Moves the manual clock a second at a time until the monitor's snapshot says so (real sockets answer between steps). */
async function advanceUntil(clock: ManualClock, monitor: Monitor, predicate: (snapshot: MonitorSnapshot) => boolean, what: string): Promise<number> {
	const limitMs = 120_000;
	for (let waited = 0; !predicate(monitor.getSnapshot()); waited += 1000) {
		if (waited > limitMs) {
			throw new Error(`${what} did not happen within ${limitMs} ms of the manual clock`);
		}

		await clock.advance(1000);
	}

	return clock.now();
}

async function report(flags: Record<string, string | boolean>, env: NodeJS.ProcessEnv, now: number): Promise<string> {
	const out = new PassThrough();
	let text = '';
	out.on('data', (chunk: Uint8Array) => {
		text += String(chunk);
	});
	expect(await runReport(parseReportFlags(flags, env, now), out, out)).toBe(0);
	return text;
}

/** The local time of day, as the report's text gives it. */
const timeOfDay = (at: number) => new Date(at).toTimeString().slice(0, 8);

describe('report --json after a scripted session against the emulator', () => {
	it('gives the pause, the /health outage, the socket drop and the gap between two runs as long as the emulator made them', async () => {
		const clock = new ManualClock(Date.parse('2026-11-27T09:00:00.000Z'));
		const {emulator} = await startTestEmulator({clock});
		const directory = await temporaryDirectory();
		const env = {XDG_STATE_HOME: join(directory, 'state')};
		const tokenFile = join(directory, 'token');
		await writeFile(tokenFile, 'demo\n');
		const flags = {apiUrl: emulator.url, tokenFile};
		const {config} = parseMonitorFlags({...flags, healthInterval: String(healthIntervalMs / 1000)}, env);
		const run = async (script: (monitor: Monitor) => Promise<void>) => {
			const monitor = new Monitor(config!, {clock, coalesceMs: 0});
			const journals = await startJournals([{name: 'default', monitor}], {days: 30, mode: 'json', fleet: false, announce() {}, env, clock});
			await monitor.start();
			await waitForSnapshot(monitor, snapshot => snapshot.socket.state === 'joined', 'a joined socket');
			await script(monitor);
			await monitor.stop();
			await journals.close();
		};

		const started = clock.now();
		const did = {pausedAt: 0, resumedAt: 0, healthDownAt: 0, healthUpAt: 0, droppedAt: 0, acceptedAt: 0, stoppedAt: 0, restartedAt: 0};
		await run(async monitor => {
			await clock.advance(20_000);
			did.pausedAt = clock.now();
			emulator.control.pause();
			await waitForSnapshot(monitor, snapshot => snapshot.status.paused.value === true, 'paused');
			await clock.advance(10_000);
			did.resumedAt = clock.now();
			emulator.control.resume();
			await waitForSnapshot(monitor, snapshot => snapshot.status.paused.value === false, 'resumed');

			await clock.advance(10_000);
			did.healthDownAt = clock.now();
			emulator.control.setHealth(false);
			await advanceUntil(clock, monitor, snapshot => snapshot.status.connected.value === false, 'not connected');
			await clock.advance(30_000 - (clock.now() - did.healthDownAt));
			did.healthUpAt = clock.now();
			emulator.control.setHealth(true);
			await advanceUntil(clock, monitor, snapshot => snapshot.status.connected.value === true, 'connected again');

			await clock.advance(10_000);
			emulator.control.setFaults({refuseConnectionsForSeconds: 20});
			did.droppedAt = clock.now();
			emulator.control.drop({hard: true});
			await advanceUntil(clock, monitor, snapshot => snapshot.socket.state === 'joined' && snapshot.socket.connections > 1, 'joined again');
			did.acceptedAt = Math.max(...emulator.control.state().connections.map(connection => connection.connectedAt));
			await clock.advance(10_000);
		});
		did.stoppedAt = clock.now();
		await clock.advance(5000);
		did.restartedAt = clock.now();
		await run(async () => {
			await clock.advance(30_000);
		});
		const ended = clock.now();

		const range = {...flags, from: new Date(started).toISOString(), to: new Date(ended).toISOString()};
		const result = JSON.parse(await report({...range, json: true}, env, ended)) as ReportJson;
		expect(result.devices).toHaveLength(1);
		const [device] = result.devices;
		expect(device).toMatchObject({device: 'c2c-status emulator', journal: true, skippedLines: 0, refreshes: 0, refreshFailures: 0});

		// The pause: exact at both ends, the moments the emulator paused and resumed (its events arrive at once on loopback).
		expect(device!.pauses).toEqual([expect.objectContaining({
			from: new Date(did.pausedAt).toISOString(), fromLatest: new Date(did.pausedAt).toISOString(),
			to: new Date(did.resumedAt).toISOString(), toLatest: new Date(did.resumedAt).toISOString(), precision: 'exact',
		})]);
		expect(device!.pausedMs).toBe(10_000);

		const outages = (kind: string) => device!.outages.filter(outage => outage.kind === kind);
		// /health down for 30 s: seen by checks every 10 s, so each end is late by less than one interval.
		const [notConnected] = outages('not-connected');
		expect(outages('not-connected')).toHaveLength(1);
		expect(Date.parse(notConnected!.from) - did.healthDownAt).toBeGreaterThanOrEqual(0);
		expect(Date.parse(notConnected!.from) - did.healthDownAt).toBeLessThanOrEqual(healthIntervalMs);
		expect(Math.abs(notConnected!.ms - (did.healthUpAt - did.healthDownAt))).toBeLessThanOrEqual(healthIntervalMs);
		expect(device!.notConnectedMs).toBe(notConnected!.ms);

		// The socket: from the cut to the upgrade the emulator accepted again.
		const [socketDown] = outages('socket-down');
		expect(outages('socket-down')).toHaveLength(1);
		expect(Math.abs(Date.parse(socketDown!.from) - did.droppedAt)).toBeLessThanOrEqual(1000);
		expect(Math.abs(socketDown!.ms - (did.acceptedAt - did.droppedAt))).toBeLessThanOrEqual(1000);

		// Nobody watched between the two runs: 5 s, exactly.
		expect(outages('not-monitored')).toEqual([expect.objectContaining({from: new Date(did.stoppedAt).toISOString(), to: new Date(did.restartedAt).toISOString(), ms: 5000})]);
		expect(device!.monitoredMs).toBe(ended - started - 5000);
		expect(device!.connectedMs + device!.notConnectedMs).toBe(device!.monitoredMs);
		expect(outages('token-rejected')).toEqual([]);

		const text = await report(range, env, ended);
		expect(text).toContain(`c2c-status emulator\n  Paused 1×\n    paused ${timeOfDay(did.pausedAt)} → ${timeOfDay(did.resumedAt)} (10s)\n`);
		expect(text).toContain(`  Not connected 1× · 30s in all\n    ${timeOfDay(Date.parse(notConnected!.from))} → `);
		expect(text).toContain('  Socket down or refused 1× · ');
		expect(text).toContain(`  Not monitored 5s\n    ${timeOfDay(did.stoppedAt)} → ${timeOfDay(did.restartedAt)} (5s)\n`);
	});
});
