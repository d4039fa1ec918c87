import {describe, expect, it} from 'vitest';
import type {FleetSnapshot} from '../../../source/core/fleet/fleet.js';
import type {MonitorSnapshot} from '../../../source/core/monitor.js';
import {fleetRow} from '../../../source/ui/fleet/fleet-row.js';
import {FleetTableStore, heldRtt, sameRow} from '../../../source/ui/fleet/fleet-table-model.js';
import {createTheme} from '../../../source/ui/shared/theme.js';
import {baseTime, pausedStatus} from '../../../support/fake-monitor.js';
import {closedSocket, deviceSnapshot} from './fleet-fixture.js';

const theme = createTheme({color: false, ascii: false});
const screenText = (text: string) => text;

/** A fleet stand-in: devices set by hand, every change told to its listeners at once. */
class TestFleet {
	readonly listeners = new Set<() => void>();
	#snapshot: FleetSnapshot;

	constructor(devices: ReadonlyArray<{readonly name: string; readonly snapshot: MonitorSnapshot}>) {
		this.#snapshot = {devices: [...devices]};
	}

	readonly subscribe = (listener: () => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	readonly getSnapshot = () => this.#snapshot;

	device(name: string): MonitorSnapshot {
		const device = this.#snapshot.devices.find(candidate => candidate.name === name);
		if (!device) {
			throw new Error(`no device ${name}`);
		}

		return device.snapshot;
	}

	/** The device's snapshot anew, patched. */
	publish(name: string, patch: Partial<MonitorSnapshot>): void {
		const snapshot = {...this.device(name), ...patch};
		this.set(this.#snapshot.devices.map(device => device.name === name ? {name, snapshot} : device));
	}

	set(devices: ReadonlyArray<{readonly name: string; readonly snapshot: MonitorSnapshot}>): void {
		this.#snapshot = {devices: [...devices]};
		for (const listener of this.listeners) {
			listener();
		}
	}
}

type Timer = {readonly id: number; readonly callback: () => void; readonly ms: number};

/** Timers that fire only when the test fires them. */
class TestTimers {
	readonly set: Timer[] = [];
	readonly cleared: number[] = [];
	readonly fired = new Set<number>();

	readonly setTimeout = (callback: () => void, ms: number): number => {
		const timer = {id: this.set.length + 1, callback, ms};
		this.set.push(timer);
		return timer.id;
	};

	readonly clearTimeout = (id: unknown): void => {
		this.cleared.push(id as number);
	};

	/** Set, and neither cleared nor fired. */
	pending(): Timer[] {
		return this.set.filter(timer => !this.cleared.includes(timer.id) && !this.fired.has(timer.id));
	}

	/** Fires the one pending timer. */
	fire(): void {
		const pending = this.pending();
		expect(pending).toHaveLength(1);
		this.fired.add(pending[0]!.id);
		pending[0]!.callback();
	}
}

/** Found not paused by the identity `ago` ms before baseTime: the device's newest event. */
function quietSince(ago: number): MonitorSnapshot['status'] {
	return {...pausedStatus(false), paused: {value: false, since: baseTime - ago, source: 'identity', evidenceAt: baseTime - ago}};
}

function setup(devices: ReadonlyArray<{readonly name: string; readonly snapshot: MonitorSnapshot}>, start = baseTime) {
	const fleet = new TestFleet(devices);
	const timers = new TestTimers();
	const clock = {now: start};
	const store = new FleetTableStore(fleet, {now: () => clock.now, theme, screenText, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout});
	let notified = 0;
	const listener = () => {
		notified++;
	};

	return {fleet, timers, clock, store, listener, notified: () => notified};
}

function cart() {
	return [
		{name: 'A-cam', snapshot: deviceSnapshot('A')},
		{name: 'B-cam', snapshot: deviceSnapshot('B')},
		{name: 'C-cam', snapshot: deviceSnapshot('C')},
	];
}

function withRtt(snapshot: MonitorSnapshot, lastRttMs: number | null): Partial<MonitorSnapshot> {
	const {heartbeat} = snapshot.socket;
	return {socket: {...snapshot.socket, heartbeat: {...heartbeat, lastRttMs, sent: heartbeat.sent + 1, answered: heartbeat.answered + 1, lastReplyAt: baseTime}}};
}

describe('FleetTableStore', () => {
	it('builds one row per device, in the fleet\'s order, with the fleet\'s counts', () => {
		const {store} = setup(cart());
		const model = store.getSnapshot();
		expect(model.names).toEqual(['A-cam', 'B-cam', 'C-cam']);
		expect(model.rows.map(row => row.name.variants[0])).toEqual(['A-cam', 'B-cam', 'C-cam']);
		expect(model.rows[0]!.paused).toEqual({variants: ['▶ no'], tone: 'good'});
		expect(model.rows[0]!.rtt.variants).toEqual(['12 ms']);
		expect(model.rows[0]!.event.variants[0]).toBe('not paused (identity) · 2m ago');
		expect(model.counts).toEqual({devices: 3, paused: 0, unconfirmed: 0, notConnected: 0, notJoined: 0, pairingNeeded: 0, tokenRejected: 0, credentialsUnsaved: 0, stateUnwritable: 0});
		expect(model.natural.name).toBe('Device'.length);
		expect(model.natural.event).toBe('not paused (identity) · 2m ago'.length);
	});

	it('keeps the very same model when a new fleet snapshot reads the same: a heartbeat\'s round trip moving from 12 ms to 13 ms', () => {
		const {fleet, store, listener, notified} = setup(cart());
		store.subscribe(listener);
		expect(notified()).toBe(0);
		const model = store.getSnapshot();
		fleet.publish('A-cam', withRtt(fleet.device('A-cam'), 13));
		expect(fleet.getSnapshot().devices[0]!.snapshot.socket.heartbeat.lastRttMs).toBe(13);
		expect(notified()).toBe(0);
		expect(store.getSnapshot()).toBe(model);
		expect(store.getSnapshot().rows[0]!.rtt.variants).toEqual(['12 ms']);
		// Still held, measured from the 12 ms shown rather than the 13 ms latest.
		fleet.publish('A-cam', withRtt(fleet.device('A-cam'), 21));
		expect(notified()).toBe(0);
		expect(store.getSnapshot()).toBe(model);
	});

	it('shows a link gone slow at its first slow reply', () => {
		const {fleet, store, listener, notified} = setup(cart());
		store.subscribe(listener);
		const model = store.getSnapshot();
		fleet.publish('B-cam', withRtt(fleet.device('B-cam'), 200));
		expect(notified()).toBe(1);
		const slow = store.getSnapshot();
		expect(slow).not.toBe(model);
		expect(slow.rows[1]!.rtt.variants).toEqual(['200 ms']);
		expect(slow.rows[0]).toBe(model.rows[0]);
		expect(slow.rows[2]).toBe(model.rows[2]);
		// And holds 200 ms through the jitter around it.
		fleet.publish('B-cam', withRtt(fleet.device('B-cam'), 190));
		expect(notified()).toBe(1);
		expect(store.getSnapshot()).toBe(slow);
		// A heartbeat with no reply yet ("-") reads differently.
		fleet.publish('B-cam', withRtt(fleet.device('B-cam'), null));
		expect(notified()).toBe(2);
		expect(store.getSnapshot().rows[1]!.rtt.variants).toEqual(['-']);
	});

	it('tells its subscribers once of a device paused, with a new row for it and the same rows for the others', () => {
		const {fleet, store, listener, notified} = setup(cart());
		store.subscribe(listener);
		const model = store.getSnapshot();
		// A heartbeat first: A-cam's row is built anew but reads the same, and is kept.
		fleet.publish('A-cam', withRtt(fleet.device('A-cam'), 13));
		fleet.publish('B-cam', {status: {...pausedStatus(true), paused: {value: true, since: baseTime - 5000, source: 'event', evidenceAt: baseTime - 5000}}});
		expect(notified()).toBe(1);
		const paused = store.getSnapshot();
		expect(paused).not.toBe(model);
		expect(paused.names).toEqual(['A-cam', 'B-cam', 'C-cam']);
		expect(paused.rows[0]).toBe(model.rows[0]);
		expect(paused.rows[2]).toBe(model.rows[2]);
		expect(paused.rows[1]).not.toBe(model.rows[1]);
		expect(paused.rows[1]!.paused).toEqual({variants: ['‖ yes'], tone: 'warn'});
		expect(paused.rows[1]!.event.variants[0]).toBe('paused (event) · 5s ago');
		expect(paused.rows[1]!.event.tone).toBe('warn');
		expect(paused.counts.paused).toBe(1);
		expect(model.counts.paused).toBe(0);
		// The same snapshot again: nothing to tell.
		fleet.set(fleet.getSnapshot().devices);
		expect(notified()).toBe(1);
		expect(store.getSnapshot()).toBe(paused);
	});

	it('follows devices added and removed, keeping the rows of the ones that stay', () => {
		const {fleet, store, listener, notified} = setup(cart());
		store.subscribe(listener);
		const model = store.getSnapshot();
		fleet.set([...fleet.getSnapshot().devices, {name: 'Sound cart', snapshot: deviceSnapshot('S', {socket: closedSocket()})}]);
		expect(notified()).toBe(1);
		const added = store.getSnapshot();
		expect(added.names).toEqual(['A-cam', 'B-cam', 'C-cam', 'Sound cart']);
		expect(added.rows.slice(0, 3)).toEqual(model.rows);
		for (const index of [0, 1, 2]) {
			expect(added.rows[index]).toBe(model.rows[index]);
		}

		expect(added.rows[3]!.socket.variants[0]).toBe('✖ not joined, retry in 3s');
		expect(added.counts).toMatchObject({devices: 4, notJoined: 1});
		expect(added.natural.socket).toBe('✖ not joined, retry in 3s'.length);
		fleet.set(fleet.getSnapshot().devices.slice(0, 2));
		expect(notified()).toBe(2);
		const removed = store.getSnapshot();
		expect(removed.names).toEqual(['A-cam', 'B-cam']);
		expect(removed.rows[0]).toBe(model.rows[0]);
		expect(removed.rows[1]).toBe(model.rows[1]);
		expect(removed.counts).toMatchObject({devices: 2, notJoined: 0});
		expect(removed.natural.socket).toBe('✔ joined'.length);
	});

	it('sets no timer before anyone subscribes', () => {
		const {timers, store} = setup([{name: 'A-cam', snapshot: deviceSnapshot('A', {status: quietSince(30_000)})}]);
		expect(store.getSnapshot().rows[0]!.event.variants[0]).toBe('not paused (identity) · 30s ago');
		expect(timers.set).toEqual([]);
	});

	it('moves ages of events under a minute old on the next whole second, and only the rows whose ages moved', () => {
		const {timers, clock, store, listener, notified} = setup([
			{name: 'A-cam', snapshot: deviceSnapshot('A', {status: quietSince(30_000)})},
			{name: 'B-cam', snapshot: deviceSnapshot('B', {status: quietSince(300_000)})},
		], baseTime + 250);
		store.subscribe(listener);
		const model = store.getSnapshot();
		expect(model.rows[0]!.event.variants[0]).toBe('not paused (identity) · 30s ago');
		expect(model.rows[1]!.event.variants[0]).toBe('not paused (identity) · 5m ago');
		expect(timers.pending().map(timer => timer.ms)).toEqual([750]);
		clock.now += 1000;
		timers.fire();
		expect(notified()).toBe(1);
		const later = store.getSnapshot();
		expect(later).not.toBe(model);
		expect(later.rows[0]!.event.variants[0]).toBe('not paused (identity) · 31s ago');
		expect(later.rows[1]).toBe(model.rows[1]);
		// The next at the next whole second again, from the clock as it is (1250 ms past the start).
		expect(timers.pending().map(timer => timer.ms)).toEqual([750]);
		expect(timers.cleared).toEqual([]);
	});

	it('moves the ages together on the whole second, whenever a snapshot comes in between', () => {
		const {fleet, timers, clock, store, listener, notified} = setup([
			{name: 'A-cam', snapshot: deviceSnapshot('A', {status: quietSince(29_600)})},
			{name: 'B-cam', snapshot: deviceSnapshot('B', {status: quietSince(10_000)})},
		]);
		store.subscribe(listener);
		const model = store.getSnapshot();
		expect(model.rows[0]!.event.variants[0]).toBe('not paused (identity) · 29s ago');
		expect(model.rows[1]!.event.variants[0]).toBe('not paused (identity) · 10s ago');
		// A-cam's event is 30 s old 400 ms on: the table says so on the whole second.
		expect(timers.pending().map(timer => timer.ms)).toEqual([1000]);
		clock.now = baseTime + 500;
		fleet.publish('B-cam', withRtt(fleet.device('B-cam'), 200));
		expect(notified()).toBe(1);
		const slow = store.getSnapshot();
		expect(slow.rows[1]!.rtt.variants).toEqual(['200 ms']);
		expect(slow.rows[1]!.event.variants[0]).toBe('not paused (identity) · 10s ago');
		expect(slow.rows[0]).toBe(model.rows[0]);
		expect(timers.set).toHaveLength(1);
		clock.now = baseTime + 1000;
		timers.fire();
		expect(notified()).toBe(2);
		expect(store.getSnapshot().rows[0]!.event.variants[0]).toBe('not paused (identity) · 30s ago');
		expect(store.getSnapshot().rows[1]!.event.variants[0]).toBe('not paused (identity) · 11s ago');
	});

	it('looks again a minute on, not every second, when every event is over a minute old', () => {
		const {timers, clock, store, listener, notified} = setup([{name: 'A-cam', snapshot: deviceSnapshot('A', {status: quietSince(310_000)})}], baseTime + 250);
		store.subscribe(listener);
		const model = store.getSnapshot();
		expect(model.rows[0]!.event.variants[0]).toBe('not paused (identity) · 5m ago');
		// 5m 10s old: "6m" at 6m, 50 s on, less the quarter second already gone.
		expect(timers.pending().map(timer => timer.ms)).toEqual([49_750]);
		clock.now = baseTime + 50_000;
		timers.fire();
		expect(notified()).toBe(1);
		expect(store.getSnapshot().rows[0]!.event.variants[0]).toBe('not paused (identity) · 6m ago');
		expect(timers.pending().map(timer => timer.ms)).toEqual([60_000]);
	});

	it('sets no timer for a table where nothing moves with the clock', () => {
		const quiet = deviceSnapshot('A', {status: pausedStatus(null, null)});
		const {timers, store, listener} = setup([{name: 'A-cam', snapshot: {...quiet, socket: {...quiet.socket, lastClose: null}}}]);
		store.subscribe(listener);
		expect(store.getSnapshot().rows[0]!.event).toEqual({variants: ['-'], tone: 'muted'});
		expect(timers.set).toEqual([]);
	});

	it('keeps one timer: a fleet change that moves nothing on screen leaves it be, and a timer fired early is set again', () => {
		const {fleet, timers, clock, store, listener, notified} = setup([{name: 'A-cam', snapshot: deviceSnapshot('A', {status: quietSince(30_000)})}]);
		store.subscribe(listener);
		expect(timers.pending().map(timer => timer.ms)).toEqual([1000]);
		clock.now += 400;
		fleet.publish('A-cam', withRtt(fleet.device('A-cam'), 13));
		expect(timers.set).toHaveLength(1);
		expect(timers.cleared).toEqual([]);
		const model = store.getSnapshot();
		clock.now += 500;
		timers.fire();
		expect(notified()).toBe(0);
		expect(store.getSnapshot()).toBe(model);
		expect(timers.pending().map(timer => timer.ms)).toEqual([100]);
	});

	it('counts down a retry by the second and stops at "now"', () => {
		const {timers, clock, store, listener} = setup([{name: 'A-cam', snapshot: deviceSnapshot('A', {socket: closedSocket()})}]);
		store.subscribe(listener);
		const socket = () => store.getSnapshot().rows[0]!.socket.variants[0];
		expect(socket()).toBe('✖ not joined, retry in 3s');
		for (const expected of ['✖ not joined, retry in 2s', '✖ not joined, retry in 1s', '✖ not joined, retry now']) {
			expect(timers.pending().map(timer => timer.ms)).toEqual([1000]);
			clock.now += 1000;
			timers.fire();
			expect(socket()).toBe(expected);
		}

		// Only the last event's age still moves.
		expect(store.getSnapshot().rows[0]!.event.variants[0]).toBe('closed 1006 by network · 15s ago');
		expect(timers.pending().map(timer => timer.ms)).toEqual([1000]);
	});

	it('cancels its timer and stops following the fleet when the last subscriber leaves', () => {
		const {fleet, timers, store, listener, notified} = setup([{name: 'A-cam', snapshot: deviceSnapshot('A', {status: quietSince(30_000)})}]);
		let otherNotified = 0;
		const unsubscribe = store.subscribe(listener);
		const unsubscribeOther = store.subscribe(() => {
			otherNotified++;
		});
		expect(fleet.listeners.size).toBe(1);
		expect(timers.pending()).toHaveLength(1);
		const [timer] = timers.pending();
		unsubscribe();
		expect(fleet.listeners.size).toBe(1);
		expect(timers.cleared).toEqual([]);
		unsubscribeOther();
		expect(fleet.listeners.size).toBe(0);
		expect(timers.cleared).toEqual([timer!.id]);
		expect(timers.pending()).toEqual([]);
		const model = store.getSnapshot();
		fleet.publish('A-cam', {status: {...pausedStatus(true), paused: {value: true, since: baseTime, source: 'event', evidenceAt: baseTime}}});
		expect(notified()).toBe(0);
		expect(otherNotified).toBe(0);
		expect(store.getSnapshot()).toBe(model);
		// Subscribed again, it catches up with the fleet and sets its timer again.
		store.subscribe(listener);
		expect(fleet.listeners.size).toBe(1);
		expect(store.getSnapshot().rows[0]!.paused.variants).toEqual(['‖ yes']);
		expect(timers.pending().map(pending => pending.ms)).toEqual([1000]);
	});
});

describe('heldRtt', () => {
	it('keeps the round trip shown through jitter', () => {
		expect(heldRtt(12, 14)).toBe(12);
		expect(heldRtt(12, 12)).toBe(12);
		expect(heldRtt(12, 9)).toBe(12);
		expect(heldRtt(2, 9)).toBe(2);
		// Half as much again, but only 6 ms away.
		expect(heldRtt(12, 18)).toBe(12);
		// 10 ms away, but not half as much again.
		expect(heldRtt(30, 44)).toBe(30);
		expect(heldRtt(200, 150)).toBe(200);
	});

	it('takes the latest once it is half as much again or a third less, and at least 10 ms away', () => {
		expect(heldRtt(12, 200)).toBe(200);
		expect(heldRtt(20, 30)).toBe(30);
		expect(heldRtt(20, 29)).toBe(20);
		expect(heldRtt(30, 20)).toBe(20);
		expect(heldRtt(30, 21)).toBe(30);
		expect(heldRtt(2000, 40)).toBe(40);
	});

	it('takes the latest when nothing is shown yet, and shows nothing when there is no latest', () => {
		expect(heldRtt(undefined, 12)).toBe(12);
		expect(heldRtt(null, 12)).toBe(12);
		expect(heldRtt(12, null)).toBeNull();
		expect(heldRtt(undefined, null)).toBeNull();
		expect(heldRtt(null, null)).toBeNull();
	});
});

describe('sameRow', () => {
	const context = {now: baseTime, theme, screenText};

	it('is true for rows that read the same, cell for cell, even from different snapshots', () => {
		const a = fleetRow('A-cam', deviceSnapshot('A'), context);
		const b = fleetRow('A-cam', deviceSnapshot('A'), context);
		expect(a).not.toBe(b);
		expect(sameRow(a, b)).toBe(true);
		expect(sameRow(a, fleetRow('A-cam', deviceSnapshot('A'), {...context, now: baseTime + 999}))).toBe(true);
	});

	it('is false when a cell says something else, says it in other ways, or in another tone', () => {
		const a = fleetRow('A-cam', deviceSnapshot('A'), context);
		expect(sameRow(a, fleetRow('B-cam', deviceSnapshot('A'), context))).toBe(false);
		expect(sameRow(a, fleetRow('A-cam', deviceSnapshot('A'), {...context, rttMs: 13}))).toBe(false);
		expect(sameRow(a, fleetRow('A-cam', deviceSnapshot('A'), {...context, now: baseTime + 60_000}))).toBe(false);
		expect(sameRow(a, {...a, event: {...a.event, variants: a.event.variants.slice(0, -1)}})).toBe(false);
		expect(sameRow(a, {...a, paused: {...a.paused, tone: 'warn'}})).toBe(false);
	});
});
