import {systemClock, type Clock} from '../clock.js';
import {CoalescedPublish, publishIntervalMs} from '../coalesced-publish.js';
import {HealthMonitor} from '../health/health-monitor.js';
import {createApiClient} from '../http/api-client.js';
import {Monitor, type MonitorSnapshot} from '../monitor.js';
import type {MonitorConfig} from '../monitor-config.js';
import type {Redactor} from '../token/redact.js';

/** One device of a fleet: a name a person chose (unique in the config) and where to reach it. */
export type FleetDeviceConfig = {
	readonly name: string;
	readonly config: MonitorConfig;
};

export type FleetDevice = {
	readonly name: string;
	readonly monitor: Monitor;
};

export type FleetSnapshot = {
	readonly devices: ReadonlyArray<{readonly name: string; readonly snapshot: MonitorSnapshot}>;
};

export type FleetOptions = {
	readonly clock?: Clock;
	readonly fetch?: typeof fetch;
	readonly coalesceMs?: number;
};

/**
Several devices watched at once: one Monitor each, and one set of /health checks per API (Connected is
about this machine reaching Frame.io). Nothing else in core knows how many devices there are; views
and sinks take the fleet's devices one by one, or its snapshot.
*/
export class Fleet {
	readonly devices: readonly FleetDevice[];
	readonly #health: readonly HealthMonitor[];
	readonly #listeners = new Set<() => void>();
	readonly #unsubscribe: Array<() => void> = [];
	#snapshot: FleetSnapshot;
	readonly #publisher: CoalescedPublish;
	#running = false;

	constructor(devices: readonly FleetDeviceConfig[], options: FleetOptions = {}) {
		const clock = options.clock ?? systemClock;
		this.#publisher = new CoalescedPublish(clock, options.coalesceMs ?? publishIntervalMs, () => {
			this.#publish();
		});
		const healthByApi = new Map<string, HealthMonitor>();
		for (const {config} of devices) {
			const key = config.apiUrl.href;
			if (!healthByApi.has(key)) {
				const {open} = createApiClient({apiUrl: config.apiUrl, clientVersion: config.clientVersion, ...(options.fetch ? {fetch: options.fetch} : {})});
				healthByApi.set(key, new HealthMonitor({clock, client: open, intervalMs: config.healthIntervalMs}));
			}
		}

		this.#health = [...healthByApi.values()];
		this.devices = devices.map(({name, config}) => ({
			name,
			monitor: new Monitor(config, {
				clock, health: healthByApi.get(config.apiUrl.href)!, ...(options.fetch ? {fetch: options.fetch} : {}), ...(options.coalesceMs === undefined ? {} : {coalesceMs: options.coalesceMs}),
			}),
		}));
		this.#snapshot = this.#compose();
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	readonly getSnapshot = (): FleetSnapshot => this.#snapshot;

	/** Every device's secrets, kept off a view that shows them all. */
	readonly redact: Redactor = text => {
		let result = text;
		for (const {monitor} of this.devices) {
			result = monitor.redact(result);
		}

		return result;
	};

	/** Starts every device (a device whose token cannot be had stops the start, naming it), then the shared checks. */
	async start(): Promise<void> {
		if (this.#running) {
			return;
		}

		this.#running = true;
		for (const {name, monitor} of this.devices) {
			this.#unsubscribe.push(monitor.subscribe(() => {
				this.#publisher.schedule();
			}));
			try {
				// One after another: fifty devices need not open fifty files and sockets in the same instant.
				// eslint-disable-next-line no-await-in-loop -- see above
				await monitor.start();
			} catch (error) {
				// eslint-disable-next-line no-await-in-loop -- leaving the loop: the devices started so far stop
				await this.stop();
				throw new FleetDeviceError(name, error);
			}
		}

		for (const health of this.#health) {
			health.start();
		}

		this.#publisher.now();
	}

	async stop(): Promise<void> {
		this.#running = false;
		for (const health of this.#health) {
			health.stop();
		}

		await Promise.all(this.devices.map(async ({monitor}) => monitor.stop()));
		for (const unsubscribe of this.#unsubscribe.splice(0)) {
			unsubscribe();
		}

		this.#publisher.now();
	}

	#publish(): void {
		this.#snapshot = this.#compose();
		for (const listener of this.#listeners) {
			listener();
		}
	}

	#compose(): FleetSnapshot {
		return Object.freeze({devices: this.devices.map(({name, monitor}) => ({name, snapshot: monitor.getSnapshot()}))});
	}
}

/** A device of the fleet could not start; the message names it. */
export class FleetDeviceError extends Error {
	override name = 'FleetDeviceError';

	constructor(readonly device: string, readonly reason: unknown) {
		super(`device ${device}: ${reason instanceof Error ? reason.message : String(reason)}`, {cause: reason});
	}
}
