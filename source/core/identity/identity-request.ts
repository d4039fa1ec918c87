import type {Clock} from '../clock.js';
import {errorBodyMessage} from '../http/error-body.js';
import {httpGet} from '../http/http-get.js';
import type {RequestFailure} from '../http/request-failure.js';
import {retryAfterMs} from '../http/retry-after.js';
import {parseIdentity, type Identity} from './identity.js';

/** An identity request unanswered for this long has failed. */
export const identityTimeoutMs = 10_000;

export type IdentityFailure = RequestFailure & {
	/** A 429 asked for this long before the next try. */
	readonly retryAfterMs?: number;
};

/** What one `GET /v2/devices/me` gave. */
export type IdentityAnswer =
	| {readonly ok: true; readonly identity: Identity; readonly problems: readonly string[]; readonly latencyMs: number}
	| {readonly ok: false; readonly failure: IdentityFailure};

export type IdentityRequestOptions = {
	readonly clock: Clock;
	readonly apiUrl: URL;
	readonly clientVersion: string;
	readonly token: string;
	readonly signal: AbortSignal;
	readonly timeoutMs?: number;
	readonly fetch?: typeof fetch;
};

/** One `GET /v2/devices/me` with the token and `x-client-version`, read into an identity or a failure. */
export async function requestIdentity(options: IdentityRequestOptions): Promise<IdentityAnswer> {
	const {clock, apiUrl, clientVersion, token, signal} = options;
	const answer = await httpGet(new URL('v2/devices/me', withSlash(apiUrl)), {
		clock,
		timeoutMs: options.timeoutMs ?? identityTimeoutMs,
		signal,
		headers: {authorization: `Bearer ${token}`, 'x-client-version': clientVersion, accept: 'application/json'},
		...(options.fetch ? {fetch: options.fetch} : {}),
	});
	if (!answer.ok) {
		return {ok: false, failure: answer.failure};
	}

	const {status, body} = answer;
	if (status === 401 || status === 403) {
		const detail = errorBodyMessage(body);
		return {ok: false, failure: {kind: 'auth', status, message: `the token was rejected (HTTP ${status}${detail ? `: ${detail}` : ''})`}};
	}

	if (status === 429) {
		const wait = retryAfterMs(answer.headers, clock.now());
		const message = wait === undefined ? 'rate limited (HTTP 429)' : `rate limited (HTTP 429), asked to wait ${Math.ceil(wait / 1000)} s`;
		return {ok: false, failure: {kind: 'rate-limited', status, message, ...(wait === undefined ? {} : {retryAfterMs: wait})}};
	}

	if (status < 200 || status > 299) {
		const detail = errorBodyMessage(body);
		return {ok: false, failure: {kind: 'http', status, message: `HTTP ${status}${detail ? `: ${detail}` : ''}`}};
	}

	const parsed = parseIdentity(body);
	if (!parsed.ok) {
		return {ok: false, failure: {kind: 'bad-body', status, message: `identity document rejected: ${answer.bodyError ?? parsed.problems.join('; ')}`}};
	}

	return {ok: true, identity: parsed.identity, problems: parsed.problems, latencyMs: answer.latencyMs};
}

function withSlash(url: URL): URL {
	return url.pathname.endsWith('/') ? url : new URL(`${url.href}/`);
}
