import type {DerivedStatus} from '../../../core/derive-status.js';
import type {MonitorSnapshot} from '../../../core/monitor.js';
import type {CheckFindings} from './check-findings.js';

/** The monitoring-plugin statuses (Nagios, Icinga, Sensu …) and their exit codes. */
export type CheckStatus = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';
export const checkExitCodes: Readonly<Record<CheckStatus, number>> = {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3};

/** A token or an authorization that ends within this long is a warning. */
export const expiryWarningMs = 60 * 60_000;

/** One performance datum: its label, value and unit of measure (the plugin convention: the unit follows the value, never the label). */
export type PerfDatum = readonly [label: string, value: number, unit: 'ms' | 's'];

export type CheckVerdict = {
	readonly status: CheckStatus;
	/** What the line says after "C2C <STATUS> - ". */
	readonly summary: string;
	/** Performance data, in the plugin format's order. */
	readonly perf: readonly PerfDatum[];
};

type VerdictOptions = {readonly socket: boolean; readonly now: number; readonly timedOut: boolean};

/**
Whether the answer is known: /health answered, the identity answered (or the last run's is under 60 s
old), the socket joined or was refused for good, and no refresh of an owned token is under way; or
something already settles it: /health failing, pairing needed, the token rejected, or an identity that
failed while no device id is known (the socket cannot join without one, and the next request is a minute away).
*/
export function answered(findings: CheckFindings, socket: boolean): boolean {
	if (findings.health?.ok === false || findings.pairingNeeded !== undefined) {
		return true;
	}

	if (findings.identity?.ok === false && (findings.identity.failure.kind === 'auth' || !findings.deviceKnown)) {
		return findings.refreshing !== true;
	}

	return findings.health !== undefined && findings.identity !== undefined && (!socket || findings.socket !== undefined) && findings.refreshing !== true;
}

/**
The verdict, in the order a person acts on it: what makes the device unusable (CRITICAL), then what
needs attention soon (WARNING), then OK. Without an answer in time: UNKNOWN, naming what was missing.
*/
export function verdict(findings: CheckFindings, snapshot: MonitorSnapshot, options: VerdictOptions): CheckVerdict {
	const perf = perfData(findings, snapshot, options.now);
	const critical = criticalReason(findings, snapshot, options);
	if (critical) {
		return {status: 'CRITICAL', summary: critical, perf};
	}

	const failure = findings.identity?.ok === false ? findings.identity : undefined;
	if (failure?.failure.kind === 'rate-limited' && !findings.deviceKnown) {
		return {status: 'UNKNOWN', summary: `${identityFailure(findings, options.now)}${couldNotJoin(options.socket)}`, perf};
	}

	if (!answered(findings, options.socket)) {
		return {status: 'UNKNOWN', summary: `no answer within the timeout: ${missing(findings, options.socket)}`, perf};
	}

	const {status} = snapshot;
	const facts = okFacts(findings, status);
	const warnings = warningReasons(findings, snapshot, status, options.now);
	return warnings.length > 0
		? {status: 'WARNING', summary: [...warnings, ...facts].join(', '), perf}
		: {status: 'OK', summary: facts.join(', '), perf};
}

function criticalReason(findings: CheckFindings, snapshot: MonitorSnapshot, options: VerdictOptions): string | undefined {
	if (findings.health?.ok === false) {
		return `/health failing: ${findings.health.message}`;
	}

	if (findings.pairingNeeded) {
		return findings.pairingNeeded;
	}

	const {persistence} = snapshot.token;
	if (persistence.state !== 'ok') {
		return `credentials cannot be saved: ${persistence.error}`;
	}

	return identityCritical(findings, options) ?? socketCritical(findings, options);
}

