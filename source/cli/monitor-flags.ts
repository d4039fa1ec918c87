import {defaultApiUrl, defaultClientVersion, type MonitorConfig} from '../core/monitor-config.js';
import {isTokenShaped} from '../core/token/token-store.js';
import type {FlagDefinitions} from './flag-definitions.js';
import {parseSeconds} from './parse-values.js';
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
	const clientVersion = flags.clientVersion ?? defaultClientVersion;
	if (!semver.test(clientVersion)) {
		throw new UsageError(`--client-version must be a semantic version such as 2.0.0, got "${clientVersion.slice(0, 40)}".`);
	}

	const healthIntervalMs = flags.healthInterval === undefined ? 10_000 : Math.round(parseSeconds('health-interval', flags.healthInterval, 2, 3600) * 1000);
	const apiUrl = parseApiUrl(flags.apiUrl ?? env['FRAMEIO_API_URL'] ?? defaultApiUrl, flags.apiUrl === undefined && env['FRAMEIO_API_URL'] !== undefined, flags.insecure ?? false);
	const envToken = env['FRAMEIO_TOKEN']?.trim().replace(/^bearer\s+/i, '');
	if (envToken && !isTokenShaped(envToken)) {
		throw new UsageError('FRAMEIO_TOKEN holds characters a token cannot have (spaces, control characters or non-ASCII).');
	}

	const token = flags.tokenFile === undefined
		? (envToken ? {kind: 'env' as const, variable: 'FRAMEIO_TOKEN', token: envToken} : undefined)
		: {kind: 'file' as const, path: checkPath(flags.tokenFile)};
	const demo = flags.demo === true || token === undefined;
	return {
		config: token && !demo ? {apiUrl, token, clientVersion, healthIntervalMs} : undefined,
		json: flags.json ?? false,
		demo,
		demoRequested: flags.demo === true,
		apiUrlGiven: flags.apiUrl !== undefined || env['FRAMEIO_API_URL'] !== undefined,
		// no-color.org: only a NO_COLOR that is set and not empty turns colour off.
		color: (flags.color ?? true) && !env['NO_COLOR'],
		ascii: flags.ascii ?? false,
		healthIntervalMs,
		clientVersion,
	};
}

function parseApiUrl(value: string, fromEnv: boolean, insecure: boolean): URL {
	const name = fromEnv ? 'FRAMEIO_API_URL' : '--api-url';
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new UsageError(`${name} must be a URL such as https://api.frame.io, got "${value.slice(0, 80)}".`);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new UsageError(`${name} must start with https:// (or http:// for a local emulator), got ${url.protocol}//.`);
	}

	if (url.username || url.password || url.search || url.hash) {
		throw new UsageError(`${name} must be a plain base URL without credentials, query or fragment.`);
	}

	if (url.protocol === 'http:' && !isLoopback(url.hostname) && !insecure) {
		throw new UsageError(`${name} uses plain http:// to ${url.hostname}, which would send the token unencrypted; use https:// or add --insecure.`);
	}

	url.pathname = url.pathname.replace(/\/+$/, '') || '/';
	return url;
}

export function isLoopback(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function checkPath(path: string): string {
	if (path.trim() === '') {
		throw new UsageError('--token-file must name a file.');
	}

	return path;
}
