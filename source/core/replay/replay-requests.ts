import {healthHistoryLength, type HealthCheck, type HealthSnapshot} from '../health/health-monitor.js';
import type {FailureKind, RequestFailure} from '../http/request-failure.js';
import type {IdentitySnapshot} from '../identity/identity-poller.js';
import {flag, number, text, time} from './recorded-line.js';

type Fields = Readonly<Record<string, unknown>>;

/** A failure as a line gives it: its kind, message and HTTP status. */
function failureOf(fields: Fields): RequestFailure {
	const status = number(fields, 'httpStatus');
	return {kind: (text(fields, 'kind') ?? 'network') as FailureKind, message: text(fields, 'error') ?? 'failed', ...(status === null ? {} : {status})};
}

/** An `identity` line: the identity as fetched (or taken from the last run, or another process), or the failure. */
export function foldIdentity(previous: IdentitySnapshot, fields: Fields, at: number): IdentitySnapshot {
	const origin = text(fields, 'origin');
	if (flag(fields, 'ok') !== true) {
		return {...previous, phase: 'error', error: failureOf(fields), stale: previous.identity !== null, lastAttemptAt: at, requests: previous.requests + 1};
	}

	const fetched = origin !== 'last-run' && origin !== 'other-process';
	return {
		...previous,
		phase: 'ok',
		identity: {
			id: text(fields, 'deviceId') ?? previous.identity?.id ?? '',
			name: text(fields, 'deviceName'),
			// NDJSON gives the project's name only.
			projectId: null,
			projectName: text(fields, 'project'),
			creatorName: text(fields, 'creator'),
			expiresAt: text(fields, 'expiresAt'),
			status: text(fields, 'status'),
		},
		origin: fetched ? 'fetched' : origin,
		problems: Array.isArray(fields.problems) ? fields.problems.filter((problem): problem is string => typeof problem === 'string') : [],
		fetchedAt: time(fields, 'fetchedAt') ?? at,
		lastAttemptAt: fetched ? at : previous.lastAttemptAt,
		error: null,
		stale: false,
		requests: previous.requests + (fetched ? 1 : 0),
	};
}

/** A `health` line: one /health check. The interval is the one seen between the last two checks. */
export function foldHealth(previous: HealthSnapshot, fields: Fields, at: number): HealthSnapshot {
	const latencyMs = number(fields, 'latencyMs') ?? 0;
	const check: HealthCheck = flag(fields, 'ok') === true ? {ok: true, at, latencyMs} : {ok: false, at, latencyMs, failure: failureOf(fields)};
	return {
		phase: check.ok ? 'ok' : 'down',
		last: check,
		lastSuccessAt: check.ok ? at : previous.lastSuccessAt,
		lastFailure: check.ok ? previous.lastFailure : check,
		consecutiveFailures: check.ok ? 0 : previous.consecutiveFailures + 1,
		history: [...previous.history.slice(-(healthHistoryLength - 1)), check],
		nextCheckAt: null,
		checkingSince: null,
		intervalMs: previous.last ? Math.max(0, at - previous.last.at) : previous.intervalMs,
	};
}
