import type {SocketSnapshot} from '../../core/socket/socket-types.js';

/**
The moment `at`, if it belongs to the socket's latest connection (at or after it opened), else null:
after a reconnect the previous connection's heartbeats and round trips are not this one's (issue 15.14).
*/
export function thisConnection(socket: Pick<SocketSnapshot, 'openedAt'>, at: number | null): number | null {
	return at !== null && socket.openedAt !== null && at >= socket.openedAt ? at : null;
}

/**
The round trip to show: the last heartbeat's, while the socket is joined and that reply came on this
connection; null otherwise (a socket down, or an API gone, has no round trip now, whatever the last one was).
*/
export function currentRttMs(socket: Pick<SocketSnapshot, 'state' | 'openedAt' | 'heartbeat'>): number | null {
	const live = socket.state === 'joined' || socket.state === 'open';
	return live && thisConnection(socket, socket.heartbeat.lastReplyAt) !== null ? socket.heartbeat.lastRttMs : null;
}
