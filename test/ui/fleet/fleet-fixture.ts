import type {MonitorSnapshot} from '../../../source/core/monitor.js';
import {initialSocketSnapshot} from '../../../source/core/socket/socket-types.js';
import {baseTime, FakeFleet, ownedToken, pausedStatus, snapshot} from '../../../support/fake-monitor.js';

/** A healthy device's snapshot under a name of its own: its identity says `Frameio-<name>`, in `project`. */
export function deviceSnapshot(name: string, overrides: Partial<MonitorSnapshot> = {}, project = 'Feature film'): MonitorSnapshot {
	const base = snapshot();
	const identity = base.identity.identity!;
	return snapshot({identity: {...base.identity, identity: {...identity, name: `Frameio-${name}`, projectName: project}}, ...overrides});
}

/** A socket Frame.io refused (HTTP 403) 20 s ago, trying again in 40 s. */
export function rejectedSocket(): MonitorSnapshot['socket'] {
	const lastClose = {code: 1006, reason: 'upgrade refused', at: baseTime - 20_000, by: 'server' as const};
	return {...initialSocketSnapshot('wss://api.frame.io/devices/websocket'), state: 'rejected', rejection: {status: 403, message: 'forbidden', at: baseTime - 20_000}, lastClose, nextRetryAt: baseTime + 40_000};
}

/** A socket closed by the network 12 s ago, retrying in 3 s. */
export function closedSocket(): MonitorSnapshot['socket'] {
	const {socket} = snapshot();
	return {
		...socket, state: 'waiting', join: {...socket.join, phase: 'none', joinedAt: null}, nextRetryAt: baseTime + 3000,
		lastClose: {code: 1006, reason: 'connection lost without a close frame', at: baseTime - 12_000, by: 'network'},
	};
}

/**
The cart: A-cam fine (owned credentials), B-cam paused in Frame.io a minute ago, C-cam unable to reach
Frame.io, and the sound cart's token refused and its credentials in need of pairing.
*/
export function cartFleet(): FakeFleet {
	const base = snapshot();
	const healthDown: Partial<MonitorSnapshot> = {
		status: {...pausedStatus(false), connected: {value: false, since: baseTime - 30_000, source: 'health', evidenceAt: baseTime - 4000}},
		health: {...base.health, phase: 'down', lastFailure: {ok: false, at: baseTime - 4000, latencyMs: 5000, failure: {kind: 'timeout', message: 'no answer within 5 s'}}},
	};
	return new FakeFleet([
		{name: 'A-cam', snapshot: deviceSnapshot('A-CAM', {token: ownedToken()})},
		{name: 'B-cam', snapshot: deviceSnapshot('B-CAM', {status: {...pausedStatus(true), paused: {value: true, since: baseTime - 61_000, source: 'event', evidenceAt: baseTime - 61_000}}})},
		{name: 'C-cam', snapshot: deviceSnapshot('C-CAM', healthDown)},
		{name: 'Sound cart', snapshot: deviceSnapshot('SOUND', {socket: rejectedSocket(), token: ownedToken({phase: 'pairing-needed', lastError: 'invalid_grant'})}, 'Sound dept')},
	]);
}

export const lines = (frame: string) => frame.split('\n');
/** A device's line of the table, by its name. */
export const row = (frame: string, name: string) => lines(frame).find(line => line.slice(2).startsWith(`${name} `)) ?? '';
/** The cells of a row, as the table lays them out (two spaces or more between columns). */
export const cells = (line: string) => line.slice(2).trim().split(/ {2,}/);
