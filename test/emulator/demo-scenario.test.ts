import {afterEach, describe, expect, it} from 'vitest';
import {identityMinIntervalMs} from '../../source/core/frameio-rules.js';
import {defaultDemoLoopSeconds, demoTimeline, startDemoScenario, type DemoScenario, type DemoStep} from '../../source/emulator/demo-scenario.js';
import {cleanup, getJson, startTestEmulator} from '../helpers/emulator-fixture.js';
import {type ConnectOutcome, TestSocket} from '../helpers/ws-client.js';

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
		expect(demoTimeline.map(step => step.action)).toEqual(['reset', 'pause', 'resume', 'health-off', 'health-on', 'drop', 'token-expired', 'token-renewed']);
		for (const step of demoTimeline) {
			expect(step.atSeconds).toBeLessThan(defaultDemoLoopSeconds);
			expect(step.label.length).toBeGreaterThan(0);
		}

		// The token stays expired for longer than the identity window, so the identity goes stale.
		const expired = demoTimeline.find(step => step.action === 'token-expired')!;
		const renewed = demoTimeline.find(step => step.action === 'token-renewed')!;
		expect((renewed.atSeconds - expired.atSeconds) * 1000).toBeGreaterThan(identityMinIntervalMs);
	});

	it('shows every state within one loop, then loops from a healthy unpaused state', async () => {
		const {emulator, clock, joinedSocket, socketUrl} = await startTestEmulator({idleTimeoutSeconds: 3600});
		const socket = await joinedSocket();
		const steps: DemoStep[] = [];
		const issued: string[] = [];
		scenario = startDemoScenario(emulator.control, {clock, onStep: step => steps.push(step), onTokenIssued: token => issued.push(token)});
		const observed: Observed[] = [];
		const observe = (second: number) => {
			const state = emulator.control.state();
			observed.push({second, paused: state.devices[0]!.paused, healthy: state.health.ok, connections: state.connections.length});
		};

		let refusedWhileExpired: ConnectOutcome | undefined;
		for (let second = 0; second < defaultDemoLoopSeconds; second++) {
			if (second > 0) {
				await clock.advance(1000);
			}

			observe(second);
			if (second === 120) {
				refusedWhileExpired = await TestSocket.connect(socketUrl());
			}
		}

		expect(observed.some(entry => entry.paused)).toBe(true);
		expect(observed.some(entry => !entry.healthy)).toBe(true);
		expect(observed.find(entry => entry.second === 19)).toMatchObject({paused: false, healthy: true});
		expect(observed.find(entry => entry.second === 20)).toMatchObject({paused: true});
		expect(observed.find(entry => entry.second === 40)).toMatchObject({paused: false});
		expect(observed.find(entry => entry.second === 55)).toMatchObject({healthy: false});
		expect(observed.find(entry => entry.second === 75)).toMatchObject({healthy: true});
		expect(steps.map(step => step.action)).toEqual(['reset', 'pause', 'resume', 'health-off', 'health-on', 'drop', 'token-expired', 'token-renewed']);
		// While expired, the device's token is refused; the renewed one is handed out and works.
		expect(refusedWhileExpired).toEqual({kind: 'rejected', status: 403});
		expect(issued).toHaveLength(1);
		expect((await TestSocket.connect(socketUrl(issued[0]))).kind).toBe('open');

		// The socket saw the pause and resume events, and was then dropped.
		expect(await socket.nextJson()).toMatchObject({event: 'status_updated', payload: 'paused'});
		expect(await socket.nextJson()).toMatchObject({event: 'status_updated', payload: 'resumed'});
		expect(await socket.closed).toEqual({code: 1000, reason: 'dropped by emulator'});

		// Someone breaks things between loops; the loop start restores them.
		emulator.control.pause();
		emulator.control.setHealth(false);
		await clock.advance(1000);
		expect(steps).toHaveLength(9);
		expect(steps[8]!.action).toBe('reset');
		expect(emulator.control.state().devices[0]!.paused).toBe(false);
		expect((await getJson(`${emulator.url}/health`)).status).toBe(200);
		await clock.advance(20_000);
		expect(emulator.control.state().devices[0]!.paused).toBe(true);
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
