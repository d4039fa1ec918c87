import type {Monitor} from '../../core/monitor.js';
import type {KeyCommands} from './use-keys.js';

/** What `r` and `c` ask of the monitor, and the notice each leaves in the footer (a countdown kept current). */
export function monitorCommands(
	monitor: Pick<Monitor, 'refreshIdentity' | 'reconnect' | 'getSnapshot'>,
	clockNow: () => number,
): Pick<KeyCommands, 'refresh' | 'reconnect'> {
	return {
		refresh() {
			const outcome = monitor.refreshIdentity();
			const allowedAt = monitor.getSnapshot().identity.nextAllowedAt ?? clockNow();
			switch (outcome) {
				case 'now': {
					return 'identity: fetching now';
				}

				case 'queued': {
					return (now: number) => allowedAt > now ? `identity: next allowed in ${Math.ceil((allowedAt - now) / 1000)} s, queued` : 'identity: fetching';
				}

				case 'in-flight': {
					return 'identity: a fetch is already under way';
				}

				case 'stopped': {
					return '';
				}
			}
		},
		reconnect() {
			switch (monitor.reconnect()) {
				case 'now': {
					return 'socket: reconnecting now';
				}

				case 'rejected': {
					const retryAt = monitor.getSnapshot().socket.nextRetryAt ?? clockNow();
					return (now: number) => `socket: token rejected; next try in ${Math.max(0, Math.ceil((retryAt - now) / 1000))} s or on a new token`;
				}

				case 'no-device': {
					return 'socket: no device yet (waiting for the identity)';
				}
			}
		},
	};
}
