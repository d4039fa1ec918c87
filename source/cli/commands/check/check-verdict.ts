import type {MonitorSnapshot} from '../../../core/monitor.js';
import type {CheckFindings} from './check-findings.js';

/** The monitoring-plugin statuses (Nagios, Icinga, Sensu …) and their exit codes. */
export type CheckStatus = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';
export const checkExitCodes: Readonly<Record<CheckStatus, number>> = {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3};

/** A token or an authorization that ends within this long is a warning. */
export const expiryWarningMs = 60 * 60_000;

export type CheckVerdict = {
	readonly status: CheckStatus;
	/** What the line says after "C2C <STATUS> - ". */
	readonly summary: string;
	/** Performance data, in the plugin format's order. */
	readonly perf: ReadonlyArray<readonly [string, number]>;
};

/**
Whether the answer is known: /health answered, the identity answered (or the last run's is under 60 s
old), the socket joined or was refused for good, and no refresh of an owned token is under way; or
something already settles it as critical.
*/
export function answered(findings: CheckFindings, socket: boolean): boolean {
	if (findings.health?.ok === false || findings.pairingNeeded !== undefined) {
		return true;
	}

	if (findings.identity?.ok === false && findings.identity.failure.kind === 'auth') {
		return true;
	}

	return findings.health !== undefined && findings.identity !== undefined && (!socket || findings.socket !== undefined) && findings.refreshing !== true;
}

/**
The verdict, in the order a person acts on it: what makes the device unusable (CRITICAL), then what
needs attention soon (WARNING), then OK. Without an answer in time: UNKNOWN, naming what was missing.
*/
export function verdict(findings: CheckFindings, snapshot: MonitorSnapshot, options: {readonly socket: boolean; readonly now: number; readonly timedOut: boolean}): CheckVerdict {
	const perf = perfData(findings, snapshot, options.now);
	const critical = criticalReason(findings, options);
	if (critical) {
		return {status: 'CRITICAL', summary: critical, perf};
	}

	if (!answered(findings, options.socket)) {
		return {status: 'UNKNOWN', summary: `no answer within the timeout: ${missing(findings, options.socket)}`, perf};
	}

	const facts = okFacts(findings, snapshot);
	const warnings = warningReasons(findings, snapshot, options.now);
	return warnings.length > 0
		? {status: 'WARNING', summary: [...warnings, ...facts].join(', '), perf}
		: {status: 'OK', summary: facts.join(', '), perf};
}

function criticalReason(findings: CheckFindings, options: {readonly socket: boolean; readonly timedOut: boolean}): string | undefined {
	if (findings.health?.ok === false) {
		return `/health failing: ${findings.health.message}`;
	}

	if (findings.pairingNeeded) {
		return findings.pairingNeeded;
	}

	if (findings.identity?.ok === false && findings.identity.failure.kind === 'auth') {
		return findings.identity.failure.message;
	}

	if (findings.socket && findings.socket.kind !== 'joined') {
		return findings.socket.message;
	}

	// Frame.io answered /health and the identity, yet the socket would not join in time.
	if (options.timedOut && options.socket && findings.health?.ok && findings.identity?.ok && !findings.socket) {
		return `the socket did not join within the timeout${findings.socketTrouble ? ` (${findings.socketTrouble})` : ''}`;
	}

	return undefined;
}

function warningReasons(findings: CheckFindings, snapshot: MonitorSnapshot, now: number): string[] {
	const reasons: string[] = [];
	if (snapshot.status.paused.value === true) {
		reasons.push('paused');
	}

	// An owned token is refreshed 10 minutes before it expires, so an hour's notice is news only when
	// that refresh is failing; the device's authorization, though, no refresh can extend.
	const {expiresAt: tokenExpiresAt, refresh} = snapshot.token;
	// Failing: its latest try failed and none has worked since (a retry in flight included), as c2c_token_refresh_failing.
	if (tokenExpiresAt !== null && tokenExpiresAt - now < expiryWarningMs && refresh?.lastError) {
		reasons.push(`the token expires in ${minutes(tokenExpiresAt - now)} and its refresh is failing (${refresh.lastError})`);
	}

	const authorizationExpiresAt = findings.identity?.ok ? findings.identity.identity.expiresAt : null;
	if (authorizationExpiresAt !== null && authorizationExpiresAt !== undefined && Date.parse(authorizationExpiresAt) - now < expiryWarningMs) {
		reasons.push(`the device's authorization expires at ${authorizationExpiresAt}`);
	}

	return reasons;
}

function okFacts(findings: CheckFindings, snapshot: MonitorSnapshot): string[] {
	const facts: string[] = [];
	if (findings.socket?.kind === 'joined') {
		facts.push(`joined ${findings.socket.topic}`);
	}

	if (snapshot.status.paused.value === false) {
		facts.push('not paused');
	}

	if (findings.health?.ok) {
		facts.push(`health ${Math.round(findings.health.latencyMs)} ms`);
	}

	return facts;
}

function missing(findings: CheckFindings, socket: boolean): string {
	const waiting = [
		findings.health ? undefined : '/health',
		findings.identity ? undefined : 'the identity',
		!socket || findings.socket ? undefined : `the socket to join${findings.socketTrouble ? ` (${findings.socketTrouble})` : ''}`,
		findings.refreshing ? 'the token refresh under way' : undefined,
	].filter(Boolean);
	return `waited for ${waiting.join(' and ')}`;
}

function perfData(findings: CheckFindings, snapshot: MonitorSnapshot, now: number): Array<[string, number]> {
	const perf: Array<[string, number]> = [];
	if (findings.health) {
		perf.push(['health_ms', Math.round(findings.health.latencyMs)]);
	}

	if (findings.socket?.kind === 'joined') {
		perf.push(['join_ms', Math.round(findings.socket.joinMs)]);
	}

	if (findings.identity?.ok) {
		perf.push(['identity_age_s', Math.max(0, Math.round((now - findings.identity.fetchedAt) / 1000))]);
	}

	if (snapshot.token.expiresAt !== null) {
		perf.push(['token_expires_s', Math.round((snapshot.token.expiresAt - now) / 1000)]);
	}

	return perf;
}

function minutes(ms: number): string {
	return `${Math.max(0, Math.round(ms / 60_000))} min`;
}
