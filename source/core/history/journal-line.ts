import {isRecord} from '../utils/is-record.js';

/**
The journal's lines as the history model reads them: the NDJSON output's own schema (README "NDJSON
output", with the `status` fields of issue 15 and the `monitor` lines of issue 17), times as ms since
the epoch. Only what the model uses is kept. `pid` is the writing process, which the journal adds to
each line so that the runs of several processes sharing a device can be told apart.
*/
type Base = {
	/** The line's `time`. */
	readonly at: number;
	/** The process that wrote it, or null when the line does not say (a line of `--json` output). */
	readonly pid: number | null;
};

export type StatusLine = Base & {
	readonly type: 'status';
	readonly paused: boolean | null;
	readonly pausedSource: 'event' | 'identity' | null;
	/** Null when the line does not say (a line written before issue 15). */
	readonly pausedConfirmed: boolean | null;
	readonly pausedAsOf: number | null;
	readonly pausedSince: number | null;
	readonly pausedSinceEarliest: number | null;
	readonly connected: boolean | null;
};

export const socketLineStates = ['connecting', 'open', 'joined', 'closed', 'waiting', 'rejected'] as const;
export type SocketLineState = typeof socketLineStates[number];

export type SocketLine = Base & {
	readonly type: 'socket';
	readonly state: SocketLineState;
	readonly httpStatus: number | null;
};

export type HealthLine = Base & {
	readonly type: 'health';
	readonly ok: boolean;
	readonly kind: string | null;
};

export type IdentityLine = Base & {
	readonly type: 'identity';
	readonly ok: boolean;
	/**
	When the answer came (`fetchedAt`): an answer taken from another process or the last run is older
	than the line, and must not undo newer evidence. The line's time when it does not say.
	*/
	readonly answeredAt: number;
	readonly kind: string | null;
	readonly httpStatus: number | null;
	readonly deviceId: string | null;
	readonly deviceName: string | null;
};

export type TokenLine = Base & {
	readonly type: 'token';
	/** One of loaded, changed, refreshing, refreshed, refresh-failed, pairing-needed, or one a later version adds. */
	readonly event: string;
};

export type HookLine = Base & {
	readonly type: 'hook';
	readonly ok: boolean;
};

export const monitorLineEvents = ['started', 'stopped', 'alive'] as const;

export type MonitorLine = Base & {
	readonly type: 'monitor';
	/** `alive` is written every few minutes, so that a run killed with SIGKILL is known to have run until then. */
	readonly event: typeof monitorLineEvents[number];
	readonly mode: string | null;
	/** The fleet config's name for the device. */
	readonly device: string | null;
	readonly deviceId: string | null;
};

export type JournalLine = StatusLine | SocketLine | HealthLine | IdentityLine | TokenLine | HookLine | MonitorLine;

/**
One line of text, parsed: a journal line, `other` for a line the model has no use for (a frame, an
error, the state file's `state`, a recording's header: all of them in a recording; an `identity` line
that says this process waits for another's request, which is no identity outcome, in the journal too),
or `bad` for a line that cannot be read
(torn, not JSON, no time, or a type or state from a newer version): the reader skips and counts those.
*/
export function parseJournalLine(text: string): JournalLine | 'other' | 'bad' {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return 'bad';
	}

	if (!isRecord(value) || typeof value.type !== 'string') {
		return 'bad';
	}

	const at = time(value.time);
	if (at === null) {
		return 'bad';
	}

	const base = {at, pid: typeof value.pid === 'number' && Number.isInteger(value.pid) ? value.pid : null};
	switch (value.type) {
		case 'status': {
			return statusLine(value, base);
		}

		case 'frame':
		case 'error':
		case 'state':
		case 'recording': {
			return 'other';
		}

		// This process waits for another process's identity request (`waiting: true`): not an outcome.
		case 'identity': {
			return value.waiting === true ? 'other' : stateLine(value, base);
		}

		default: {
			return stateLine(value, base);
		}
	}
}

/** A line of the other types the model reads, or `bad`. */
function stateLine(value: Record<string, unknown>, base: Base): JournalLine | 'bad' {
	switch (value.type) {
		case 'socket': {
			const {state} = value;
			return socketLineStates.includes(state as SocketLineState)
				? {...base, type: 'socket', state: state as SocketLineState, httpStatus: numberOrNull(value.httpStatus)}
				: 'bad';
		}

		case 'health': {
			return typeof value.ok === 'boolean' ? {...base, type: 'health', ok: value.ok, kind: stringOrNull(value.kind)} : 'bad';
		}

		case 'identity': {
			return typeof value.ok === 'boolean'
				? {
					...base, type: 'identity', ok: value.ok, answeredAt: Math.min(time(value.fetchedAt) ?? base.at, base.at),
					kind: stringOrNull(value.kind), httpStatus: numberOrNull(value.httpStatus),
					deviceId: stringOrNull(value.deviceId), deviceName: stringOrNull(value.deviceName),
				}
				: 'bad';
		}

		case 'token': {
			return typeof value.event === 'string' ? {...base, type: 'token', event: value.event} : 'bad';
		}

		case 'hook': {
			return typeof value.ok === 'boolean' ? {...base, type: 'hook', ok: value.ok} : 'bad';
		}

		case 'monitor': {
			const {event} = value;
			return monitorLineEvents.includes(event as MonitorLine['event'])
				? {
					...base, type: 'monitor', event: event as MonitorLine['event'], mode: stringOrNull(value.mode),
					device: stringOrNull(value.device), deviceId: stringOrNull(value.deviceId),
				}
				: 'bad';
		}

		default: {
			return 'bad';
		}
	}
}

function statusLine(value: Record<string, unknown>, base: Base): StatusLine | 'bad' {
	const paused = booleanOrNull(value.paused);
	const connected = booleanOrNull(value.connected);
	if (paused === undefined || connected === undefined) {
		return 'bad';
	}

	const source = value.pausedSource === 'event' || value.pausedSource === 'identity' ? value.pausedSource : null;
	return {
		...base, type: 'status', paused, pausedSource: source, pausedConfirmed: booleanOrNull(value.pausedConfirmed) ?? null,
		pausedAsOf: time(value.pausedAsOf), pausedSince: time(value.pausedSince), pausedSinceEarliest: time(value.pausedSinceEarliest),
		connected,
	};
}

function time(value: unknown): number | null {
	if (typeof value !== 'string') {
		return null;
	}

	const at = Date.parse(value);
	return Number.isFinite(at) ? at : null;
}

/** The value, null for null, undefined for anything else (including a missing field). */
function booleanOrNull(value: unknown): boolean | null | undefined {
	return typeof value === 'boolean' || value === null ? value : undefined;
}

function stringOrNull(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

function numberOrNull(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
