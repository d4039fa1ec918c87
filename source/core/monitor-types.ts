import type {Clock} from './clock.js';
import type {DerivedStatus} from './derive-status.js';
import type {HealthMonitor, HealthSnapshot} from './health/health-monitor.js';
import type {IdentitySnapshot} from './identity/identity-types.js';
import type {SocketSnapshot} from './socket/socket-types.js';
import type {TrafficEntry} from './socket/traffic.js';
import type {TokenSnapshot, TokenSource} from './token/token-source.js';

/** Everything a view shows of one device, as one immutable value (published at most about 15 times a second). */
export type MonitorSnapshot = {
	readonly startedAt: number | null;
	readonly running: boolean;
	/** The API URL as configured (it never carries the token). */
	readonly apiUrl: string;
	readonly token: TokenSnapshot;
	readonly identity: IdentitySnapshot;
	readonly health: HealthSnapshot;
	readonly socket: SocketSnapshot;
	readonly status: DerivedStatus;
	/** The newest frames in and out, oldest first (at most 1,000). */
	readonly traffic: readonly TrafficEntry[];
	/**
	Why the per-device state file cannot be written (a read-only or full disk), or null: the 60 s rule
	then cannot hold across restarts and processes (issue 14.6). Set by the first failed write (with the
	file's path and the system's reason: `cannot write /…/device-….json: EROFS: read-only file system, …`),
	cleared by the next write that works.
	*/
	readonly stateProblem: string | null;
};

export type MonitorOptions = {
	readonly clock?: Clock;
	readonly fetch?: typeof fetch;
	/** Snapshots are published at most this often (default publishIntervalMs). */
	readonly coalesceMs?: number;
	/** Extra secrets to keep out of every message (a refresh token, a client secret). */
	readonly secrets?: readonly string[];
	/**
	Health checks shared with the other devices on the same API (a fleet's): Connected is about this
	machine reaching Frame.io, so fifty devices on one API make one check per interval, not fifty.
	*/
	readonly health?: HealthMonitor;
	/** No socket at all: /health and the identity only (`check --no-socket`). */
	readonly withoutSocket?: boolean;
	/** The token source to use instead of one made from the config (tests, the demo). */
	readonly tokenSource?: TokenSource;
	/** Overrides for the socket's timings (tests). */
	readonly socket?: {readonly handshakeTimeoutMs?: number; readonly rejectedRetryMs?: number; readonly heartbeatIntervalMs?: number};
};
