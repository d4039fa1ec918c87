import type {DerivedStatus} from './derive-status.js';
import type {HealthCheck} from './health/health-monitor.js';
import type {IdentityResult} from './identity/identity-poller.js';
import type {SocketSnapshot} from './socket/socket-types.js';
import type {TrafficEntry} from './socket/traffic.js';
import type {TokenEvent} from './token/token-source.js';

/**
Everything that happens, in order. Writers that must not miss anything (NDJSON, metrics) listen to
these; views read the coalesced snapshots instead.
*/
export type MonitorEvent =
	| {readonly type: 'identity'; readonly at: number; readonly result: IdentityResult}
	| {readonly type: 'health'; readonly at: number; readonly check: HealthCheck}
	| {readonly type: 'socket'; readonly at: number; readonly socket: SocketSnapshot}
	| {readonly type: 'frame'; readonly at: number; readonly entry: TrafficEntry}
	| {readonly type: 'status'; readonly at: number; readonly status: DerivedStatus}
	| {readonly type: 'token'; readonly at: number; readonly token: TokenEvent; readonly version: number}
	| {readonly type: 'error'; readonly at: number; readonly message: string};
