import {deviceTopic} from '../protocol/phoenix-message.js';
import type {Clock} from './clock.js';
import type {HealthCheck, HealthMonitor} from './health/health-monitor.js';
import type {IdentityPoller} from './identity/identity-poller.js';
import type {IdentityResult} from './identity/identity-types.js';
import type {MonitorEvent} from './monitor-events.js';
import {channelObservation, identityTrouble, type StatusKeeper} from './monitor-status.js';
import type {RingBuffer} from './utils/ring-buffer.js';
import type {DeviceSocket} from './socket/device-socket.js';
import type {SocketEvent} from './socket/socket-types.js';
import type {TrafficEntry} from './socket/traffic.js';
import type {IdentityStateFile} from './state/identity-state-file.js';
import type {Redactor} from './token/redact.js';
import type {TokenSource} from './token/token-source.js';
import {settled} from './utils/settled.js';

/** The Monitor's parts, and what they report to. */
export type MonitorParts = {
	readonly clock: Clock;
	readonly tokens: TokenSource;
	readonly identity: IdentityPoller;
	readonly health: HealthMonitor;
	readonly socket: DeviceSocket;
	readonly status: StatusKeeper;
	readonly memory: IdentityStateFile | undefined;
	readonly traffic: RingBuffer<TrafficEntry>;
	readonly withoutSocket: boolean;
	readonly redact: Redactor;
	readonly emit: (event: MonitorEvent) => void;
	/** Something shown changed: a snapshot is due. */
	readonly changed: () => void;
};

/**
How the parts react to each other, the rules of the guide that span them: a new token → the identity
at once and the socket tries it at once; the identity → the device channel; a status_updated event or
a rejoin → an identity fetch to confirm (within the 60 s rule); a close without a close frame → /health
now; /health back after failing → a failed token refresh is tried again now. Everything that bears on
Paused and Connected is observed by the status. Returns the unsubscribers.
*/
export function wireMonitor(parts: MonitorParts): Array<() => void> {
	const {clock, tokens, identity, health, socket, status, emit, changed} = parts;
	let healthFailing = false;
	const healthChecked = (check: HealthCheck) => {
		emit({type: 'health', at: clock.now(), check});
		status.observe({kind: 'health', ok: check.ok, at: check.at});
		// The network came back: a token refresh that failed on it is tried again now, not at its backoff's end.
		if (check.ok && healthFailing) {
			tokens.networkRecovered();
		}

		healthFailing = !check.ok;
	};

	return [
		tokens.subscribe(changed),
		identity.subscribe(changed),
		health.subscribe(changed),
		socket.subscribe(changed),
		tokens.changes.on(() => {
			identity.tokenChanged();
			socket.tokenChanged();
		}),
		identity.results.on(result => {
			identityArrived(parts, result);
		}),
		identity.waits.on(wait => {
			emit({type: 'identity-wait', at: clock.now(), wait});
		}),
		health.checks.on(healthChecked),
		socket.events.on(event => {
			socketEvent(parts, event);
		}),
	];
}

/** An identity (or a failure) arrived, fetched here or left by another process: the status weighs it, and the socket joins its device. */
export function identityArrived({clock, status, socket, withoutSocket, emit}: MonitorParts, result: IdentityResult): void {
	const at = clock.now();
	emit({type: 'identity', at, result});
	if (!result.ok) {
		status.observe({kind: 'identity-trouble', trouble: identityTrouble(result.failure), at});
		return;
	}

	status.observe({kind: 'identity-trouble', trouble: null, at});
	status.observe({kind: 'identity', status: result.identity.status, requestedAt: result.requestedAt, receivedAt: result.receivedAt});
	if (!withoutSocket) {
		socket.connect(deviceTopic(result.identity.id));
	}
}

function socketEvent(parts: MonitorParts, event: SocketEvent): void {
	const {clock, identity, health, status, traffic, withoutSocket, emit} = parts;
	const at = clock.now();
	switch (event.type) {
		case 'frame': {
			traffic.push(event.entry);
			emit({type: 'frame', at, entry: event.entry});
			parts.changed();
			break;
		}

		case 'state': {
			const {snapshot} = event;
			emit({type: 'socket', at, socket: snapshot});
			status.observe(channelObservation(snapshot, withoutSocket, at));
			// Events may have been missed while the channel was down: reconcile through the identity (60 s rule still applies).
			if (snapshot.state === 'joined' && snapshot.connections > 1) {
				identity.refresh();
			}

			// A close without a close frame (1006: the network, or a heartbeat left unanswered) may mean
			// Frame.io is out of reach: ask /health now rather than show "Connected: yes" beside it.
			if (snapshot.state === 'closed' && (snapshot.lastClose?.by === 'network' || snapshot.lastClose?.code === 1006)) {
				health.checkSoon();
			}

			break;
		}

		case 'status': {
			status.observe({kind: 'status-event', value: event.value, at: event.at});
			identity.refresh();
			// Kept for the next run (and a `check`), which would otherwise miss it until its identity; a failed
			// write is said once, by the state file (stateProblem).
			const deviceId = identity.getSnapshot().identity?.id;
			if (parts.memory && deviceId !== undefined) {
				void settled(parts.memory.rememberEvent({value: event.value, at: event.at, deviceId}));
			}

			break;
		}

		case 'protocol-error': {
			emit({type: 'error', at, message: parts.redact(`protocol error: ${event.detail}`)});
			break;
		}
	}
}
