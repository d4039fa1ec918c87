import {afterEach, describe, expect, it} from 'vitest';
import {demoTimeline, startDemoScenario, type DemoScenario, type DemoStep} from '../../source/emulator/demo-scenario.js';
import {cleanup, getJson, useEmulator} from '../helpers/emulator-fixture.js';

let scenario: DemoScenario | undefined;

afterEach(async () => {
	scenario?.stop();
	scenario = undefined;
	await cleanup();
});

type Observed = {second: number; paused: boolean; healthy: boolean; connections: number};

describe('demo scenario', () => {
	it('exports its timeline as data, starting at 0 and within two minutes', () => {
		expect(demoTimeline[0]).toMatchObject({atSeconds: 0, action: 'reset'});
		expect(demoTimeline.map(step => step.action)).toEqual(['reset', 'pause', 'resume', 'health-off', 'health-on', 'drop']);
		for (const step of demoTimeline) {
			expect(step.atSeconds).toBeLessThan(120);
			expect(step.label.length).toBeGreaterThan(0);
		}
	});

	it('shows every state within 120 s, then loops from a healthy unpaused state', async () => {
		const {emulator, clock, joinedSocket} = await useEmulator({idleTimeoutSeconds: 3600});
		const socket = await joinedSocket();
		const steps: DemoStep[] = [];
		scenario = startDemoScenario(emulator.control, {clock, onStep: step => steps.push(step)});
		const observed: Observed[] = [];
		const observe = (second: number) => {
			const state = emulator.control.state();
			observed.push({second, paused: state.devices[0]!.paused, healthy: state.health.ok, connections: state.connections.length});
		};

		for (let second = 0; second < 120; second++) {
			if (second > 0) {
				// eslint-disable-next-line no-await-in-loop
				await clock.advance(1000);
			}

			observe(second);
		}

		expect(observed.some(entry => entry.paused)).toBe(true);
		expect(observed.some(entry => !entry.healthy)).toBe(true);
		expect(observed.find(entry => entry.second === 19)).toMatchObject({paused: false, healthy: true});
		expect(observed.find(entry => entry.second === 20)).toMatchObject({paused: true});
		expect(observed.find(entry => entry.second === 40)).toMatchObject({paused: false});
		expect(observed.find(entry => entry.second === 55)).toMatchObject({healthy: false});
		expect(observed.find(entry => entry.second === 75)).toMatchObject({healthy: true});
		expect(steps.map(step => step.action)).toEqual(['reset', 'pause', 'resume', 'health-off', 'health-on', 'drop']);

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

	it('honours loopSeconds and stops cleanly', async () => {
		const {emulator, clock} = await useEmulator();
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
