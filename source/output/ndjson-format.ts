import type {MonitorEvent} from '../core/monitor-events.js';

type Line = Record<string, unknown>;

const socketStates = new Set(['connecting', 'open', 'joined', 'closed', 'waiting', 'rejected']);

/**
One NDJSON object per monitor event (see the README's "NDJSON output"), or undefined for events that
have no line. Every line has `time` (ISO 8601) and `type`.
*/
export function formatEvent(event: MonitorEvent): Line | undefined {
	const time = new Date(event.at).toISOString();
	switch (event.type) {
		case 'identity': {
			const {result} = event;
			if (!result.ok) {
				return {time, type: 'identity', ok: false, error: result.failure.message, kind: result.failure.kind, ...optional('httpStatus', result.failure.status)};
			}

			const {identity} = result;
			return {
				time, type: 'identity', ok: true, project: identity.projectName, creator: identity.creatorName,
				expiresAt: identity.expiresAt, status: identity.status, deviceId: identity.id, deviceName: identity.name,
				latencyMs: result.latencyMs, ...(result.problems.length > 0 ? {problems: result.problems} : {}),
			};
		}

		case 'health': {
			const {check} = event;
			return check.failure
				? {time, type: 'health', ok: false, error: check.failure.message, kind: check.failure.kind, ...optional('httpStatus', check.failure.status), latencyMs: check.latencyMs}
				: {time, type: 'health', ok: true, latencyMs: check.latencyMs};
		}

		case 'socket': {
			const {socket} = event;
			if (!socketStates.has(socket.state)) {
				return undefined;
			}

			const ended = socket.state === 'closed' || socket.state === 'waiting' || socket.state === 'rejected';
			return {
				time, type: 'socket', state: socket.state, attempt: socket.attempt,
				...(ended && socket.lastClose ? {code: socket.lastClose.code, reason: socket.lastClose.reason, closedBy: socket.lastClose.by} : {}),
				...(socket.state === 'rejected' && socket.rejection ? {httpStatus: socket.rejection.status, error: socket.rejection.message} : {}),
				...(socket.nextRetryAt !== null && (socket.state === 'waiting' || socket.state === 'rejected') ? {retryInMs: Math.max(0, socket.nextRetryAt - event.at)} : {}),
				...(socket.state === 'joined' ? {topic: socket.topic} : {}),
			};
		}

		case 'frame': {
			const {entry} = event;
			return {
				time, type: 'frame', direction: entry.direction, topic: entry.topic, event: entry.event, ref: entry.ref,
				payload: entry.payload ?? null, bytes: entry.bytes,
				...(entry.reply ? {rttMs: entry.reply.latencyMs, replyTo: entry.reply.requestEvent, replyStatus: entry.reply.status} : {}),
				...(entry.error ? {error: entry.error} : {}),
			};
		}

		case 'status': {
			const {paused, connected, identityStatus} = event.status;
			return {
				time, type: 'status', paused: paused.value, connected: connected.value,
				pausedSource: paused.source, identityStatus: identityStatus?.value ?? null,
			};
		}

		case 'token': {
			return {time, type: 'token', changed: true, version: event.version};
		}

		case 'error': {
			return {time, type: 'error', message: event.message};
		}
	}
}

function optional(key: string, value: unknown): Line {
	return value === undefined ? {} : {[key]: value};
}
