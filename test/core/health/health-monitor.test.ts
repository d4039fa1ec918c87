import {afterEach, describe, expect, it} from 'vitest';
import {HealthMonitor, healthHistoryLength, type HealthCheck} from '../../../source/core/health/health-monitor.js';
import {cleanup, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {closedPort, closeHttpServers, startHttpServer} from '../../helpers/http-server.js';
import {ManualClock} from '../../../support/manual-clock.js';
import {waitForEvent} from '../../../support/wait-for.js';
import {failureOf} from '../../helpers/frames.js';
import {createApiClient} from '../../../source/core/http/api-client.js';

const monitors: HealthMonitor[] = [];

afterEach(async () => {
	for (const monitor of monitors.splice(0)) {
		monitor.stop();
	}

	await closeHttpServers();
	await cleanup();
});

function health(clock: ManualClock, url: string, intervalMs = 10_000) {
	const monitor = new HealthMonitor({clock, client: createApiClient({apiUrl: new URL(url), clientVersion: '2.0.0'}).open, intervalMs});
	monitors.push(monitor);
	return monitor;
}

const nextCheck = async (monitor: HealthMonitor) => waitForEvent<HealthCheck>(monitor.checks, () => true, 'a health check');

describe('HealthMonitor', () => {
	it.each(['ok', 'status'] as const)('accepts the %s body shape and checks every interval', async healthShape => {
		const {emulator, clock} = await startTestEmulator({healthShape});
		const monitor = health(clock, emulator.url);
		const first = nextCheck(monitor);
		monitor.start();
		expect(await first).toMatchObject({ok: true, at: clock.now()});
		const startedAt = clock.now();
		await clock.advance(9999);
		expect(monitor.getSnapshot().history).toHaveLength(1);
		const second = nextCheck(monitor);
		await clock.advance(1);
		expect(await second).toMatchObject({ok: true, at: startedAt + 10_000});
		expect(monitor.getSnapshot()).toMatchObject({phase: 'ok', lastSuccessAt: startedAt + 10_000, consecutiveFailures: 0, nextCheckAt: startedAt + 20_000});
	});

	it('reports an outage as HTTP 503 with the body\'s words, then the recovery', async () => {
		const {emulator, clock} = await startTestEmulator();
		emulator.control.setHealth(false);
		const monitor = health(clock, emulator.url);
		const first = nextCheck(monitor);
		monitor.start();
		const down = await first;
		expect(down.ok).toBe(false);
		expect(failureOf(down)).toMatchObject({kind: 'http', status: 503});
		expect(failureOf(down)?.message).toMatch(/^HTTP 503: Service Unavailable/);
		emulator.control.setHealth(true);
		const up = nextCheck(monitor);
		await clock.advance(10_000);
		expect((await up).ok).toBe(true);
		expect(monitor.getSnapshot()).toMatchObject({phase: 'ok', lastFailure: {ok: false}, consecutiveFailures: 0});
	});

	it('names a refused connection', async () => {
		const clock = new ManualClock();
		const monitor = health(clock, `http://127.0.0.1:${await closedPort()}`);
		const first = nextCheck(monitor);
		monitor.start();
		expect(failureOf(await first)).toMatchObject({kind: 'refused', message: 'connection refused (ECONNREFUSED)'});
	});

	it('gives up after 5 s and calls it a timeout', async () => {
		const {emulator, clock} = await startTestEmulator();
		emulator.control.setFaults({httpLatencyMs: 8000});
		const monitor = health(clock, emulator.url);
		const first = nextCheck(monitor);
		const startedAt = clock.now();
		monitor.start();
		await clock.advance(4999);
		// In flight: says so, and since when; no next check is due until it ends.
		expect(monitor.getSnapshot()).toMatchObject({phase: 'checking', checkingSince: startedAt, nextCheckAt: null});
		await clock.advance(1);
		expect(await first).toMatchObject({ok: false, latencyMs: 5000, failure: {kind: 'timeout', message: 'no answer within 5 s'}});
		expect(monitor.getSnapshot()).toMatchObject({phase: 'down', checkingSince: null, nextCheckAt: startedAt + 10_000});
	});

	it.each([
		['{"ok":false}', 'body is neither {"ok": true} nor {"status": "ok"}'],
		['{"status":"degraded"}', 'body is neither {"ok": true} nor {"status": "ok"}'],
		['<html>hello</html>', 'body is not JSON'],
		['', 'body is empty'],
	])('calls the body %j bad', async (body, message) => {
		const {url} = await startHttpServer((_request, response) => {
			response.end(body);
		});
		const clock = new ManualClock();
		const monitor = health(clock, url);
		const first = nextCheck(monitor);
		monitor.start();
		expect(failureOf(await first)).toEqual({kind: 'bad-body', status: 200, message});
	});

	it('keeps a bounded history', async () => {
		const {emulator, clock} = await startTestEmulator();
		const monitor = health(clock, emulator.url, 2000);
		const first = nextCheck(monitor);
		monitor.start();
		await first;
		for (let check = 1; check < healthHistoryLength + 10; check++) {
			const next = nextCheck(monitor);
			await clock.advance(2000);
			await next;
		}

		expect(monitor.getSnapshot().history).toHaveLength(healthHistoryLength);
	});

	it('releases its timer and request on stop', async () => {
		const {emulator} = await startTestEmulator();
		emulator.control.setFaults({httpLatencyMs: 3000});
		const clock = new ManualClock();
		const monitor = health(clock, emulator.url);
		monitor.start();
		expect(clock.pending).toBe(1);
		monitor.stop();
		expect(clock.pending).toBe(0);
		expect(monitor.getSnapshot().phase).toBe('stopped');
	});
});
