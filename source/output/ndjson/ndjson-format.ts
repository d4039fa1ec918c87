import type {HealthCheck} from '../../core/health/health-monitor.js';
import type {IdentityResult} from '../../core/identity/identity-poller.js';
import type {MonitorEvent} from '../../core/monitor-events.js';
import type {DerivedStatus} from '../../core/derive-status.js';
import type {SocketSnapshot} from '../../core/socket/socket-types.js';
import type {TrafficEntry} from '../../core/socket/traffic.js';
import type {HookReport} from '../hooks/change-hooks.js';

export type Line = Record<string, unknown>;

const reportedSocketStates = new Set(['connecting', 'open', 'joined', 'closed', 'waiting', 'rejected']);

let lastAt = Number.NaN;
let lastIso = '';

/** The time as ISO 8601; a flood brings hundreds of events in the same millisecond, formatted once. */
function isoTime(at: number): string {
	if (at !== lastAt) {
		lastAt = at;
		lastIso = new Date(at).toISOString();
	}

	return lastIso;
}

/**
One NDJSON object per monitor event (see the README's "NDJSON output"), or undefined for events that
have no line. Every line has `time` (ISO 8601) and `type`.
*/
export function formatEvent(event: MonitorEvent): Line | undefined {
	const time = isoTime(event.at);
	switch (event.type) {
		case 'identity': {
			return identityLine(time, event.result);
		}

		case 'identity-wait': {
			const {wait} = event;
			return {time, type: 'identity', waiting: true, otherRequestAt: isoTime(wait.claimedAt), ownRequestAt: new Date(wait.ownRequestAt).toISOString()};
		}

		case 'state': {
			return event.problem === null
				? {time, type: 'state', writable: true}
				: {time, type: 'state', writable: false, error: `${event.problem}; so Frame.io's 60 s identity rule cannot hold across restarts and other c2c-status processes`};
		}

		case 'health': {
			return healthLine(time, event.check);
		}

		case 'socket': {
			return socketLine(time, event.at, event.socket);
		}

		case 'frame': {
			return frameLine(time, event.entry);
		}

		case 'status': {
			return statusLine(time, event.status);
		}

		case 'token': {
			const {token} = event;
			return {
				time, type: 'token', event: token.event, source: token.source, version: event.version,
				expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(), ...(token.error ? {error: token.error} : {}),
			};
		}

		case 'error': {
			return {time, type: 'error', message: event.message};
		}
	}
}

/** `time` is when the line is written; `fetchedAt` when the answer came (another process's may be older). */
function identityLine(time: string, result: IdentityResult): Line {
	const fetchedAt = new Date(result.receivedAt).toISOString();
	if (!result.ok) {
		return {
			time, type: 'identity', ok: false, error: result.failure.message, kind: result.failure.kind, ...optional('httpStatus', result.failure.status),
			...(result.origin === 'fetched' ? {} : {origin: result.origin, fetchedAt}),
		};
	}

	const {identity} = result;
	return {
		time, type: 'identity', ok: true, origin: result.origin, fetchedAt, project: identity.projectName, creator: identity.creatorName,
		expiresAt: identity.expiresAt, status: identity.status, deviceId: identity.id, deviceName: identity.name,
		latencyMs: result.latencyMs, ...(result.problems.length > 0 ? {problems: result.problems} : {}),
	};
}

function healthLine(time: string, check: HealthCheck): Line {
	return check.ok
		? {time, type: 'health', ok: true, latencyMs: check.latencyMs}
		: {time, type: 'health', ok: false, error: check.failure.message, kind: check.failure.kind, ...optional('httpStatus', check.failure.status), latencyMs: check.latencyMs};
}

function socketLine(time: string, at: number, socket: SocketSnapshot): Line | undefined {
	if (!reportedSocketStates.has(socket.state)) {
		return undefined;
	}

	const {state, lastClose, rejection, nextRetryAt} = socket;
	const ended = state === 'closed' || state === 'waiting' || state === 'rejected';
	return {
		time, type: 'socket', state, attempt: socket.attempt,
		...(ended && lastClose ? {code: lastClose.code, reason: lastClose.reason, closedBy: lastClose.by} : {}),
		...(state === 'rejected' && rejection ? {httpStatus: rejection.status, error: rejection.message} : {}),
		...(nextRetryAt !== null && (state === 'waiting' || state === 'rejected') ? {retryInMs: Math.max(0, nextRetryAt - at)} : {}),
		...(state === 'joined' ? {topic: socket.topic} : {}),
		...(state === 'open' && socket.join.phase === 'errored' && socket.join.lastError ? {error: socket.join.lastError} : {}),
	};
}

function frameLine(time: string, entry: TrafficEntry): Line {
	if (entry.kind === 'malformed') {
		return {time, type: 'frame', direction: entry.direction, topic: null, event: null, ref: null, payload: null, bytes: entry.bytes, error: entry.error};
	}

	const {reply} = entry;
	const line: Line = {
		time, type: 'frame', direction: entry.direction, topic: entry.topic, event: entry.event, ref: entry.ref,
		payload: entry.payload ?? null, bytes: entry.bytes,
	};
	// Added one by one, not spread: a flood makes a line per frame, and on Node 20 a literal with a
	// spread in it costs some forty times as much to build.
	if (reply) {
		line.rttMs = reply.latencyMs;
		line.replyTo = reply.requestEvent;
		line.replyStatus = reply.status;
	}

	return line;
}

/** The schema of /work/schema-notes.md: Paused with its evidence and change bounds, then Connected. */
function statusLine(time: string, status: DerivedStatus): Line {
	const {paused, connected, identityStatus, confidence, evidence} = status;
	return {
		time, type: 'status', paused: paused.value, pausedSource: paused.source, pausedConfirmed: confidence.confirmed,
		...(confidence.confirmed ? {} : {pausedUnconfirmed: confidence.reasons}),
		pausedAsOf: isoOrNull(paused.evidenceAt), pausedSince: isoOrNull(paused.since), pausedSinceEarliest: isoOrNull(paused.value === null ? null : evidence.sinceEarliest),
		connected: connected.value, identityStatus: identityStatus?.value ?? null,
	};
}

function isoOrNull(at: number | null): string | null {
	return at === null ? null : new Date(at).toISOString();
}

function optional(key: string, value: unknown): Line {
	return value === undefined ? {} : {[key]: value};
}

/**
What became of one run of the --on-change hook (`device` is added by the writer, as on every line). It is
written when the run ends, so `time` is its end (lines stay in time order) and `startedAt` its start.
*/
export function hookLine(report: HookReport): Line {
	return {
		time: new Date(report.at + report.durationMs).toISOString(), type: 'hook', changed: report.changed, startedAt: new Date(report.at).toISOString(),
		ok: report.ok, durationMs: report.durationMs, exitCode: report.exitCode, ...(report.error ? {error: report.error} : {}),
	};
}
