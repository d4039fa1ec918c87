import {afterEach, describe, expect, it} from 'vitest';
import {identityWindowMs} from '../../../source/emulator/frameio-server-rules.js';
import {
	defaultDemoLoopSeconds, demoTimeline, demoTokenActions, startDemoScenario, type DemoAction, type DemoScenario, type DemoStep,
} from '../../../source/emulator/demo/demo-scenario.js';
import {cleanup, getJson, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {type ConnectOutcome, TestSocket} from '../../helpers/ws-client.js';
import {identityStatus, pair, refresh, refreshed, requestCode} from '../auth/auth-client.js';

let scenario: DemoScenario | undefined;

afterEach(async () => {
	scenario?.stop();
	scenario = undefined;
	await cleanup();
});

type Observed = {second: number; paused: boolean; healthy: boolean; connections: number};

describe('demo scenario', () => {
	it('exports its timeline as data, starting at 0 and within one loop', () => {
		expect(demoTimeline[0]).toMatchObject({atSeconds: 0, action: 'reset'});
		expect(demoTimeline.map(step => step.action)).toEqual(['reset', 'pause', 'resume', 'health-off', 'health-on', 'drop', 'token-expired', 'auth-back']);
		expect([...demoTokenActions]).toEqual(['token-expired', 'auth-back']);
		for (const step of demoTimeline) {
			expect(step.atSeconds).toBeLessThan(defaultDemoLoopSeconds);
			expect(step.label.length).toBeGreaterThan(0);
		}

		// The token stays expired, and auth down, for longer than an identity confirms Paused (the 60 s window
		// and 15 s to spare), so Paused goes unconfirmed; auth is back over a minute before the next loop's pause.
		const expired = demoTimeline.find(step => step.action === 'token-expired')!;
		const back = demoTimeline.find(step => step.action === 'auth-back')!;
		const pause = demoTimeline.find(step => step.action === 'pause')!;
		expect((back.atSeconds - expired.atSeconds) * 1000).toBeGreaterThan(identityWindowMs + 15_000);
		expect((defaultDemoLoopSeconds + pause.atSeconds - back.atSeconds) * 1000).toBeGreaterThan(identityWindowMs);
	});

	it('shows every other state within one loop, without the token steps by default, then loops from a healthy unpaused state', async () => {
		const {emulator, clock, joinedSocket, socketUrl} = await startTestEmulator({idleTimeoutSeconds: 3600});
		const socket = await joinedSocket();
		const steps: DemoStep[] = [];
		scenario = startDemoScenario(emulator.control, {clock, onStep: step => steps.push(step)});
		const observed: Observed[] = [];
		const observe = (second: number) => {
			const state = emulator.control.state();
			observed.push({second, paused: state.devices[0]!.paused, healthy: state.health.ok, connections: state.connections.length});
		};

		let connectedAt120: ConnectOutcome | undefined;
		for (let second = 0; second < defaultDemoLoopSeconds; second++) {
			if (second > 0) {
				await clock.advance(1000);
			}

			observe(second);
			if (second === 120) {
				connectedAt120 = await TestSocket.connect(socketUrl());
				// The auth endpoints stay up.
				await requestCode(emulator.url);
			}

			expect(emulator.control.state().faults.authUnavailableUntil).toBeNull();
		}

		expect(observed.some(entry => entry.paused)).toBe(true);
		expect(observed.some(entry => !entry.healthy)).toBe(true);
		expect(observed.find(entry => entry.second === 19)).toMatchObject({paused: false, healthy: true});
		expect(observed.find(entry => entry.second === 20)).toMatchObject({paused: true});
		expect(observed.find(entry => entry.second === 40)).toMatchObject({paused: false});
		expect(observed.find(entry => entry.second === 55)).toMatchObject({healthy: false});
		expect(observed.find(entry => entry.second === 75)).toMatchObject({healthy: true});
		expect(steps.map(step => step.action)).toEqual(['reset', 'pause', 'resume', 'health-off', 'health-on', 'drop']);
		// Without the token steps the device's token never expires.
		expect(connectedAt120?.kind).toBe('open');

		// The socket saw the pause and resume events, and was then dropped.
		expect(await socket.nextJson()).toMatchObject({event: 'status_updated', payload: 'paused'});
		expect(await socket.nextJson()).toMatchObject({event: 'status_updated', payload: 'resumed'});
		expect(await socket.closed).toEqual({code: 1000, reason: 'dropped by emulator'});

		// Someone breaks things between loops; the loop start restores them.
		emulator.control.pause();
		emulator.control.setHealth(false);
		await clock.advance(1000);
		expect(steps).toHaveLength(7);
		expect(steps[6]!.action).toBe('reset');
		expect(emulator.control.state().devices[0]!.paused).toBe(false);
		expect((await getJson(`${emulator.url}/health`)).status).toBe(200);
		await clock.advance(20_000);
		expect(emulator.control.state().devices[0]!.paused).toBe(true);
	});

	it('with tokenSteps: the token expires and auth is down from 105 s until auth is back at 190 s', async () => {
		const fixture = await startTestEmulator({idleTimeoutSeconds: 3600});
		const {emulator, clock, socketUrl} = fixture;
		const tokens = await pair(fixture);
		const start = clock.now();
		const steps: DemoAction[] = [];
		scenario = startDemoScenario(emulator.control, {clock, tokenSteps: true, onStep: step => steps.push(step.action)});

		await clock.advance(104_000);
		const socket = await fixture.joinedSocket(tokens.access_token);
		expect(emulator.control.state().faults.authUnavailableUntil).toBeNull();

		await clock.advance(1000);
		expect(steps.at(-1)).toBe('token-expired');
		expect(await socket.closed).toEqual({code: 1000, reason: 'dropped by emulator'});
		expect(await TestSocket.connect(socketUrl(tokens.access_token))).toEqual({kind: 'rejected', status: 403});
		expect(await identityStatus(emulator.url, tokens.access_token)).toBe(401);
		expect(emulator.control.state().faults.authUnavailableUntil).toBe(start + 190_000);
		expect((await refresh(emulator.url, tokens.refresh_token)).status).toBe(503);

		await clock.advance(84_999);
		expect((await refresh(emulator.url, tokens.refresh_token)).status).toBe(503);
		await clock.advance(1);
		expect(steps).toEqual(['reset', 'pause', 'resume', 'health-off', 'health-on', 'drop', 'token-expired', 'auth-back']);
		expect(emulator.control.state().faults.authUnavailableUntil).toBeNull();
		// The refresh token was not spent by the refused retries: the next one gets a working token.
		const renewed = await refreshed(emulator.url, tokens.refresh_token);
		expect((await TestSocket.connect(socketUrl(renewed.access_token))).kind).toBe('open');
		expect(emulator.control.state().devices[0]).toMatchObject({refreshes: 1, refreshesRefused: {}});
	});

	it('with tokenSteps and a loop shorter than the outage, each loop starts with auth up', async () => {
		const fixture = await startTestEmulator();
		const {emulator, clock} = fixture;
		const tokens = await pair(fixture);
		const steps: DemoAction[] = [];
		scenario = startDemoScenario(emulator.control, {clock, loopSeconds: 120, tokenSteps: true, onStep: step => steps.push(step.action)});
		await clock.advance(119_000);
		expect((await refresh(emulator.url, tokens.refresh_token)).status).toBe(503);
		await clock.advance(1000);
		expect(steps).toEqual(['reset', 'pause', 'resume', 'health-off', 'health-on', 'drop', 'token-expired', 'reset']);
		expect(emulator.control.state().faults.authUnavailableUntil).toBeNull();
		expect((await refresh(emulator.url, tokens.refresh_token)).status).toBe(200);
	});

	it('honours loopSeconds and stops cleanly', async () => {
		const {emulator, clock} = await startTestEmulator();
		const steps: string[] = [];
		const pendingBefore = clock.pending;
		scenario = startDemoScenario(emulator.control, {clock, loopSeconds: 30, onStep: step => steps.push(step.action)});
		await clock.advance(30_000);
		expect(steps).toEqual(['reset', 'pause', 'reset']);
		expect(emulator.control.state().devices[0]!.paused).toBe(false);
		scenario.stop();
		expect(clock.pending).toBe(pendingBefore);
		await clock.advance(120_000);
		expect(steps).toHaveLength(3);
	});
});
