import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createApiClient} from '../../../source/core/http/api-client.js';
import {Monitor} from '../../../source/core/monitor.js';
import {MemoryCredentials} from '../../../source/core/token/credentials-store.js';
import {OwnedCredentials} from '../../../source/core/token/owned-credentials.js';
import {defaultDemoLoopSeconds, startDemoScenario, type DemoScenario} from '../../../source/emulator/demo/demo-scenario.js';
import {writeNdjson} from '../../../source/output/ndjson/ndjson-writer.js';
import {startTestEmulator, waitUntil} from '../../helpers/emulator-fixture.js';
import {cleanup, temporaryDirectory} from '../../helpers/monitor-fixture.js';
import {pairedCredentials} from '../../helpers/paired-credentials.js';

let scenario: DemoScenario | undefined;
const monitors: Monitor[] = [];

afterEach(async () => {
	scenario?.stop();
	scenario = undefined;
	await Promise.all(monitors.splice(0).map(async monitor => monitor.stop()));
	await cleanup();
});

type StatusLine = {at: number; paused: boolean | null; pausedConfirmed: boolean; connected: boolean | null; pausedUnconfirmed?: string[]};

/** Waits, in real time, until nothing the monitor started is still on the wire (the clock stands still meanwhile). */
async function quiet(monitor: Monitor): Promise<void> {
	await waitUntil(() => {
		const {identity, health, token, socket} = monitor.getSnapshot();
		return identity.phase !== 'fetching' && health.phase !== 'checking' && token.refresh?.phase !== 'refreshing'
			&& socket.state !== 'connecting' && socket.join.phase !== 'joining';
	}, 'the monitor quiet', 10_000);
}

describe('the demo, watched by the monitor as `c2c-status --demo` runs it', () => {
	it('shows every state in each of three loops: the pause confirmed, Connected: no, Paused unconfirmed in the auth outage, and the recovery', async () => {
		const fixture = await startTestEmulator({tokenTtlSeconds: 45});
		const {emulator, clock} = fixture;
		const credentials = await pairedCredentials(fixture, join(await temporaryDirectory(), 'credentials.json'));
		const apiUrl = new URL(emulator.url);
		const tokenSource = new OwnedCredentials({store: new MemoryCredentials(credentials), clock, client: createApiClient({apiUrl, clientVersion: '2.0.0'}).open});
		const monitor = new Monitor({apiUrl, token: {kind: 'credentials', path: 'demo'}, clientVersion: '2.0.0', healthIntervalMs: 10_000}, {clock, coalesceMs: 0, tokenSource});
		monitors.push(monitor);
		const statuses: StatusLine[] = [];
		writeNdjson(monitor, {
			writable: true,
			write(text: string) {
				const line = JSON.parse(text) as Record<string, unknown>;
				if (line.type === 'status') {
					statuses.push({...line, at: Date.parse(String(line.time))} as unknown as StatusLine);
				}
			},
		});
		const start = clock.now();
		scenario = startDemoScenario(emulator.control, {clock, tokenSteps: true});
		await monitor.start();
		for (let second = 0; second < 3 * defaultDemoLoopSeconds; second++) {
			await quiet(monitor);
			await clock.advance(1000);
		}

		const loopMs = defaultDemoLoopSeconds * 1000;
		for (let loop = 0; loop < 3; loop++) {
			const at = (seconds: number) => start + (loop * loopMs) + (seconds * 1000);
			const within = (from: number, to: number) => statuses.filter(line => line.at >= at(from) && line.at <= at(to));
			const where = `loop ${loop + 1}`;
			// The pause and the resume, each seen at once on the joined channel, confirmed.
			expect(within(20, 21).some(line => line.paused === true && line.pausedConfirmed), `${where}: the pause`).toBe(true);
			expect(within(40, 41).some(line => line.paused === false && line.pausedConfirmed), `${where}: the resume`).toBe(true);
			// Frame.io unreachable, then reachable again.
			expect(within(55, 66).some(line => line.connected === false), `${where}: Connected: no`).toBe(true);
			expect(within(75, 86).some(line => line.connected === true), `${where}: Connected: yes again`).toBe(true);
			// The auth outage: the socket refused and no identity to be had, so Paused is said to be unconfirmed.
			const unconfirmed = within(105, 190).find(line => !line.pausedConfirmed);
			expect(unconfirmed, `${where}: Paused unconfirmed in the outage`).toBeDefined();
			expect(unconfirmed!.pausedUnconfirmed).toContain('socket refused');
			// Recovered within 35 s of auth coming back (a refresh retry at most 30 s after the last, the socket at once), before the next pause.
			expect(within(190, 225).some(line => line.pausedConfirmed && line.paused === false), `${where}: confirmed again`).toBe(true);
		}

		// Never a "not paused" confirmed while the emulator said paused: every confirmed line agrees with the timeline.
		for (const line of statuses.filter(status => status.pausedConfirmed && status.paused !== null)) {
			const second = ((line.at - start) % loopMs) / 1000;
			expect(line.paused, `confirmed at ${(line.at - start) / 1000} s`).toBe(second >= 20 && second < 40);
		}
	}, 120_000);
});
