import {Gauge, type GaugeConfiguration, type Registry} from 'prom-client';
import type {MonitorSnapshot} from '../../core/monitor.js';
import {socketStates} from './metrics-labels.js';

/** Each attached device's name and how to read its current snapshot. */
export type DeviceSnapshots = ReadonlyMap<string, () => MonitorSnapshot>;

/** A yes/no as Prometheus wants it; null (not known yet) leaves the series out. */
function flag(value: boolean | null): number | null {
	return value === null ? null : Number(value);
}

/** A time in milliseconds as Prometheus' seconds; not a date (NaN) leaves the series out. */
function secondsOrNull(ms: number): number | null {
	return Number.isNaN(ms) ? null : ms / 1000;
}

/**
How old what is known of Paused is, in seconds, at `now`: 0 while it is confirmed with the device's
channel joined (a pause would arrive at once as an event); otherwise since the newest evidence, or the
last moment it was confirmed (a fresh identity confirms it for ~75 s). Null while Paused is unknown.
*/
function pausedEvidenceAge(snapshot: MonitorSnapshot, now: number): number | null {
	const {paused, confidence} = snapshot.status;
	if (paused.value === null) {
		return null;
	}

	if (confidence.confirmed && snapshot.socket.state === 'joined') {
		return 0;
	}

	const times = [confidence.confirmedAt, paused.evidenceAt].filter((time): time is number => time !== null);
	return times.length === 0 ? null : Math.max(0, now - Math.max(...times)) / 1000;
}

/** What each per-device gauge shows for a snapshot (at `now`); null leaves its series out (unknown, or not applicable). */
const snapshotReadings = {
	paused: (snapshot: MonitorSnapshot) => flag(snapshot.status.paused.value),
	pausedConfirmed: (snapshot: MonitorSnapshot) => snapshot.status.paused.value === null ? null : Number(snapshot.status.confidence.confirmed),
	pausedEvidenceAge,
	connected: (snapshot: MonitorSnapshot) => flag(snapshot.status.connected.value),
	joined: (snapshot: MonitorSnapshot) => Number(snapshot.socket.state === 'joined'),
	tokenExpiresAt: (snapshot: MonitorSnapshot) => snapshot.token.expiresAt === null ? null : snapshot.token.expiresAt / 1000,
	pairingNeeded: (snapshot: MonitorSnapshot) => Number(snapshot.token.refresh?.phase === 'pairing-needed'),
	// Not the phase alone: a retry spends up to the auth timeout (15 s) in 'refreshing', and an alert on
	// the gauge would resolve and fire again at each one. The error is cleared only by a refresh that works.
	refreshFailing: (snapshot: MonitorSnapshot) => snapshot.token.refresh === null ? null : Number(snapshot.token.refresh.lastError !== null),
	// Owned credentials only: a pair that cannot be saved (refreshes held back) or is held in memory only.
	credentialsSaveFailing: (snapshot: MonitorSnapshot) => snapshot.token.refresh === null ? null : Number(snapshot.token.persistence.state !== 'ok'),
	// Frame.io's Authorization.expires_at; null means never, and a value that is not a date is left out too.
	authorizationExpiresAt: (snapshot: MonitorSnapshot) => secondsOrNull(Date.parse(snapshot.identity.identity?.expiresAt ?? '')),
} as const satisfies Record<string, (snapshot: MonitorSnapshot, now: number) => number | null>;

/**
The gauges: read from each device's snapshot when Prometheus scrapes, so they always show the state
the views show, whatever happened in between. A device detached is simply no longer read.
*/
export function defineSnapshotGauges(registry: Registry, devices: DeviceSnapshots, now: () => number): void {
	const deviceGauge = (name: string, help: string, read: (snapshot: MonitorSnapshot, now: number) => number | null) => register(registry, {
		name,
		help,
		labelNames: ['device'],
		collect() {
			this.reset();
			const at = now();
			for (const [device, getSnapshot] of devices) {
				const value = read(getSnapshot(), at);
				if (value !== null) {
					this.set({device}, value);
				}
			}
		},
	});

	deviceGauge(
		'c2c_paused',
		'1 when the device is paused in Frame.io\'s C2C Connections tab (footage will not upload), 0 when not; absent until known.',
		snapshotReadings.paused,
	);
	deviceGauge(
		'c2c_paused_confirmed',
		'1 while something confirms c2c_paused: the device\'s channel is joined, or its newest identity is under about 75 s old; '
		+ '0 when c2c_paused is only the last value known; absent until known.',
		snapshotReadings.pausedConfirmed,
	);
	deviceGauge(
		'c2c_paused_evidence_age_seconds',
		'How old the evidence for c2c_paused is: 0 while confirmed with the channel joined, else the seconds since the newest evidence '
		+ 'or confirmation (a pause may have gone unseen meanwhile); absent until known.',
		snapshotReadings.pausedEvidenceAge,
	);
	deviceGauge(
		'c2c_connected',
		'1 when this machine reaches Frame.io (the latest /health check succeeded), 0 when not; absent until the first check.',
		snapshotReadings.connected,
	);
	deviceGauge(
		'c2c_socket_joined',
		'1 when the device websocket has joined the device\'s channel (status events arrive), 0 otherwise.',
		snapshotReadings.joined,
	);
	deviceGauge(
		'c2c_token_expiry_timestamp_seconds',
		'When the device\'s access token expires, in seconds since the epoch; only for credentials this monitor owns and refreshes.',
		snapshotReadings.tokenExpiresAt,
	);
	deviceGauge(
		'c2c_pairing_needed',
		'1 when the owned credentials\' refresh token is dead and someone must run c2c-status pair, 0 otherwise.',
		snapshotReadings.pairingNeeded,
	);
	deviceGauge(
		'c2c_token_refresh_failing',
		'1 while the owned access token\'s refresh is failing: its latest try failed and none has worked since (retries and pairing needed included), 0 otherwise; only for owned credentials.',
		snapshotReadings.refreshFailing,
	);
	deviceGauge(
		'c2c_credentials_save_failing',
		'1 while the owned credentials cannot be kept on disk: a test write failed so refreshes are held back, or a refreshed pair '
		+ 'is held in memory only and a restart would lose the pairing; 0 otherwise; only for owned credentials.',
		snapshotReadings.credentialsSaveFailing,
	);
	deviceGauge(
		'c2c_authorization_expiry_timestamp_seconds',
		'When the device\'s authorization (its connection to the project) expires, in seconds since the epoch; no token refresh extends it. Absent when it never expires or is not known yet.',
		snapshotReadings.authorizationExpiresAt,
	);

	// A state set: one series per state, 1 for the current one.
	register(registry, {
		name: 'c2c_socket_state',
		help: 'The device websocket\'s state: 1 for the current state, 0 for the others.',
		labelNames: ['device', 'state'],
		collect() {
			this.reset();
			for (const [device, getSnapshot] of devices) {
				const current = getSnapshot().socket.state;
				for (const state of socketStates) {
					this.set({device, state}, Number(state === current));
				}
			}
		},
	});
}

function register<L extends string>(registry: Registry, configuration: GaugeConfiguration<L>): Gauge<L> {
	return new Gauge({...configuration, registers: [registry]});
}
