import type {KyInstance} from 'ky';
import type {Clock} from '../clock.js';
import {apiRequest, type HttpAnswer, type HttpFailed} from '../http/api-request.js';
import {errorBodyMessage} from '../http/error-body.js';
import type {RequestFailure} from '../http/request-failure.js';
import {retryAfterMs} from '../http/retry-after.js';
import {parseIdentity, type Identity} from './identity.js';

/** An identity request unanswered for this long has failed. */
export const identityTimeoutMs = 10_000;

export type IdentityFailure = RequestFailure & {
	/** A 429 asked for this long before the next try. */
	readonly retryAfterMs?: number;
};

/** What one `GET /v2/devices/me` gave, and the token its last attempt carried (after any refresh on a 401). */
export type IdentityAnswer = (
	| {readonly ok: true; readonly identity: Identity; readonly problems: readonly string[]; readonly latencyMs: number}
	| {readonly ok: false; readonly failure: IdentityFailure}
) & {readonly sentWith: string | undefined};

export type IdentityRequestOptions = {
	readonly clock: Clock;
	/** The API's authorized ky instance (api-client.ts): it adds the token and x-client-version. */
	readonly client: KyInstance;
	readonly signal: AbortSignal;
	readonly timeoutMs?: number;
};

/** One `GET /v2/devices/me`, read into an identity or a failure. */
export async function requestIdentity(options: IdentityRequestOptions): Promise<IdentityAnswer> {
	let sentWith: string | undefined;
	const answer = await apiRequest(options.client, 'v2/devices/me', {
		clock: options.clock,
		timeoutMs: options.timeoutMs ?? identityTimeoutMs,
		signal: options.signal,
		onSend(request) {
			sentWith = request.headers.get('authorization')?.replace(/^bearer\s+/i, '');
		},
	});
	return {...readIdentityAnswer(answer, options.clock.now()), sentWith};
}

function readIdentityAnswer(answer: HttpAnswer | HttpFailed, now: number): DistributiveOmit<IdentityAnswer, 'sentWith'> {
	if (!answer.ok) {
		return {ok: false, failure: answer.failure};
	}

	const {status, body} = answer;
	if (status === 401 || status === 403) {
		const detail = errorBodyMessage(body);
		return {ok: false, failure: {kind: 'auth', status, message: `the token was rejected (HTTP ${status}${detail ? `: ${detail}` : ''})`}};
	}

	if (status === 429) {
		const wait = retryAfterMs(answer.headers, now);
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

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
