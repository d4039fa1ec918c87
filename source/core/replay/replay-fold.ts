import {unknownStatus, type DerivedStatus} from '../derive-status.js';
import {noEvidence} from '../paused-confidence.js';
import {emptyHeartbeatStats} from '../socket/heartbeat.js';
import {initialSocketSnapshot, type SocketSnapshot} from '../socket/socket-types.js';
import type {HealthSnapshot} from '../health/health-monitor.js';
import {idleIdentity, type IdentitySnapshot} from '../identity/identity-types.js';
import {persistenceOk, type TokenKind, type TokenSnapshot} from '../token/token-source.js';
import {foldFrame, foldSocket} from './replay-socket.js';
import {foldHealth, foldIdentity} from './replay-requests.js';
import {flag, text, time, type RecordedLine} from './recorded-line.js';

/**
What the panels show, as of one line of a recording: the parts of a MonitorSnapshot, folded line by
line from what the monitor printed. The recorded `status` lines carry the status as it was derived and
shown, so it is taken as written, never derived again from frames. What a recording cannot tell (when
the next identity fetch, /health check, heartbeat or refresh was due) stays unknown (null).
*/
export type ReplayState = {
	readonly startedAt: number | null;
	readonly token: TokenSnapshot;
	readonly identity: IdentitySnapshot;
	readonly health: HealthSnapshot;
	readonly socket: SocketSnapshot;
	readonly status: DerivedStatus;
	/** The last heartbeat round trips (for their mean, as the live socket keeps 20). */
	readonly roundTrips: readonly number[];
	/** Frame lines folded so far: the traffic log shows the frames before this one. */
	readonly frames: number;
};

/** Where the token came from, as far as a recording says (never which variable or file). */
const tokenLabels: Readonly<Record<TokenKind, string>> = {env: 'an environment variable', file: 'a token file', credentials: 'a credentials file', fixed: 'the demo'};

export const emptyHealth: HealthSnapshot = {
	phase: 'idle', last: null, lastSuccessAt: null, lastFailure: null, consecutiveFailures: 0, history: [], nextCheckAt: null, intervalMs: 0, checkingSince: null,
};

/** The state before the first line; `source` is the first token line's (a recording says it at its start). */
export function initialReplayState(socketUrl: string, source: TokenKind): ReplayState {
	return {
		startedAt: null,
		token: {
			source, label: tokenLabels[source], version: 0, changedAt: null, error: null, warning: null, expiresAt: null,
			refresh: source === 'credentials' ? {phase: 'scheduled', nextRefreshAt: null, lastRefreshAt: null, refreshes: 0, lastError: null} : null,
			persistence: persistenceOk,
		},
		identity: idleIdentity,
		health: emptyHealth,
		socket: {...initialSocketSnapshot(socketUrl), heartbeat: {...emptyHeartbeatStats, nextAt: null}},
		status: unknownStatus,
		roundTrips: [],
		frames: 0,
	};
}

/** The state after one more line. */
export function foldLine(state: ReplayState, line: RecordedLine): ReplayState {
	const {fields, at} = line;
	switch (line.type) {
		case 'recording':
		case 'monitor': {
			const started = line.type === 'recording' ? time(fields, 'startedAt') ?? at : (text(fields, 'event') === 'started' ? at : null);
			return state.startedAt === null && started !== null ? {...state, startedAt: started} : state;
		}

		case 'status': {
			return {...state, status: foldStatus(state.status, fields, at)};
		}

		case 'identity': {
			return {...state, identity: foldIdentity(state.identity, fields, at)};
		}

		case 'health': {
			return {...state, health: foldHealth(state.health, fields, at)};
		}

		case 'socket': {
			return {...state, socket: foldSocket(state.socket, fields, at)};
		}

		case 'frame': {
			return {...foldFrame(state, fields, at), frames: state.frames + 1};
		}

		case 'token': {
			return {...state, token: foldToken(state.token, fields, at)};
		}

		case 'error': {
			const message = text(fields, 'message') ?? '';
			if (!message.startsWith('protocol error')) {
				return state;
			}

			const {socket} = state;
			return {...state, socket: {...socket, protocolErrors: socket.protocolErrors + 1, lastProtocolError: {at, detail: message.replace(/^protocol error: /, '')}}};
		}

		case 'hook': {
			return state;
		}
	}
}

