import {access} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startJournals} from '../../../../source/cli/commands/monitor/start-journal.js';
import {buildHistory} from '../../../../source/core/history/history-model.js';
import {localClock} from '../../../../source/core/history/local-clock.js';
import {readJournal} from '../../../../source/core/history/journal-reader.js';
import {createApiClient} from '../../../../source/core/http/api-client.js';
import {Monitor} from '../../../../source/core/monitor.js';
import {readCredentials} from '../../../../source/core/token/credentials-file.js';
import {MemoryCredentials} from '../../../../source/core/token/credentials-store.js';
import {OwnedCredentials} from '../../../../source/core/token/owned-credentials.js';
import {defaultDemoLoopSeconds, startDemoScenario, type DemoScenario} from '../../../../source/emulator/demo/demo-scenario.js';
import {timelineLines} from '../../../../source/ui/monitor/timeline/timeline-lines.js';
import {ManualClock} from '../../../../support/manual-clock.js';
import {waitForSnapshot} from '../../../../support/wait-for.js';
import {startTestEmulator} from '../../../helpers/emulator-fixture.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {pairedCredentials} from '../../../helpers/paired-credentials.js';

let scenario: DemoScenario | undefined;
const monitors: Monitor[] = [];

afterEach(async () => {
	scenario?.stop();
	scenario = undefined;
	await Promise.all(monitors.splice(0).map(async monitor => monitor.stop()));
	await cleanup();
});

describe('the demo\'s journal', () => {
	it('lives in a temporary folder of its own, and after one loop its timeline has the exact pause, the health outage, the socket drop and the token trouble', async () => {
		// The demo, on the manual clock: its emulator (45-second tokens), its owned credentials in memory, its timeline with the token steps.
		const clock = new ManualClock(Date.parse('2026-11-27T14:00:00.000Z'));
		const fixture = await startTestEmulator({clock, tokenTtlSeconds: 45, idleTimeoutSeconds: 3600});
		const {emulator} = fixture;
		const apiUrl = new URL(emulator.url);
		const store = new MemoryCredentials(await readCredentials(await pairedFile(fixture)));
		const tokenSource = new OwnedCredentials({store, clock, client: createApiClient({apiUrl, clientVersion: '2.0.0'}).open});
		const monitor = new Monitor({apiUrl, token: {kind: 'credentials', path: store.label}, clientVersion: '2.0.0', healthIntervalMs: 10_000}, {clock, coalesceMs: 0, tokenSource});
		monitors.push(monitor);
		const journals = await startJournals([{name: 'default', monitor}], {days: 30, mode: 'tui', fleet: false, demo: true, announce() {}, clock});
		const {directory} = journals.devices.get('default')!;
		expect(directory.startsWith(tmpdir())).toBe(true);
		expect(directory).toMatch(/c2c-status-demo-/);

		await monitor.start();
		await waitForSnapshot(monitor, snapshot => snapshot.socket.state === 'joined', 'joined');
		const start = clock.now();
		scenario = startDemoScenario(emulator.control, {clock, tokenSteps: true});
		for (let second = 0; second < defaultDemoLoopSeconds; second++) {
			await clock.advance(1000);
		}

		await clock.advance(10_000);
		const read = await readJournal(directory, {from: start - 60_000, to: clock.now()});
		const history = buildHistory(read.lines, {now: clock.now(), skippedLines: read.skippedLines});
		const time = localClock(clock.now());
		const lines = timelineLines(history, {summary: {from: start, to: clock.now(), label: 'demo'}, clock: time, legend: ''}).map(line => line.text);
		const at = (seconds: number) => time.at(start + (seconds * 1000));

		// The pause, marked by the events at 20 s and 40 s: exact.
		expect(history.pauses).toEqual([expect.objectContaining({precision: 'exact', from: start + 20_000, to: start + 40_000})]);
		expect(lines).toContain(`paused ${at(20)} → ${at(40)} (20s)`);
		// /health down from 55 s to 75 s, seen by the checks every 10 s.
		const health = history.outages.find(outage => outage.kind === 'not-connected');
		expect(health!.from - start).toBeGreaterThanOrEqual(55_000);
		expect(health!.from - start).toBeLessThanOrEqual(65_000);
		expect(lines.some(line => line.startsWith(`not connected ${time.at(health!.from)} → `))).toBe(true);
		// The drop at 90 s, joined again at once.
		expect(lines.some(line => line.startsWith(`socket dropped ${at(90)}, joined again in `))).toBe(true);
		// The token trouble from 105 s: the socket refused with the expired token, refreshes failing until auth is back.
		expect(lines.some(line => line.startsWith('token rejected '))).toBe(true);
		expect(lines.some(line => line.startsWith('token refresh failed '))).toBe(true);
		expect(history.refreshes.length).toBeGreaterThan(0);

		await monitor.stop();
		await journals.close();
		await expect(access(directory)).rejects.toThrow(/ENOENT/);
	});
});

async function pairedFile(fixture: Parameters<typeof pairedCredentials>[0]): Promise<string> {
	const path = join(await temporaryDirectory(), 'credentials.json');
	await pairedCredentials(fixture, path);
	return path;
}
