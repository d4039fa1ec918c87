import {Registry} from 'prom-client';
import type {Monitor, MonitorSnapshot} from '../../core/monitor.js';
import {defineEventMetrics} from './metrics-events.js';
import {defineSnapshotGauges} from './metrics-gauges.js';
import {apiLabel} from './metrics-labels.js';

/** One device to export: its name (the `device` label; unique among those attached) and its monitor. */
export type MetricsDevice = {
	readonly name: string;
	readonly monitor: Pick<Monitor, 'events' | 'getSnapshot'>;
};

export type MetricsOptions = {
	/** The time gauges are read at (evidence ages): the system's unless told (tests pass a manual clock's). */
	readonly now?: () => number;
};

export type Metrics = {
	/** Our own registry: only the c2c_ metrics, none of prom-client's default process metrics. */
	readonly registry: Registry;
	/**
	Exports one device's metrics until the returned function is called (which removes its series).
	Attach before the monitor starts, as the NDJSON writer is: the counters count from here on.
	Throws when a device of the same name is attached already.
	*/
	attach(device: MetricsDevice): () => void;
};

/**
Prometheus metrics for one device (the TUI or NDJSON mode) or a fleet (one attach per device). Every
series carries the `device` label, but the /health series, which carry the API's (`api`), once per API:
devices on one API share its checks. The other labels take values from fixed sets. Counters and
histograms follow each device's events, gauges read its snapshot at scrape time.
*/
export function createMetrics(options: MetricsOptions = {}): Metrics {
	const registry = new Registry();
	const snapshots = new Map<string, () => MonitorSnapshot>();
	defineSnapshotGauges(registry, snapshots, options.now ?? Date.now);
	const events = defineEventMetrics(registry);
	/** How many attached devices watch each API: its /health series go with the last. */
	const devicesByApi = new Map<string, number>();
	return {
		registry,
		attach({name, monitor}) {
			if (snapshots.has(name)) {
				throw new Error(`metrics: a device named "${name}" is attached already (each device needs a name of its own)`);
			}

			const api = apiLabel(monitor.getSnapshot().apiUrl);
			snapshots.set(name, () => monitor.getSnapshot());
			events.zero(name);
			const sharing = devicesByApi.get(api) ?? 0;
			if (sharing === 0) {
				events.zeroApi(api);
			}

			devicesByApi.set(api, sharing + 1);
			const stopListening = monitor.events.on(event => {
				events.record(name, api, event);
			});
			let attached = true;
			return () => {
				if (!attached) {
					return;
				}

				attached = false;
				stopListening();
				snapshots.delete(name);
				events.forget(name);
				const left = devicesByApi.get(api)! - 1;
				if (left === 0) {
					devicesByApi.delete(api);
					events.forgetApi(api);
				} else {
					devicesByApi.set(api, left);
				}
			};
		},
	};
}
