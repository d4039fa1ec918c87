import type {FleetDeviceConfig} from '../../../core/fleet/fleet.js';
import type {MonitorConfig} from '../../../core/monitor-config.js';
import type {TokenOrigin} from '../../../core/token/token-source.js';
import {defaultHealthIntervalMs} from '../../../core/health/health-monitor.js';
import {printable} from '../../../text/sanitize.js';
import {parseApiUrl, sameApi} from '../../options/api-url.js';
import {clientCredentials} from '../../options/client-credentials.js';
import {parseClientVersion} from '../../options/client-version.js';
import {credentialsApiUrl, parseTokenOrigin, statePathFor} from '../../options/token-origin.js';
import type {FlagDefinitions, RawFlags} from '../../flag-definitions.js';
import {parseInteger, parseNonEmpty, parseSeconds} from '../../parse-values.js';
import {deviceFlags, screenFlags} from '../../shared-flags.js';
import {UsageError} from '../../usage-error.js';
import {readFleetConfig} from './fleet-config.js';
import {journalFlags, parseHistoryFlags, recordFlags, type HistoryCommand} from './history-flags.js';

export const monitorFlags = {
	...deviceFlags,
	healthInterval: {type: 'string'},
	config: {type: 'string'},
	onChange: {type: 'string'},
	onChangeInterval: {type: 'string'},
	bell: {type: 'boolean'},
	metricsPort: {type: 'string'},
	metricsHost: {type: 'string'},
	json: {type: 'boolean'},
	demo: {type: 'boolean'},
	...journalFlags,
	...recordFlags,
	...screenFlags,
} as const satisfies FlagDefinitions;

export type RawMonitorFlags = RawFlags<typeof monitorFlags>;

/** `--metrics-port` and `--metrics-host`: where /metrics is served. */
export type MetricsAddress = {
	readonly host: string;
	/** 0 picks a free port (announced on stderr). */
	readonly port: number;
};

export type MonitorCommand = HistoryCommand & {
	/** Undefined when no token is configured (the demo runs instead), or with --config. */
	readonly config: MonitorConfig | undefined;
	/** `--config FILE`: several devices, each with its name. */
	readonly fleet?: readonly FleetDeviceConfig[];
	/** `--on-change COMMAND`, run through /bin/sh when a device's Paused or Connected changes. */
	readonly onChange?: string;
	/** `--on-change-interval SECS`: at most one hook run per device this often (1 s unless told). */
	readonly onChangeIntervalMs?: number;
	/** `--bell`: the terminal bell when a device becomes paused or not connected. */
	readonly bell: boolean;
	readonly metrics?: MetricsAddress;
	readonly json: boolean;
	/** Run the demo: asked for with --demo, or because no token is configured. */
	readonly demo: boolean;
	/** --demo was given (rather than the demo standing in for a missing token). */
	readonly demoRequested: boolean;
	/** --api-url or FRAMEIO_API_URL was given: the person means a real API. */
	readonly apiUrlGiven: boolean;
	readonly color: boolean;
	readonly ascii: boolean;
	readonly healthIntervalMs: number;
	readonly clientVersion: string;
};

