import {describe, expect, it} from 'vitest';
import {countFleet} from '../../../source/ui/fleet/fleet-counts.js';
import {placeColumns, type NaturalWidths} from '../../../source/ui/fleet/fleet-columns.js';
import {lastEvent} from '../../../source/ui/fleet/fleet-last-event.js';
import {fleetViewReducer, fleetWindow, initialFleetViewState} from '../../../source/ui/fleet/fleet-view-state.js';
import {baseTime, heartbeats, ownedToken, pausedStatus, snapshot} from '../../../support/fake-monitor.js';
import {closedSocket, rejectedSocket} from './fleet-fixture.js';

/** What the cart's columns would like: a long name, a long last event. */
const natural: NaturalWidths = {name: 16, project: 12, paused: 6, connected: 9, socket: 27, rtt: 5, token: 16, event: 41};
const keys = (width: number) => placeColumns(natural, width).map(column => column.key);
const total = (width: number) => placeColumns(natural, width).reduce((sum, column) => sum + column.width, 0) + (2 * (placeColumns(natural, width).length - 1));

describe('placeColumns', () => {
	it('drops the round trip, then the project, then the last event, then the token; never the four that matter', () => {
		expect(keys(200)).toEqual(['name', 'project', 'paused', 'connected', 'socket', 'rtt', 'token', 'event']);
		expect(keys(104)).toEqual(['name', 'project', 'paused', 'connected', 'socket', 'rtt', 'token', 'event']);
		expect(keys(103)).toEqual(['name', 'project', 'paused', 'connected', 'socket', 'token', 'event']);
		expect(keys(92)).toEqual(['name', 'project', 'paused', 'connected', 'socket', 'token', 'event']);
		expect(keys(91)).toEqual(['name', 'paused', 'connected', 'socket', 'token', 'event']);
		expect(keys(77)).toEqual(['name', 'paused', 'connected', 'socket', 'token', 'event']);
		expect(keys(76)).toEqual(['name', 'paused', 'connected', 'socket', 'token']);
		expect(keys(60)).toEqual(['name', 'paused', 'connected', 'socket', 'token']);
		expect(keys(59)).toEqual(['name', 'paused', 'connected', 'socket']);
		expect(keys(20)).toEqual(['name', 'paused', 'connected', 'socket']);
	});

	it('chooses the columns by the width and the names alone, whatever the other cells hold', () => {
		const chosen = (widths: NaturalWidths, width: number) => placeColumns(widths, width).map(column => column.key);
		const quiet: NaturalWidths = {name: 5, project: 12, paused: 6, connected: 9, socket: 8, rtt: 5, token: 5, event: 16};
		const busy: NaturalWidths = {name: 5, project: 20, paused: 9, connected: 9, socket: 27, rtt: 8, token: 16, event: 44};
		for (let width = 40; width <= 140; width++) {
			expect(chosen(busy, width), String(width)).toEqual(chosen(quiet, width));
		}

		// Longer names take room from the others.
		expect(chosen({...quiet, name: 5}, 86)).toContain('project');
		expect(chosen({...quiet, name: 20}, 86)).not.toContain('project');
	});

	it('uses the width it has, and no more than the columns would like', () => {
		for (const width of [47, 58, 77, 90, 120]) {
			expect(total(width), String(width)).toBe(width);
		}

		expect(total(200)).toBe(16 + 12 + 6 + 9 + 27 + 5 + 16 + 41 + (2 * 7));
	});

	it('gives a readable last event before a wide socket, and never cuts Paused or Connected', () => {
		const widths = Object.fromEntries(placeColumns(natural, 77).map(column => [column.key, column.width]));
		expect(widths).toEqual({name: 12, paused: 6, connected: 9, socket: 12, token: 10, event: 18});
		expect(Object.fromEntries(placeColumns(natural, 47).map(column => [column.key, column.width]))).toMatchObject({paused: 6, connected: 9});
	});
});