/** The token rejected; or the identity failing (a 5xx, a timeout, the network) while nothing else vouches for the device. */
function identityCritical(findings: CheckFindings, options: VerdictOptions): string | undefined {
	const failure = findings.identity?.ok === false ? findings.identity.failure : undefined;
	if (failure?.kind === 'auth') {
		return identityFailure(findings, options.now);
	}

	if (failure && failure.kind !== 'rate-limited' && findings.socket?.kind !== 'joined') {
		return `${identityFailure(findings, options.now)}${findings.deviceKnown ? '' : couldNotJoin(options.socket)}`;
	}

	return undefined;
}

function socketCritical(findings: CheckFindings, options: VerdictOptions): string | undefined {
	if (findings.socket && findings.socket.kind !== 'joined') {
		return findings.socket.message;
	}

	// Frame.io answered /health and the identity, yet the socket would not join in time.
	if (options.timedOut && options.socket && findings.health?.ok && findings.identity?.ok && !findings.socket) {
		return `the socket did not join within the timeout${findings.socketTrouble ? ` (${findings.socketTrouble})` : ''}`;
	}

	return undefined;
}

/** The identity's failure as the summary names it, with its age when another process's request met it. */
function identityFailure(findings: CheckFindings, now: number): string {
	if (findings.identity?.ok !== false) {
		return '';
	}

	const {failure, origin, at} = findings.identity;
	const age = origin === 'fetched' ? undefined : `${seconds(now - at)} ago`;
	if (failure.kind === 'auth') {
		return age === undefined ? failure.message : `the token was rejected (HTTP ${failure.status ?? 401}, ${age})`;
	}

	const words = failure.kind === 'rate-limited' ? `identity ${failure.message}` : `identity failing: ${failure.message}`;
	return age === undefined ? words : `${words} (${age})`;
}

function couldNotJoin(socket: boolean): string {
	return socket ? '; could not learn the device id, so the socket could not join' : '';
}

function warningReasons(findings: CheckFindings, snapshot: MonitorSnapshot, status: DerivedStatus, now: number): string[] {
	const reasons: string[] = [];
	if (status.paused.value === true) {
		reasons.push('paused');
	}

	// Nothing vouches for Paused now (no joined channel, no fresh identity): say so, and why.
	if (!status.confidence.confirmed) {
		const why = status.confidence.reasons.join(', ');
		reasons.push(`paused state unconfirmed${why ? ` (${why})` : ''}`);
	}

	if (findings.identity?.ok === false) {
		reasons.push(identityFailure(findings, now));
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

function okFacts(findings: CheckFindings, status: DerivedStatus): string[] {
	const facts: string[] = [];
	if (findings.socket?.kind === 'joined') {
		facts.push(`joined ${findings.socket.topic}`);
	}

	if (status.paused.value === false) {
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
		findings.identity ? undefined : `the identity${findings.waitingForOther ? ' (another c2c-status process has the request out)' : ''}`,
		!socket || findings.socket ? undefined : `the socket to join${findings.socketTrouble ? ` (${findings.socketTrouble})` : ''}`,
		findings.refreshing ? 'the token refresh under way' : undefined,
	].filter(Boolean);
	return `waited for ${waiting.join(' and ')}`;
}

function perfData(findings: CheckFindings, snapshot: MonitorSnapshot, now: number): PerfDatum[] {
	const perf: PerfDatum[] = [];
	if (findings.health) {
		perf.push(['health', Math.round(findings.health.latencyMs), 'ms']);
	}

	if (findings.socket?.kind === 'joined') {
		perf.push(['join', Math.round(findings.socket.joinMs), 'ms']);
	}

	if (findings.identity?.ok) {
		perf.push(['identity_age', Math.max(0, Math.round((now - findings.identity.fetchedAt) / 1000)), 's']);
	}

	if (snapshot.token.expiresAt !== null) {
		perf.push(['token_expires', Math.round((snapshot.token.expiresAt - now) / 1000), 's']);
	}

	return perf;
}

function minutes(ms: number): string {
	return `${Math.max(0, Math.round(ms / 60_000))} min`;
}

function seconds(ms: number): string {
	return `${Math.max(0, Math.round(ms / 1000))} s`;
}