/** A `status` line: the status as the monitor derived it and showed it. */
function foldStatus(previous: DerivedStatus, fields: Readonly<Record<string, unknown>>, at: number): DerivedStatus {
	const paused = flag(fields, 'paused');
	const connected = flag(fields, 'connected');
	const source = text(fields, 'pausedSource');
	const asOf = time(fields, 'pausedAsOf') ?? at;
	const pausedChanged = paused !== previous.paused.value;
	const connectedChanged = connected !== previous.connected.value;
	const identityStatus = text(fields, 'identityStatus');
	return {
		paused: {
			value: paused,
			since: paused === null ? null : (pausedChanged ? time(fields, 'pausedSince') ?? at : previous.paused.since),
			source: source === 'event' || source === 'identity' ? source : null,
			evidenceAt: paused === null ? null : asOf,
		},
		connected: {
			value: connected,
			since: connected === null ? null : (connectedChanged ? at : previous.connected.since),
			source: connected === null ? null : 'health',
			evidenceAt: connected === null ? null : at,
		},
		confidence: confidenceOf(previous, fields, asOf, source),
		// What the line tells of the evidence; the rest (joins, identities) is the live monitor's working memory.
		evidence: {...noEvidence, sinceEarliest: paused === null ? null : time(fields, 'pausedSinceEarliest')},
		identityStatus: fields.identityStatus === undefined ? previous.identityStatus : {value: identityStatus, at},
	};
}

/**
Whether Paused was confirmed, as the line says. A line written before the monitor knew of confirmation
(issue 15) does not say: the monitor that wrote it showed Paused plainly, and so does the replay.
*/
function confidenceOf(previous: DerivedStatus, fields: Readonly<Record<string, unknown>>, asOf: number, source: string | null): DerivedStatus['confidence'] {
	const confirmed = flag(fields, 'pausedConfirmed');
	const unconfirmed = fields.pausedUnconfirmed;
	const lastEvidence = source === 'event' || source === 'identity' ? source : null;
	if (confirmed === null) {
		return {confirmed: true, confirmedAt: asOf, reasons: [], lastEvidence};
	}

	return {
		confirmed,
		confirmedAt: confirmed ? asOf : previous.confidence.confirmedAt,
		// The reasons as the monitor gave them (`pausedUnconfirmed`), or a plain word when the line has none.
		reasons: confirmed ? [] : (Array.isArray(unconfirmed) && unconfirmed.length > 0 ? unconfirmed.filter(reason => typeof reason === 'string') : ['unconfirmed when recorded']),
		lastEvidence,
	};
}

/** A `token` line: the token's story (never a token: the lines hold none). */
function foldToken(previous: TokenSnapshot, fields: Readonly<Record<string, unknown>>, at: number): TokenSnapshot {
	const event = text(fields, 'event');
	const error = text(fields, 'error');
	const expiresAt = fields.expiresAt === undefined ? previous.expiresAt : time(fields, 'expiresAt');
	const version = typeof fields.version === 'number' ? fields.version : previous.version;
	const {refresh} = previous;
	const base = {...previous, version, expiresAt};
	const kind = event ?? '';
	switch (kind) {
		case 'loaded':
		case 'changed': {
			return {...base, changedAt: at, error: null};
		}

		case 'refreshing': {
			return refresh ? {...base, refresh: {...refresh, phase: 'refreshing'}} : base;
		}

		case 'refreshed': {
			return {...base, changedAt: at, refresh: refresh ? {...refresh, phase: 'scheduled', lastRefreshAt: at, refreshes: refresh.refreshes + 1, lastError: null} : null};
		}

		case 'refresh-failed':
		case 'pairing-needed': {
			return refresh ? {...base, refresh: {...refresh, phase: kind === 'refresh-failed' ? 'retrying' : 'pairing-needed', lastError: error}} : base;
		}

		case 'unreadable': {
			return {...base, error};
		}

		case 'readable': {
			return {...base, error: null};
		}

		case 'cannot-save':
		case 'unsaved': {
			return {...base, persistence: {state: kind, error: error ?? 'not saved', since: at, nextTryAt: null}};
		}

		case 'saved': {
			return {...base, persistence: persistenceOk};
		}

		default: {
			return base;
		}
	}
}
