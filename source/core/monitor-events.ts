import type {DerivedStatus} from './derive-status.js';
import type {HealthCheck} from './health/health-monitor.js';
import type {IdentityResult, IdentityWait} from './identity/identity-types.js';
import type {SocketSnapshot} from './socket/socket-types.js';
import type {TrafficEntry} from './socket/traffic.js';
import type {TokenEvent} from './token/token-source.js';

/**
Everything that happens, in order. Writers that must not miss anything (NDJSON, metrics) listen to
these; views read the coalesced snapshots instead.
*/
export type MonitorEvent =
	/** `at` is when the result reached this process; an identity another process fetched has its own `receivedAt`. */
	| {readonly type: 'identity'; readonly at: number; readonly result: IdentityResult}
	/** Another process sharing the device has the identity request out: its answer is awaited. */
	| {readonly type: 'identity-wait'; readonly at: number; readonly wait: IdentityWait}
	/** The state file cannot be written (why), or can again (null): see MonitorSnapshot.stateProblem. */
	| {readonly type: 'state'; readonly at: number; readonly problem: string | null}
	| {readonly type: 'health'; readonly at: number; readonly check: HealthCheck}
	| {readonly type: 'socket'; readonly at: number; readonly socket: SocketSnapshot}
	| {readonly type: 'frame'; readonly at: number; readonly entry: TrafficEntry}
	| {readonly type: 'status'; readonly at: number; readonly status: DerivedStatus}
	| {readonly type: 'token'; readonly at: number; readonly token: TokenEvent; readonly version: number}
	| {readonly type: 'error'; readonly at: number; readonly message: string};
