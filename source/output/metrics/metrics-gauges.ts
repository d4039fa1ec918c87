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

/** What each per-device gauge shows for a snapshot; null leaves its series out (unknown, or not applicable). */
const snapshotReadings = {
	paused: (snapshot: MonitorSnapshot) => flag(snapshot.status.paused.value),
	connected: (snapshot: MonitorSnapshot) => flag(snapshot.status.connected.value),
	joined: (snapshot: MonitorSnapshot) => Number(snapshot.socket.state === 'joined'),
	tokenExpiresAt: (snapshot: MonitorSnapshot) => snapshot.token.expiresAt === null ? null : snapshot.token.expiresAt / 1000,
	pairingNeeded: (snapshot: MonitorSnapshot) => Number(snapshot.token.refresh?.phase === 'pairing-needed'),
	// Not the phase alone: a retry spends up to the auth timeout (15 s) in 'refreshing', and an alert on
	// the gauge would resolve and fire again at each one. The error is cleared only by a refresh that works.
	refreshFailing: (snapshot: MonitorSnapshot) => snapshot.token.refresh === null ? null : Number(snapshot.token.refresh.lastError !== null),
	// Frame.io's Authorization.expires_at; null means never, and a value that is not a date is left out too.
	authorizationExpiresAt: (snapshot: MonitorSnapshot) => secondsOrNull(Date.parse(snapshot.identity.identity?.expiresAt ?? '')),
} as const satisfies Record<string, (snapshot: MonitorSnapshot) => number | null>;

/**
The gauges: read from each device's snapshot when Prometheus scrapes, so they always show the state
the views show, whatever happened in between. A device detached is simply no longer read.
*/
export function defineSnapshotGauges(registry: Registry, devices: DeviceSnapshots): void {
	const deviceGauge = (name: string, help: string, read: (snapshot: MonitorSnapshot) => number | null) => register(registry, {
		name,
		help,
		labelNames: ['device'],
		collect() {
			this.reset();
			for (const [device, getSnapshot] of devices) {
				const value = read(getSnapshot());
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