describe('lastEvent', () => {
	const quiet = snapshot({status: {...pausedStatus(null, null)}, socket: {...snapshot().socket, lastClose: null}});

	it('is nothing for a device where nothing happened, and heartbeats do not count', () => {
		expect(lastEvent({...quiet, traffic: heartbeats(10)})).toBeUndefined();
	});

	it('takes the newest of a pause, a resume, /health, a close, a refusal and a rejected token', () => {
		const paused = {...quiet, status: {...pausedStatus(true), paused: {value: true, since: baseTime - 9000, source: 'event' as const, evidenceAt: baseTime - 9000}}};
		expect(lastEvent(paused)).toEqual({at: baseTime - 9000, text: 'paused (event)', short: 'paused', tone: 'warn'});
		const resumed = {...quiet, status: {...pausedStatus(false), paused: {value: false, since: baseTime - 8000, source: 'event' as const, evidenceAt: baseTime - 8000}}};
		expect(lastEvent(resumed)).toMatchObject({text: 'resumed (event)', tone: 'good'});
		const closed = {...paused, socket: closedSocket()};
		// Paused 9 s ago is newer than the close 12 s ago.
		expect(lastEvent(closed)).toMatchObject({at: baseTime - 9000, text: 'paused (event)'});
		const closedLater = {...quiet, socket: closedSocket()};
		expect(lastEvent(closedLater)).toEqual({at: baseTime - 12_000, text: 'closed 1006 by network', short: 'closed 1006', tone: 'warn'});
		// A refusal closes the socket at the same moment: the refusal is what to tell.
		expect(lastEvent({...quiet, socket: rejectedSocket()})).toMatchObject({text: 'token rejected (socket, HTTP 403)', tone: 'bad'});
		const identityRefused = {...quiet, identity: {...quiet.identity, error: {kind: 'auth' as const, message: 'HTTP 401', status: 401}, lastAttemptAt: baseTime - 1000}};
		expect(lastEvent(identityRefused)).toMatchObject({at: baseTime - 1000, text: 'token rejected (identity, HTTP 401)', tone: 'bad'});
	});

	it('tells /health going down from its coming back', () => {
		const failure = {ok: false as const, at: baseTime - 4000, latencyMs: 5000, failure: {kind: 'timeout' as const, message: 'no answer within 5 s'}};
		const connected = {value: false, since: baseTime - 30_000, source: 'health' as const, evidenceAt: baseTime - 4000};
		const down = {...quiet, health: {...quiet.health, lastFailure: failure}, status: {...quiet.status, connected}};
		expect(lastEvent(down)).toEqual({at: baseTime - 30_000, text: '/health down: no answer within 5 s', short: '/health down', tiny: 'health down', tone: 'bad'});
		// Once a check works again, the table says so: not "/health failed" beside Connected: yes.
		const recovered = {...down, status: {...quiet.status, connected: {value: true, since: baseTime - 2000, source: 'health' as const, evidenceAt: baseTime - 2000}}};
		expect(lastEvent(recovered)).toEqual({at: baseTime - 2000, text: '/health ok again (it failed: no answer within 5 s)', short: '/health ok again', tiny: 'health ok', tone: 'good'});
	});
});

describe('fleetWindow and the fleet view state', () => {
	it('moves the window only as far as the selection needs, and clamps it to the devices', () => {
		expect(fleetWindow(0, 5, 10, 50)).toEqual({start: 0, end: 10});
		expect(fleetWindow(0, 12, 10, 50)).toEqual({start: 3, end: 13});
		expect(fleetWindow(20, 12, 10, 50)).toEqual({start: 12, end: 22});
		expect(fleetWindow(45, 49, 10, 50)).toEqual({start: 40, end: 50});
		expect(fleetWindow(0, 2, 10, 4)).toEqual({start: 0, end: 4});
	});

	it('selects within the fleet, opens the selected device and comes back to it', () => {
		const moved = fleetViewReducer(initialFleetViewState, {type: 'select', by: Number.POSITIVE_INFINITY, count: 50, room: 20});
		expect(moved).toMatchObject({selected: 49, top: 30});
		const opened = fleetViewReducer(moved, {type: 'open', count: 50});
		expect(opened.opened).toBe(49);
		expect(fleetViewReducer(opened, {type: 'back'})).toMatchObject({opened: null, selected: 49, top: 30});
		expect(fleetViewReducer(initialFleetViewState, {type: 'open', count: 0})).toBe(initialFleetViewState);
		expect(fleetViewReducer(initialFleetViewState, {type: 'select', by: 1, count: 0, room: 20})).toBe(initialFleetViewState);
	});
});

describe('countFleet', () => {
	it('counts paused, not connected (not unknown), not joined, pairing needed and refused tokens', () => {
		expect(countFleet([
			snapshot({status: pausedStatus(true)}),
			snapshot({status: pausedStatus(false, false)}),
			snapshot({status: pausedStatus(null, null)}),
			snapshot({socket: rejectedSocket(), token: ownedToken({phase: 'pairing-needed'})}),
			snapshot({socket: {...snapshot().socket, state: 'stopped'}}),
		])).toEqual({devices: 5, paused: 1, unconfirmed: 0, notConnected: 1, notJoined: 1, pairingNeeded: 1, tokenRejected: 1, credentialsUnsaved: 0, stateUnwritable: 0});
	});
});