/** Resolves flags and environment into what the monitor runs with; a UsageError for anything invalid. */
export function parseMonitorFlags(flags: RawMonitorFlags, env: NodeJS.ProcessEnv): MonitorCommand {
	const clientVersion = parseClientVersion(flags.clientVersion);
	const healthIntervalMs = flags.healthInterval === undefined ? defaultHealthIntervalMs : Math.round(parseSeconds('health-interval', flags.healthInterval, 2, 3600) * 1000);
	const sinks = {
		bell: flags.bell ?? false,
		...(flags.onChange === undefined ? {} : {onChange: parseNonEmpty('on-change', flags.onChange)}),
		...parseHookInterval(flags),
		...(flags.metricsPort === undefined && flags.metricsHost === undefined ? {} : {metrics: parseMetricsAddress(flags)}),
	};
	const common = {
		json: flags.json ?? false,
		apiUrlGiven: flags.apiUrl !== undefined || env.FRAMEIO_API_URL !== undefined,
		// No-color.org: only a NO_COLOR that is set and not empty turns colour off.
		color: (flags.color ?? true) && !env.NO_COLOR,
		ascii: flags.ascii ?? false,
		healthIntervalMs,
		clientVersion,
		...sinks,
		...parseHistoryFlags(flags),
	};
	if (flags.config !== undefined) {
		return {...common, config: undefined, fleet: parseFleet(flags, env, healthIntervalMs), demo: false, demoRequested: false};
	}

	if (flags.demo === true && flags.apiUrl !== undefined) {
		// The demo watches its own emulator: an API named beside it would be silently ignored.
		throw new UsageError('--demo monitors the built-in emulator: leave out --api-url (or --demo, to watch that API).');
	}

	const token = parseTokenOrigin(flags, env, clientCredentials(flags, env));
	const apiUrl = resolveApiUrl(flags, env, token);
	const demo = flags.demo === true || token === undefined;
	return {
		...common,
		config: token && !demo ? {apiUrl, token, clientVersion, healthIntervalMs, statePath: statePathFor(env, apiUrl, token)} : undefined,
		demo,
		demoRequested: flags.demo === true,
	};
}

/** `--config FILE`: the devices it names take their token from the file, so a token flag beside it is refused. */
function parseFleet(flags: RawMonitorFlags, env: NodeJS.ProcessEnv, healthIntervalMs: number): readonly FleetDeviceConfig[] {
	const conflicting = [flags.tokenFile === undefined ? '' : '--token-file', flags.credentials === undefined ? '' : '--credentials', flags.demo === true ? '--demo' : ''].find(Boolean);
	if (conflicting) {
		throw new UsageError(`--config names each device's token: leave out ${conflicting}.`);
	}

	const path = parseNonEmpty('config', flags.config ?? '');
	return readFleetConfig(path, {
		apiUrl: flags.apiUrl ?? env.FRAMEIO_API_URL,
		clientVersion: flags.clientVersion,
		healthIntervalMs,
		insecure: flags.insecure ?? false,
		client: clientCredentials(flags, env),
	}, env);
}

/** `--on-change-interval SECS`: 0 (a run as soon as the last ended) to 3600, fractions allowed; only with --on-change. */
function parseHookInterval(flags: RawMonitorFlags): {onChangeIntervalMs?: number} {
	if (flags.onChangeInterval === undefined) {
		return {};
	}

	if (flags.onChange === undefined) {
		throw new UsageError('--on-change-interval needs --on-change.');
	}

	return {onChangeIntervalMs: Math.round(parseSeconds('on-change-interval', flags.onChangeInterval, 0, 3600) * 1000)};
}

/** `--metrics-port N` (0 for any free port) and `--metrics-host` (default 127.0.0.1: this machine only). */
function parseMetricsAddress(flags: RawMonitorFlags): MetricsAddress {
	if (flags.metricsPort === undefined) {
		throw new UsageError('--metrics-host needs --metrics-port (9464 is the usual choice).');
	}

	return {
		host: flags.metricsHost === undefined ? '127.0.0.1' : parseNonEmpty('metrics-host', flags.metricsHost).trim(),
		port: parseInteger('metrics-port', flags.metricsPort, 0, 65_535),
	};
}

/**
The API to watch. Owned credentials belong to the API they were paired with: that one is used when none
is named, and naming another is refused (its tokens would only be rejected there).
*/
function resolveApiUrl(flags: RawMonitorFlags, env: NodeJS.ProcessEnv, token: TokenOrigin | undefined): URL {
	if (token?.kind !== 'credentials') {
		return parseApiUrl(flags.apiUrl, env, {insecure: flags.insecure ?? false});
	}

	const paired = credentialsApiUrl(token.path);
	const apiUrl = parseApiUrl(flags.apiUrl, env, {insecure: flags.insecure ?? false, fallback: paired});
	if (paired !== undefined && URL.canParse(paired) && !sameApi(apiUrl, new URL(paired))) {
		const advice = 'pair again for that API, or leave out --api-url';
		throw new UsageError(`the credentials in ${printable(token.path)} were paired with ${printable(paired)}, not ${apiUrl.href}: ${advice}.`);
	}

	return apiUrl;
}

