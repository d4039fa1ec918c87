/**
Hand-written journal lines in the agreed schema (/work/schema-notes.md, README "NDJSON output"), for
the history model's tests: each helper makes the object a monitor would write, `journalText` joins them
into a file's text, and `historyOf` reads that text as the reader does and builds the model.
*/
import {buildHistory, type DeviceHistory, type HistoryOptions} from '../../../source/core/history/history-model.js';
import {parseJournalText} from '../../../source/core/history/journal-reader.js';

export type Line = Record<string, unknown>;

/** `14:02:11` (or `14:02:11.500`, or `+1 00:10:00` for the next day) on 2026-11-27, UTC. */
export function iso(clock: string): string {
	const next = clock.startsWith('+1 ');
	const time = next ? clock.slice(3) : clock;
	return new Date(Date.parse(`2026-11-27T${time}Z`) + (next ? 86_400_000 : 0)).toISOString();
}

export function ms(clock: string): number {
	return Date.parse(iso(clock));
}

export function started(clock: string, pid: number, mode = 'tui'): Line {
	return {time: iso(clock), type: 'monitor', event: 'started', pid, mode, version: '0.1.0'};
}

export function stopped(clock: string, pid: number, mode = 'tui'): Line {
	return {time: iso(clock), type: 'monitor', event: 'stopped', pid, mode, version: '0.1.0'};
}

export function alive(clock: string, pid: number): Line {
	return {time: iso(clock), type: 'monitor', event: 'alive', pid, mode: 'tui', version: '0.1.0'};
}

type StatusOptions = {
	/** When the evidence was taken; for an identity, its request's start (default: 200 ms before the line). */
	asOf?: string;
	/** The latest the value can have begun (default: the line's time). */
	since?: string;
	/** The newest evidence of the other value (null: the value was first learnt). */
	earliest?: string | null;
	connected?: boolean | null;
	confirmed?: boolean;
};

/** A status line after a status_updated event at `clock`. */
export function eventStatus(clock: string, pid: number, paused: boolean, options: StatusOptions = {}): Line {
	return status(clock, pid, paused, {source: 'event', asOf: clock, since: clock, earliest: clock, ...options});
}

/** A status line after an identity answered at `clock` (requested 200 ms before unless `asOf` says). */
export function identityStatus(clock: string, pid: number, paused: boolean | null, options: StatusOptions = {}): Line {
	return status(clock, pid, paused, {source: 'identity', ...options});
}

function status(clock: string, pid: number, paused: boolean | null, options: StatusOptions & {source: 'event' | 'identity'}): Line {
	const {source} = options;
	const asOf = options.asOf ? iso(options.asOf) : new Date(ms(clock) - 200).toISOString();
	return {
		time: iso(clock), type: 'status', pid, paused, pausedSource: paused === null ? null : source,
		pausedConfirmed: options.confirmed ?? true,
		pausedAsOf: paused === null ? null : asOf,
		pausedSince: paused === null ? null : iso(options.since ?? clock),
		pausedSinceEarliest: paused === null || options.earliest === null || options.earliest === undefined ? null : iso(options.earliest),
		connected: options.connected === undefined ? true : options.connected, identityStatus: paused ? 'paused' : 'online',
	};
}

export function socket(clock: string, pid: number, state: string, extra: Line = {}): Line {
	return {time: iso(clock), type: 'socket', pid, state, attempt: 1, ...extra};
}

export function health(clock: string, pid: number, ok: boolean): Line {
	return ok
		? {time: iso(clock), type: 'health', pid, ok, latencyMs: 20}
		: {time: iso(clock), type: 'health', pid, ok, error: 'timed out', kind: 'timeout', latencyMs: 5000};
}

export function identity(clock: string, pid: number, ok: boolean): Line {
	return ok
		? {
			time: iso(clock), type: 'identity', pid, ok, origin: 'fetched', project: 'Shoot', creator: 'Ana', expiresAt: null, status: 'online',
			deviceId: 'dev-1', deviceName: 'A-cam box', latencyMs: 80,
		}
		: {time: iso(clock), type: 'identity', pid, ok, error: 'HTTP 401', kind: 'auth', httpStatus: 401};
}

export function token(clock: string, pid: number, event: string): Line {
	return {time: iso(clock), type: 'token', pid, event, source: 'credentials', version: 2, expiresAt: null};
}

export function journalText(lines: readonly Line[]): string {
	return lines.map(line => `${JSON.stringify(line)}\n`).join('');
}

/** The model of these lines (given in file order), as of `now`. */
export function historyOf(lines: ReadonlyArray<Line | string>, now: string, options: Partial<HistoryOptions> = {}): DeviceHistory {
	const text = lines.map(line => typeof line === 'string' ? `${line}\n` : `${JSON.stringify(line)}\n`).join('');
	const parsed = parseJournalText(text);
	return buildHistory(parsed.lines, {now: ms(now), skippedLines: parsed.skippedLines, ...options});
}

/** A window's times as `HH:MM:SS` (null stays null), for readable expectations. */
export function clockOf(at: number | null): string | null {
	return at === null ? null : new Date(at).toISOString().slice(11, 19);
}
