import {defaultClientVersion, type MonitorConfig} from '../core/monitor-config.js';
import type {TokenOrigin} from '../core/token/token-source.js';
import {defaultHealthIntervalMs} from '../core/health/health-monitor.js';
import {parseApiUrl, sameApi} from './api-url.js';
import {clientCredentials} from './client-credentials.js';
import {credentialsApiUrl, parseTokenOrigin, statePathFor} from './token-origin.js';
import type {FlagDefinitions, RawFlags} from './flag-definitions.js';
import {parseSeconds} from './parse-values.js';
import {printable} from './printable.js';
import {UsageError} from './usage-error.js';

export const monitorFlags = {
	apiUrl: {type: 'string'},
	tokenFile: {type: 'string'},
	credentials: {type: 'string'},
	clientId: {type: 'string'},
	clientSecretFile: {type: 'string'},
	clientVersion: {type: 'string'},
	healthInterval: {type: 'string'},
	insecure: {type: 'boolean'},
	json: {type: 'boolean'},
	demo: {type: 'boolean'},
	color: {type: 'boolean', negatable: true},
	ascii: {type: 'boolean'},
} as const satisfies FlagDefinitions;

export type RawMonitorFlags = RawFlags<typeof monitorFlags>;

export type MonitorCommand = {
	/** Undefined when no token is configured: the demo runs instead. */
	readonly config: MonitorConfig | undefined;
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

const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[\da-z-]+(?:\.[\da-z-]+)*)?(?:\+[\da-z-]+(?:\.[\da-z-]+)*)?$/i;

/** Resolves flags and environment into what the monitor runs with; a UsageError for anything invalid. */
export function parseMonitorFlags(flags: RawMonitorFlags, env: NodeJS.ProcessEnv): MonitorCommand {
	const clientVersion = parseClientVersion(flags.clientVersion);
	const healthIntervalMs = flags.healthInterval === undefined ? defaultHealthIntervalMs : Math.round(parseSeconds('health-interval', flags.healthInterval, 2, 3600) * 1000);
	const token = parseTokenOrigin(flags, env, clientCredentials(flags, env));
	const apiUrl = resolveApiUrl(flags, env, token);
	const demo = flags.demo === true || token === undefined;
	return {
		config: token && !demo ? {apiUrl, token, clientVersion, healthIntervalMs, statePath: statePathFor(env, apiUrl, token)} : undefined,
		json: flags.json ?? false,
		demo,
		demoRequested: flags.demo === true,
		apiUrlGiven: flags.apiUrl !== undefined || env.FRAMEIO_API_URL !== undefined,
		// No-color.org: only a NO_COLOR that is set and not empty turns colour off.
		color: (flags.color ?? true) && !env.NO_COLOR,
		ascii: flags.ascii ?? false,
		healthIntervalMs,
		clientVersion,
	};
}

/** `--client-version`: a semantic version, as Frame.io requires of x-client-version. */
export function parseClientVersion(value: string | undefined): string {
	const clientVersion = value ?? defaultClientVersion;
	if (!semver.test(clientVersion)) {
		throw new UsageError(`--client-version must be a semantic version such as 2.0.0, got "${printable(clientVersion, 40)}".`);
	}

	return clientVersion;
}

/**
The API to watch. Owned credentials belong to the API they were paired with: that one is used when none
is named, and naming another is refused (its tokens would only be rejected there).
*/
function resolveApiUrl(flags: RawMonitorFlags, env: NodeJS.ProcessEnv, token: TokenOrigin | undefined): URL {
	if (token?.kind !== 'credentials') {
		return parseApiUrl(flags.apiUrl, env, flags.insecure ?? false);
	}

	const paired = credentialsApiUrl(token.path);
	const apiUrl = parseApiUrl(flags.apiUrl, env, flags.insecure ?? false, paired);
	if (paired !== undefined && URL.canParse(paired) && !sameApi(apiUrl, new URL(paired))) {
		const advice = 'pair again for that API, or leave out --api-url';
		throw new UsageError(`the credentials in ${printable(token.path)} were paired with ${printable(paired)}, not ${apiUrl.href}: ${advice}.`);
	}

	return apiUrl;
}

