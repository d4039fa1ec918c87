import {deviceSocketPath} from '../../protocol/phoenix-message.js';

/**
The device socket's URL, derived from the API URL as Frame.io's guide shows: https → wss, http → ws,
path /devices/websocket, and the token in the query as `Authorization=Bearer%20<token>`
(a percent-encoded space, not `+`).

This is the one place that puts the token into a URL; redact.ts removes it again in exactly this
URL-encoded form wherever text leaves the monitor.
*/
export function buildSocketUrl(apiUrl: URL, token: string): string {
	return `${socketBase(apiUrl)}?Authorization=${encodeURIComponent(`Bearer ${token}`)}`;
}

/** The socket URL without any query, for display. */
export function socketBase(apiUrl: URL): string {
	const url = new URL(apiUrl.href);
	url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
	url.pathname = `${url.pathname.replace(/\/+$/, '')}${deviceSocketPath}`;
	url.search = '';
	url.hash = '';
	return url.href;
}
