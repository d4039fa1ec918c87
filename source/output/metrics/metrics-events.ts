import {Counter, Histogram, type Registry} from 'prom-client';
import type {HealthCheck} from '../../core/health/health-monitor.js';
import type {MonitorEvent} from '../../core/monitor-events.js';
import {phoenixEvents} from '../../protocol/phoenix-message.js';
import {directions, failureKinds, identityFetchResults} from './metrics-labels.js';

/** Heartbeat round trips: a reply later than 15 s never comes (the heartbeat ends the connection). */
const heartbeatBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];
/** /health latencies: a check is given up after 5 s. */
const healthBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
The counters and histograms, fed by each device's events (nothing that happens between two scrapes is
lost). The /health series are the API's, not a device's: devices on one API share its checks (a fleet
makes one per interval, whatever the number of devices), so they are labelled `api` and counted once per
check, however many devices report it.
*/
export type EventMetrics = {
	/** Counts one event of the device, which watches `api`. */
	record(device: string, api: string, event: MonitorEvent): void;
	/** Creates the device's series at zero, so that rate() and increase() have a start. */
	zero(device: string): void;
	/** Removes the device's series. */
	forget(device: string): void;
	/** Creates the API's /health series at zero. */
	zeroApi(api: string): void;
	/** Removes the API's /health series. */
	forgetApi(api: string): void;
};

export function defineEventMetrics(registry: Registry): EventMetrics {
	const registers = [registry];
	const joins = new Counter({
		name: 'c2c_socket_joins_total', help: 'Times the device websocket joined the device\'s channel.', labelNames: ['device'], registers,
	});
	const reconnects = new Counter({
		name: 'c2c_socket_reconnects_total', help: 'Device websocket connections attempted after the first.', labelNames: ['device'], registers,
	});
	const frames = new Counter({
		name: 'c2c_socket_frames_total',
		help: 'Websocket frames received (direction "in", malformed ones included) and sent ("out").',
		labelNames: ['device', 'direction'],
		registers,
	});
	const heartbeatRoundTrip = new Histogram({
		name: 'c2c_heartbeat_round_trip_seconds', help: 'Time from a heartbeat sent to its reply.', labelNames: ['device'], buckets: heartbeatBuckets, registers,
	});
	const identityFetches = new Counter({
		name: 'c2c_identity_fetches_total',
		help: 'Identity requests (GET /v2/devices/me) by result: ok, or the kind of failure.',
		labelNames: ['device', 'result'],
		registers,
	});
	const healthDuration = new Histogram({
		name: 'c2c_health_check_duration_seconds',
		help: 'How long each /health check of the API took, failed ones included (devices on one API share its checks).',
		labelNames: ['api'],
		buckets: healthBuckets,
		registers,
	});
	const healthFailures = new Counter({
		name: 'c2c_health_check_failures_total',
		help: '/health checks of the API that failed, by kind of failure (devices on one API share its checks).',
		labelNames: ['api', 'kind'],
		registers,
	});
	// A check shared by several devices reaches each of them as the same object: it is counted once.
	const counted = new WeakSet<HealthCheck>();

	/** Every series of a device: one per metric, and one per value of a fixed label. */
	const series = (device: string): Array<readonly [Counter | Histogram, Record<string, string>]> => [
		...[joins, reconnects, heartbeatRoundTrip].map(metric => [metric, {device}] as const),
		...directions.map(direction => [frames, {device, direction}] as const),
		...identityFetchResults.map(result => [identityFetches, {device, result}] as const),
	];
	const apiSeries = (api: string): Array<readonly [Counter | Histogram, Record<string, string>]> => [
		[healthDuration, {api}],
		...failureKinds.map(kind => [healthFailures, {api, kind}] as const),
	];
	const zeroAll = (list: ReturnType<typeof series>) => {
		for (const [metric, labels] of list) {
			if (metric instanceof Histogram) {
				metric.zero(labels);
			} else {
				metric.inc(labels, 0);
			}
		}
	};

	const removeAll = (list: ReturnType<typeof series>) => {
		for (const [metric, labels] of list) {
			metric.remove(labels);
		}
	};

	return {
		record(device, api, event) {
			switch (event.type) {
				case 'socket': {
					const {state, connections} = event.socket;
					if (state === 'joined') {
						joins.inc({device});
					} else if (state === 'connecting' && connections > 1) {
						reconnects.inc({device});
					}

					break;
				}

				case 'frame': {
					const {entry} = event;
					frames.inc({device, direction: entry.direction});
					if (entry.kind === 'frame' && entry.reply?.requestEvent === phoenixEvents.heartbeat) {
						heartbeatRoundTrip.observe({device}, entry.reply.latencyMs / 1000);
					}

					break;
				}

				case 'identity': {
					const {result} = event;
					// An identity (or a failure) left by the last run, or met by another process, was not fetched here.
					if (result.origin === 'fetched') {
						identityFetches.inc({device, result: result.ok ? 'ok' : result.failure.kind});
					}

					break;
				}

				case 'health': {
					const {check} = event;
					if (counted.has(check)) {
						break;
					}

					counted.add(check);
					healthDuration.observe({api}, check.latencyMs / 1000);
					if (!check.ok) {
						healthFailures.inc({api, kind: check.failure.kind});
					}

					break;
				}

				case 'status':
				case 'token':
				case 'identity-wait':
				case 'state':
				case 'error': {
					// Shown by the gauges, read from the snapshot.
					break;
				}
			}
		},
		zero(device) {
			zeroAll(series(device));
		},
		forget(device) {
			removeAll(series(device));
		},
		zeroApi(api) {
			zeroAll(apiSeries(api));
		},
		forgetApi(api) {
			removeAll(apiSeries(api));
		},
	};
}
