import {Fleet, FleetDeviceError, type FleetDeviceConfig} from '../../../core/fleet/fleet.js';
import {Monitor, type MonitorOptions} from '../../../core/monitor.js';
import type {MonitorConfig} from '../../../core/monitor-config.js';
import type {Redactor} from '../../../core/token/redact.js';
import {UsageError} from '../../usage-error.js';
import {isConfigurationProblem, startMonitor} from './start-monitor.js';

export type WatchedDevice = {
	/** The device's name in metrics, hooks and NDJSON: from the config file, or `default` for a single device. */
	readonly name: string;
	readonly monitor: Monitor;
};

/** What one run watches, whatever the mode shows it with: one device, or a fleet from --config. */
export type WatchedDevices = {
	readonly devices: readonly WatchedDevice[];
	/** Set for --config: the fleet table shows it. */
	readonly fleet: Fleet | undefined;
	readonly redact: Redactor;
	/** Starts every device; a token or credentials file that cannot be had is the person's to fix (a UsageError). */
	start(): Promise<void>;
	stop(): Promise<void>;
};

/** The name a single device goes by in the metrics' `device` label. */
export const singleDeviceName = 'default';

export function watchOneDevice(config: MonitorConfig, options: MonitorOptions = {}): WatchedDevices {
	const monitor = new Monitor(config, options);
	return {
		devices: [{name: singleDeviceName, monitor}],
		fleet: undefined,
		redact: monitor.redact,
		start: async () => startMonitor(monitor),
		stop: async () => monitor.stop(),
	};
}

export function watchFleet(devices: readonly FleetDeviceConfig[]): WatchedDevices {
	const fleet = new Fleet(devices);
	return {
		devices: fleet.devices,
		fleet,
		redact: fleet.redact,
		async start() {
			try {
				await fleet.start();
			} catch (error) {
				// The message names the device.
				throw error instanceof FleetDeviceError && isConfigurationProblem(error.reason) ? new UsageError(error.message) : error;
			}
		},
		stop: async () => fleet.stop(),
	};
}
