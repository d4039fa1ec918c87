import {afterEach, describe, expect, it} from 'vitest';
import {Fleet, FleetDeviceError, type FleetDeviceConfig} from '../../../source/core/fleet/fleet.js';
import {numberedDeviceSeeds} from '../../../source/emulator/device-registry.js';
import {cleanup, startTestEmulator} from '../../helpers/emulator-fixture.js';
import type {ManualClock} from '../../../support/manual-clock.js';
import {waitForSnapshot} from '../../../support/wait-for.js';

const fleets: Fleet[] = [];

afterEach(async () => {
	await Promise.all(fleets.splice(0).map(async fleet => fleet.stop()));
	await cleanup();
});

function fleetOf(clock: ManualClock, devices: readonly FleetDeviceConfig[]): Fleet {
	const fleet = new Fleet(devices, {clock, coalesceMs: 0});
	fleets.push(fleet);
	return fleet;
}

function device(name: string, url: string, token: string): FleetDeviceConfig {
	return {name, config: {apiUrl: new URL(url), token: {kind: 'env', variable: 'T', token}, clientVersion: '2.0.0', healthIntervalMs: 10_000}};
}

const allJoined = async (fleet: Fleet) => waitForSnapshot(
	fleet,
	snapshot => snapshot.devices.every(({snapshot: one}) => one.socket.state === 'joined' && one.status.connected.value === true),
	'every device joined and connected',
);

describe('a fleet of monitors', () => {
	it('checks /health once per interval for every device on one API, and Connected follows it on all of them', async () => {
		const seeds = numberedDeviceSeeds(5, 'fleet-core');
		const {emulator, clock} = await startTestEmulator({devices: seeds});
		const fleet = fleetOf(clock, seeds.map((seed, index) => device(`cam-${index + 1}`, emulator.url, seed.token)));
		await fleet.start();
		await allJoined(fleet);
		expect(emulator.control.state().health.checks).toBe(1);
		await clock.advance(10_000);
		await clock.advance(10_000);
		expect(emulator.control.state().health.checks).toBe(3);

		emulator.control.setHealth(false);
		await clock.advance(10_000);
		const down = await waitForSnapshot(fleet, snapshot => snapshot.devices.every(({snapshot: one}) => one.status.connected.value === false), 'every device not connected');
		expect(down.devices.map(({name}) => name)).toEqual(['cam-1', 'cam-2', 'cam-3', 'cam-4', 'cam-5']);
		expect(emulator.control.state().health.checks).toBe(4);
	});

	it('keeps one set of checks per API: two APIs, two checks per interval', async () => {
		const first = await startTestEmulator({token: 'api-one'});
		const second = await startTestEmulator({token: 'api-two', clock: first.clock});
		const fleet = fleetOf(first.clock, [device('a', first.emulator.url, 'api-one'), device('b', second.emulator.url, 'api-two'), device('c', `${first.emulator.url}/`, 'api-one-again')]);
		expect(fleet.devices).toHaveLength(3);
		await fleet.start();
		await waitForSnapshot(fleet, snapshot => snapshot.devices.every(({snapshot: one}) => one.status.connected.value === true), 'every device connected');
		expect([first.emulator.control.state().health.checks, second.emulator.control.state().health.checks]).toEqual([1, 1]);
	});

	it('pausing one device changes only its snapshot', async () => {
		const seeds = numberedDeviceSeeds(3, 'fleet-pause');
		const {emulator, clock} = await startTestEmulator({devices: seeds});
		const fleet = fleetOf(clock, seeds.map((seed, index) => device(`cam-${index + 1}`, emulator.url, seed.token)));
		await fleet.start();
		await allJoined(fleet);
		emulator.control.pause(seeds[1]!.id);
		const paused = await waitForSnapshot(fleet, snapshot => snapshot.devices[1]!.snapshot.status.paused.value === true, 'cam-2 paused');
		expect(paused.devices.map(({snapshot}) => snapshot.status.paused.value)).toEqual([false, true, false]);
	});

	it('names the device that cannot start, and stops the ones already started', async () => {
		const {emulator, clock} = await startTestEmulator({token: 'fleet-ok'});
		const fleet = fleetOf(clock, [
			device('good', emulator.url, 'fleet-ok'),
			{name: 'bad', config: {...device('bad', emulator.url, 'x').config, token: {kind: 'file', path: '/no/such/token'}}},
		]);
		let error: unknown;
		try {
			await fleet.start();
		} catch (error_) {
			error = error_;
		}

		expect(error).toBeInstanceOf(FleetDeviceError);
		expect((error as FleetDeviceError).device).toBe('bad');
		expect((error as Error).message).toMatch(/^device bad: /);
		expect(fleet.devices[0]!.monitor.getSnapshot().running).toBe(false);
	});
});
