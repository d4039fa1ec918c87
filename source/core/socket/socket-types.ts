import type {StatusUpdate} from '../../protocol/phoenix-message.js';
import type {Backoff} from '../backoff.js';
import type {Clock} from '../clock.js';
import type {Redactor} from '../token/redact.js';
import {noJoin, type JoinState} from './channel-join.js';
import {emptyHeartbeatStats, type HeartbeatStats} from './heartbeat.js';
import type {TrafficEntry} from './traffic.js';

export type DeviceSocketOptions = {
	readonly clock: Clock;
	readonly apiUrl: URL;
	readonly getToken: () => string;
	readonly redact: Redactor;
	readonly handshakeTimeoutMs?: number;
	readonly heartbeatIntervalMs?: number;
	/** The upgrade was refused (401/403) for this token: an owned token refreshes, and the new one is tried at once. */
	readonly tokenRejected?: (token: string) => void;
	/** After a 403, wait this long before trying again (unless the token changes). */
	readonly rejectedRetryMs?: number;
	/** A connection that stayed up this long resets the reconnect backoff. */
	readonly stableAfterMs?: number;
	readonly backoff?: Backoff;
	/** Frames larger than this end the connection (close 1009); those over 1 MiB are only recorded. */
	readonly maxPayloadBytes?: number;
};

/** What a reconnect request did: reconnecting now, held back by a refused token, or nothing to connect yet. */
export type ReconnectOutcome = 'now' | 'rejected' | 'no-device';

export type SocketState = 'idle' | 'connecting' | 'open' | 'joined' | 'closed' | 'waiting' | 'rejected' | 'stopped';

export type CloseInfo = {
	readonly code: number;
	readonly reason: string;
	readonly at: number;
	/** Who ended it: the server (a close frame), the monitor itself, or the network (no close frame). */
	readonly by: 'server' | 'client' | 'network';
};

export type Rejection = {
	readonly status: number;
	readonly message: string;
	readonly at: number;
};

export type SocketSnapshot = {
	readonly state: SocketState;
	/** The socket URL without its query (the token never appears here). */
	readonly url: string;
	readonly topic: string | null;
	/** Connections attempted since start. */
	readonly connections: number;
	/** Attempts since the last stable connection; 1 on a first try. */
	readonly attempt: number;
	/** Connections attempted after the first. */
	readonly reconnects: number;
	readonly openedAt: number | null;
	readonly lastClose: CloseInfo | null;
	readonly nextRetryAt: number | null;
	/** The upgrade was refused (403: the token is missing, wrong or expired). */
	readonly rejection: Rejection | null;
	readonly join: JoinState;
	/** The current connection's heartbeats (or, between connections, the last one's); each connection starts from zero. */
	readonly heartbeat: HeartbeatStats;
	/** Heartbeats left unanswered since start (each ended its connection). */
	readonly heartbeatTimeouts: number;
	readonly framesIn: number;
	readonly framesOut: number;
	readonly protocolErrors: number;
	readonly lastProtocolError: {readonly at: number; readonly detail: string} | null;
	readonly unknownEvents: number;
	readonly lastUnknownEvent: {readonly at: number; readonly topic: string; readonly event: string} | null;
	readonly lastError: string | null;
};

export type SocketEvent =
	| {readonly type: 'state'; readonly snapshot: SocketSnapshot}
	| {readonly type: 'frame'; readonly entry: TrafficEntry}
	| {readonly type: 'status'; readonly value: StatusUpdate; readonly at: number}
	| {readonly type: 'protocol-error'; readonly detail: string; readonly at: number};

export function initialSocketSnapshot(url: string): SocketSnapshot {
	return {
		state: 'idle', url, topic: null, connections: 0, attempt: 0, reconnects: 0, openedAt: null, lastClose: null,
		nextRetryAt: null, rejection: null, join: noJoin, heartbeat: emptyHeartbeatStats, heartbeatTimeouts: 0, framesIn: 0, framesOut: 0,
		protocolErrors: 0, lastProtocolError: null, unknownEvents: 0, lastUnknownEvent: null, lastError: null,
	};
}
