import {resolve} from 'node:path';
import {defaultApiUrl, defaultClientVersion, type MonitorConfig} from '../core/monitor-config.js';
import {IdentityStateFile, tokenHash} from '../core/state/identity-state-file.js';
import {isTokenShaped} from '../core/token/token-file.js';
import type {TokenSource} from '../core/token/token-store.js';
import {stateDirectory} from '../core/xdg-paths.js';
import {defaultHealthIntervalMs} from '../core/health/health-monitor.js';
import type {FlagDefinitions} from './flag-definitions.js';
import {parseSeconds} from './parse-values.js';
import {printable} from './printable.js';
import {UsageError} from './usage-error.js';

export const monitorFlags = {
	apiUrl: {type: 'string'},
	tokenFile: {type: 'string'},
	clientVersion: {type: 'string'},
	healthInterval: {type: 'string'},
	insecure: {type: 'boolean'},
	json: {type: 'boolean'},
	demo: {type: 'boolean'},
	color: {type: 'boolean', negatable: true},
	ascii: {type: 'boolean'},
} as const satisfies FlagDefinitions;

export type RawMonitorFlags = {
	apiUrl?: string;
	tokenFile?: string;
	clientVersion?: string;
	healthInterval?: string;
	insecure?: boolean;
	json?: boolean;
	demo?: boolean;
	color?: boolean;
	ascii?: boolean;
};

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
	const apiUrl = parseApiUrl(flags.apiUrl ?? env.FRAMEIO_API_URL ?? defaultApiUrl, flags.apiUrl === undefined && env.FRAMEIO_API_URL !== undefined, flags.insecure ?? false);
	const token = parseTokenSource(flags, env);
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

/** Where the access token comes from: --token-file, else FRAMEIO_TOKEN, else nowhere. */
function parseTokenSource(flags: RawMonitorFlags, env: NodeJS.ProcessEnv): TokenSource | undefined {
	if (flags.tokenFile !== undefined) {
		return {kind: 'file', path: checkPath(flags.tokenFile)};
	}

	const envToken = env.FRAMEIO_TOKEN?.trim().replace(/^bearer\s+/i, '');
	if (envToken && !isTokenShaped(envToken)) {
		throw new UsageError('FRAMEIO_TOKEN holds characters a token cannot have (spaces, control characters or non-ASCII).');
	}

	return envToken ? {kind: 'env', variable: 'FRAMEIO_TOKEN', token: envToken} : undefined;
}

function parseApiUrl(value: string, fromEnv: boolean, insecure: boolean): URL {
	const name = fromEnv ? 'FRAMEIO_API_URL' : '--api-url';
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new UsageError(`${name} must be a URL such as https://api.frame.io, got "${printable(value)}".`);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new UsageError(`${name} must start with https:// (or http:// for a local emulator), got ${printable(url.protocol)}//.`);
	}

	if (url.username || url.password || url.search || url.hash) {
		throw new UsageError(`${name} must be a plain base URL without credentials, query or fragment.`);
	}

	if (url.protocol === 'http:' && !isLoopback(url.hostname) && !insecure) {
		throw new UsageError(`${name} uses plain http:// to ${printable(url.hostname)}, which would send the token unencrypted; use https:// or add --insecure.`);
	}

	url.pathname = url.pathname.replace(/\/+$/, '') || '/';
	return url;
}

export function isLoopback(hostname: string): boolean {
	const host = hostname.replaceAll(/^\[|]$/g, '').toLowerCase();
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The device's state file: named after the API and where the token comes from, never after the token itself. */
export function statePathFor(env: NodeJS.ProcessEnv, apiUrl: URL, token: TokenSource): string | undefined {
	const origin = token.kind === 'file' ? `file:${resolve(token.path)}` : (token.kind === 'env' ? `env:${tokenHash(token.token)}` : undefined);
	return origin === undefined ? undefined : IdentityStateFile.forDevice(stateDirectory(env), apiUrl.href, origin).path;
}

function checkPath(path: string): string {
	if (path.trim() === '') {
		throw new UsageError('--token-file must name a file.');
	}

	return path;
}
