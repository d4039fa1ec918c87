import {isPausedUnconfirmed} from '../shared/status-words.js';
import type {MonitorSnapshot} from '../../core/monitor.js';

/** The socket is not on the device channel (so no pause or resume event can arrive). Stopped is not a problem. */
export function isNotJoined(snapshot: MonitorSnapshot): boolean {
	return snapshot.socket.state !== 'joined' && snapshot.socket.state !== 'stopped';
}

/** Frame.io refused the token: the socket upgrade (403) or the identity (401), the latest attempt of each. */
export function isTokenRejected(snapshot: MonitorSnapshot): boolean {
	return snapshot.socket.state === 'rejected' || snapshot.identity.error?.kind === 'auth';
}

/** The refresh token is dead: someone must run c2c-status pair for this device. */
export function isPairingNeeded(snapshot: MonitorSnapshot): boolean {
	return snapshot.token.refresh?.phase === 'pairing-needed';
}

/** Owned credentials that cannot be saved, or a new pair held only in memory (issue 14 A). */
export function isCredentialsUnsaved(snapshot: MonitorSnapshot): boolean {
	return snapshot.token.persistence.state !== 'ok';
}

export type FleetCounts = {
	readonly devices: number;
	readonly paused: number;
	/** Paused has a value but nothing confirms it now (issue 15.1). */
	readonly unconfirmed: number;
	/** Connected: no (an unknown, not yet checked, is not counted). */
	readonly notConnected: number;
	readonly notJoined: number;
	readonly pairingNeeded: number;
	readonly tokenRejected: number;
	readonly credentialsUnsaved: number;
	/** The state file cannot be written (issue 14.6): the 60 s identity rule cannot hold across restarts. */
	readonly stateUnwritable: number;
};

export function countFleet(snapshots: readonly MonitorSnapshot[]): FleetCounts {
	const count = (test: (snapshot: MonitorSnapshot) => boolean) => snapshots.filter(snapshot => test(snapshot)).length;
	return {
		devices: snapshots.length,
		paused: count(snapshot => snapshot.status.paused.value === true),
		unconfirmed: count(snapshot => isPausedUnconfirmed(snapshot.status)),
		notConnected: count(snapshot => snapshot.status.connected.value === false),
		notJoined: count(snapshot => isNotJoined(snapshot)),
		pairingNeeded: count(snapshot => isPairingNeeded(snapshot)),
		tokenRejected: count(snapshot => isTokenRejected(snapshot)),
		credentialsUnsaved: count(snapshot => isCredentialsUnsaved(snapshot)),
		stateUnwritable: count(snapshot => snapshot.stateProblem !== null),
	};
}
