import {defaultApiUrl} from '../../core/monitor-config.js';
import {printable} from '../../text/sanitize.js';
import {UsageError} from '../usage-error.js';

export type ApiUrlOptions = {
	/** --insecure: plain http:// to another machine is allowed. */
	readonly insecure: boolean;
	/** When neither the flag nor FRAMEIO_API_URL names one (default https://api.frame.io). */
	readonly fallback?: string | undefined;
	/** How messages name the value (default --api-url). */
	readonly flagName?: string;
};

/**
The API URL: `--api-url`, else FRAMEIO_API_URL, else `fallback` (the credentials' own API, or
https://api.frame.io). Plain http:// is refused for any host but this machine unless --insecure,
since the token would cross the network unencrypted.
*/
export function parseApiUrl(flag: string | undefined, env: NodeJS.ProcessEnv, {insecure, fallback = defaultApiUrl, flagName = '--api-url'}: ApiUrlOptions): URL {
	const fromEnv = flag === undefined && env.FRAMEIO_API_URL !== undefined;
	const value = flag ?? env.FRAMEIO_API_URL ?? fallback;
	const name = fromEnv ? 'FRAMEIO_API_URL' : flagName;
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new UsageError(`${name} must be a URL such as https://api.frame.io, got "${printable(value)}".`);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		// The whole URL ("got ftp://" alone hides which one it was), less what may be secret: credentials, query, fragment.
		throw new UsageError(`${name} must start with https:// (or http:// for a local emulator), got "${printable(withoutSecrets(url).href)}".`);
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

function withoutSecrets(url: URL): URL {
	const shown = new URL(url);
	shown.username = '';
	shown.password = '';
	shown.search = '';
	shown.hash = '';
	return shown;
}

export function isLoopback(hostname: string): boolean {
	const host = hostname.replaceAll(/^\[|]$/g, '').toLowerCase();
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The same API, whatever its spelling (a trailing slash, upper-case host). */
export function sameApi(a: URL, b: URL): boolean {
	return a.origin === b.origin && a.pathname.replace(/\/+$/, '') === b.pathname.replace(/\/+$/, '');
}
