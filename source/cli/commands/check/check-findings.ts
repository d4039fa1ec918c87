import type {Identity} from '../../../core/identity/identity.js';
import type {IdentityFailure, IdentityOrigin} from '../../../core/identity/identity-poller.js';
import {identityMinIntervalMs} from '../../../core/frameio-rules.js';
import type {MonitorEvent} from '../../../core/monitor-events.js';
import type {MonitorSnapshot} from '../../../core/monitor.js';

/** What one `check` has learned so far, fed by the monitor's events. */
export type CheckFindings = {
	readonly startedAt: number;
	/** Owned credentials refresh themselves when refused: a refusal is then not the last word. */
	readonly owned: boolean;
	/** The refresh token is dead: someone must run c2c-status pair. */
	readonly pairingNeeded?: string;
	readonly health?: {readonly ok: true; readonly latencyMs: number} | {readonly ok: false; readonly message: string; readonly latencyMs: number};
	readonly identity?:
		| {readonly ok: true; readonly identity: Identity; readonly origin: IdentityOrigin; readonly fetchedAt: number}
		/** `at`: when the failed answer came (another process's, within the window, is reported as its own). */
		| {readonly ok: false; readonly failure: IdentityFailure; readonly origin: IdentityOrigin; readonly at: number};
	/** A device id is known (from an identity, this run's or one the state file kept): the socket can join. */
	readonly deviceKnown?: boolean;
	readonly socket?:
		| {readonly kind: 'joined'; readonly topic: string; readonly joinMs: number}
		| {readonly kind: 'rejected' | 'join-refused'; readonly message: string};
	/** An owned token's refresh is under way: its outcome is part of the answer (a failing one is a warning). */
	readonly refreshing?: boolean;
	/** Why the socket is not joined yet (a close, a refused connection), for a timeout's message. */
	readonly socketTrouble?: string;
	/** Another c2c-status process has the identity request out: its answer is awaited. */
	readonly waitingForOther?: boolean;
};

/** Folds one monitor event into the findings. */
export function findingsAfter(findings: CheckFindings, event: MonitorEvent): CheckFindings {
	switch (event.type) {
		case 'health': {
			if (findings.health) {
				return findings;
			}

			const {check} = event;
			return {...findings, health: check.ok ? {ok: true, latencyMs: check.latencyMs} : {ok: false, message: check.failure.message, latencyMs: check.latencyMs}};
		}

		case 'identity': {
			return identityFinding(findings, event);
		}

		case 'identity-wait': {
			return {...findings, waitingForOther: true};
		}

		case 'socket': {
			return socketFinding(findings, event.socket, event.at);
		}

		case 'token': {
			const {token} = event;
			if (token.event === 'pairing-needed') {
				return {...findings, refreshing: false, pairingNeeded: token.error ?? 'pairing needed: run c2c-status pair'};
			}

			if (token.event === 'refresh-failed') {
				return {...findings, refreshing: false, socketTrouble: `the token refresh failed: ${token.error ?? ''}`};
			}

			// A refresh waiting for another process's lock on the credentials file is still under way.
			return {...findings, refreshing: token.event === 'refreshing' || token.event === 'waiting-for-lock'};
		}

		case 'frame':
		case 'status':
		case 'state':
		case 'error': {
			return findings;
		}
	}
}

function identityFinding(findings: CheckFindings, event: Extract<MonitorEvent, {type: 'identity'}>): CheckFindings {
	const {result} = event;
	if (!result.ok) {
		// A rate limit is not an answer about the device: wait for the one after it, or the identity the last run left.
		return result.failure.kind === 'rate-limited' && findings.identity?.ok
			? findings
			: {...findings, waitingForOther: false, identity: {ok: false, failure: result.failure, origin: result.origin, at: result.receivedAt}};
	}

	// An identity this check did not fetch counts only while it is under 60 s old: then the 60 s rule
	// forbids asking again, and it is as fresh as anything a request could give. An older one still gives
	// the device id, with which the socket joins.
	const reused = result.origin !== 'fetched';
	if (reused && findings.startedAt - result.receivedAt >= identityMinIntervalMs) {
		return {...findings, deviceKnown: true};
	}

	return {...findings, deviceKnown: true, waitingForOther: false, identity: {ok: true, identity: result.identity, origin: result.origin, fetchedAt: result.receivedAt}};
}

function socketFinding(findings: CheckFindings, socket: MonitorSnapshot['socket'], at: number): CheckFindings {
	if (findings.socket?.kind === 'joined') {
		return findings;
	}

	switch (socket.state) {
		case 'joined': {
			return {...findings, socket: {kind: 'joined', topic: socket.topic ?? '', joinMs: at - findings.startedAt}};
		}

		case 'rejected': {
			const message = socket.rejection?.message ?? 'the socket was refused';
			// An owned token refreshes and the socket tries the new one at once: wait for that.
			return findings.owned ? {...findings, socketTrouble: message} : {...findings, socket: {kind: 'rejected', message}};
		}

		case 'open': {
			const {join} = socket;
			return join.phase === 'errored' && join.lastError?.startsWith('join refused') === true
				? {...findings, socket: {kind: 'join-refused', message: join.lastError}}
				: findings;
		}

		case 'closed':
		case 'waiting': {
			const close = socket.lastClose;
			return close ? {...findings, socketTrouble: `last close ${close.code} by ${close.by}${close.reason ? `: ${close.reason}` : ''}`} : findings;
		}

		case 'idle':
		case 'connecting':
		case 'stopped': {
			return findings;
		}
	}
}
