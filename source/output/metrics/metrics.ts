import {Registry} from 'prom-client';
import type {Monitor, MonitorSnapshot} from '../../core/monitor.js';
import {defineEventMetrics} from './metrics-events.js';
import {defineSnapshotGauges} from './metrics-gauges.js';

/** One device to export: its name (the `device` label; unique among those attached) and its monitor. */
export type MetricsDevice = {
	readonly name: string;
	readonly monitor: Pick<Monitor, 'events' | 'getSnapshot'>;
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
series carries the `device` label; the other labels take values from fixed sets. Counters and histograms
follow each device's events, gauges read its snapshot at scrape time.
*/
export function createMetrics(): Metrics {
	const registry = new Registry();
	const snapshots = new Map<string, () => MonitorSnapshot>();
	defineSnapshotGauges(registry, snapshots);
	const events = defineEventMetrics(registry);
	return {
		registry,
		attach({name, monitor}) {
			if (snapshots.has(name)) {
				throw new Error(`metrics: a device named "${name}" is attached already (each device needs a name of its own)`);
			}

			snapshots.set(name, () => monitor.getSnapshot());
			events.zero(name);
			const stopListening = monitor.events.on(event => {
				events.record(name, event);
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
			};
		},
	};
}
