import process from 'node:process';
import type {FlagDefinitions, RawFlags} from '../../flag-definitions.js';
import {type MonitorCommand, parseMonitorFlags} from '../monitor/monitor-flags.js';
import {parseSeconds} from '../../parse-values.js';
import {deviceFlags} from '../../shared-flags.js';
import {journalFlags} from '../monitor/history-flags.js';
import {UsageError} from '../../usage-error.js';

export const checkFlags = {
	...deviceFlags,
	json: {type: 'boolean'},
	timeout: {type: 'string'},
	socket: {type: 'boolean', negatable: true},
	...journalFlags,
} as const satisfies FlagDefinitions;

export type RawCheckFlags = RawFlags<typeof checkFlags>;

/** The default for --timeout: the answer is known well within it on any working link. */
export const defaultCheckTimeoutSeconds = 15;

export type CheckCommand = {
	readonly monitor: MonitorCommand & {readonly config: NonNullable<MonitorCommand['config']>};
	readonly json: boolean;
	readonly timeoutMs: number;
	/** --no-socket: /health and the identity only. */
	readonly socket: boolean;
};

export function parseCheckFlags(flags: RawCheckFlags, env: NodeJS.ProcessEnv = process.env): CheckCommand {
	const {json, timeout, socket, ...monitorFlags} = flags;
	const monitor = parseMonitorFlags(monitorFlags, env);
	if (!monitor.config) {
		throw new UsageError('no access token: pair this device with c2c-status pair, or set FRAMEIO_TOKEN, --token-file or --credentials.');
	}

	return {
		monitor: {...monitor, config: monitor.config},
		json: json ?? false,
		timeoutMs: Math.round((timeout === undefined ? defaultCheckTimeoutSeconds : parseSeconds('timeout', timeout, 1, 300)) * 1000),
		socket: socket ?? true,
	};
}
