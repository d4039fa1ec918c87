import type {MonitorSnapshot} from '../../core/monitor.js';
import type {Tone} from './fleet-cell.js';

/** Something that happened to a device, worth a line in the fleet table. */
export type FleetEvent = {
	readonly at: number;
	/** All of it ("closed 1006 by network"), and the least that still says it ("closed 1006"). */
	readonly text: string;
	readonly short: string;
	/** Shorter still, in whole words, for a narrow column ("rejected" for "token rejected"); the short one when none is shorter. */
	readonly tiny?: string;
	readonly tone: Tone;
};

const rank: Record<Tone, number> = {bad: 3, warn: 2, doubt: 2, plain: 1, good: 1, muted: 0};

/**
The newest notable thing the snapshot records about the device: Paused changing (paused, resumed, or
found not paused), /health going down or coming back, the socket closing or being refused, the identity
refusing the token, a protocol error. Heartbeats, joins and token refreshes are routine and never
count. Of two at the same moment the more serious wins (a refusal closes the socket too).
*/
export function lastEvent(snapshot: MonitorSnapshot): FleetEvent | undefined {
	let newest: FleetEvent | undefined;
	for (const event of candidates(snapshot)) {
		if (newest === undefined || event.at > newest.at || (event.at === newest.at && rank[event.tone] > rank[newest.tone])) {
			newest = event;
		}
	}

	return newest;
}

function candidates({status, health, socket, identity}: MonitorSnapshot): FleetEvent[] {
	const events: FleetEvent[] = [];
	const {paused, connected} = status;
	if (paused.value !== null && paused.since !== null) {
		events.push(pausedEvent(paused.value, paused.source, paused.since));
	}

	const failure = health.lastFailure;
	if (connected.value === false && connected.since !== null) {
		const why = failure && !failure.ok ? `: ${failure.failure.message}` : '';
		events.push({at: connected.since, text: `/health down${why}`, short: '/health down', tiny: 'health down', tone: 'bad'});
	} else if (connected.value === true && failure && !failure.ok) {
		// Connected is the latest check: a failure before it is over, and the table says so rather than
		// "/health failed" beside Connected: yes.
		const at = Math.max(connected.since ?? failure.at, failure.at);
		events.push({at, text: `/health ok again (it failed: ${failure.failure.message})`, short: '/health ok again', tiny: 'health ok', tone: 'good'});
	}

	if (socket.rejection) {
		events.push({at: socket.rejection.at, text: `token rejected (socket, HTTP ${socket.rejection.status})`, short: 'token rejected', tiny: 'rejected', tone: 'bad'});
	}

	if (socket.lastClose) {
		const {code, by, at} = socket.lastClose;
		// The monitor's own close (a reconnect asked for, a new token) is routine: told quietly.
		events.push({at, text: `closed ${code} by ${by}`, short: `closed ${code}`, tone: by === 'client' ? 'muted' : 'warn'});
	}

	if (socket.lastProtocolError) {
		events.push({at: socket.lastProtocolError.at, text: `protocol error: ${socket.lastProtocolError.detail}`, short: 'protocol error', tiny: 'bad frame', tone: 'warn'});
	}

	if (identity.error?.kind === 'auth' && identity.lastAttemptAt !== null) {
		events.push({at: identity.lastAttemptAt, text: `token rejected (identity, HTTP ${identity.error.status ?? 401})`, short: 'token rejected', tiny: 'rejected', tone: 'bad'});
	}

	return events;
}

function pausedEvent(value: boolean, source: MonitorSnapshot['status']['paused']['source'], at: number): FleetEvent {
	if (value) {
		return {at, text: source === 'event' ? 'paused (event)' : 'paused (identity)', short: 'paused', tone: 'warn'};
	}

	// Found not paused by the identity is most often the first look rather than a resume: it says only
	// what it knows, and quietly.
	return source === 'event'
		? {at, text: 'resumed (event)', short: 'resumed', tone: 'good'}
		: {at, text: 'not paused (identity)', short: 'not paused', tone: 'muted'};
}
