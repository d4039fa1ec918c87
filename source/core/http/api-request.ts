import {Buffer} from 'node:buffer';
import type {KyInstance} from 'ky';
import type {Clock} from '../clock.js';
import {classifyRequestError, RequestTimeoutError, type RequestFailure} from './request-failure.js';

export type ApiRequestOptions = {
	readonly clock: Clock;
	readonly timeoutMs: number;
	/** GET unless a form is given (then POST, multipart, as Frame.io's auth endpoints take). */
	readonly form?: FormData;
	/** Aborts the request when the caller stops. */
	readonly signal?: AbortSignal;
	/** Bodies larger than this are cut off and reported as a bad body. */
	readonly maxBodyBytes?: number;
	/** Sees each request as it is sent (the token it carries, after any refresh). */
	readonly onSend?: (request: Request) => void;
};

export type HttpAnswer = {
	readonly ok: true;
	readonly status: number;
	readonly headers: Headers;
	/** The parsed JSON body; undefined when it was empty or not JSON (see bodyError). */
	readonly body: unknown;
	readonly bodyError?: string;
	readonly latencyMs: number;
};

export type HttpFailed = {
	readonly ok: false;
	readonly failure: RequestFailure;
	readonly latencyMs: number;
	/** True when the caller's signal ended the request. */
	readonly aborted: boolean;
};

/**
One request to the API through one of its ky instances (api-client.ts), with a deadline kept on the
injected clock, read into a JSON body or a failure of a known kind. It never throws.
*/
export async function apiRequest(client: KyInstance, path: string, options: ApiRequestOptions): Promise<HttpAnswer | HttpFailed> {
	const {clock, timeoutMs} = options;
	const controller = new AbortController();
	const timer = clock.setTimeout(() => {
		controller.abort(new RequestTimeoutError(timeoutMs));
	}, timeoutMs);
	// The caller stopping releases the deadline at once, not when fetch gets round to rejecting.
	const onOuterAbort = () => {
		clock.clearTimeout(timer);
		controller.abort(options.signal?.reason);
	};

	options.signal?.addEventListener('abort', onOuterAbort, {once: true});
	const startedAt = clock.now();
	try {
		const {onSend, form} = options;
		const response = await client(path, {
			method: form ? 'post' : 'get',
			...(form ? {body: form} : {}),
			signal: controller.signal,
			...(onSend
				? {hooks: {beforeRequest: [request => {
					onSend(request);
				}]}}
				: {}),
		});
		const text = await readText(response, options.maxBodyBytes ?? 1024 * 1024);
		const latencyMs = clock.now() - startedAt;
		const parsed = parseBody(text);
		return {ok: true, status: response.status, headers: response.headers, latencyMs, ...parsed};
	} catch (error) {
		const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
		return {
			ok: false,
			failure: classifyRequestError(reason),
			latencyMs: clock.now() - startedAt,
			aborted: options.signal?.aborted === true,
		};
	} finally {
		clock.clearTimeout(timer);
		options.signal?.removeEventListener('abort', onOuterAbort);
	}
}

function parseBody(text: string | undefined): {body: unknown; bodyError?: string} {
	if (text === undefined) {
		return {body: undefined, bodyError: 'body is too large'};
	}

	if (text.trim() === '') {
		return {body: undefined, bodyError: 'body is empty'};
	}

	try {
		return {body: JSON.parse(text) as unknown};
	} catch {
		return {body: undefined, bodyError: 'body is not JSON'};
	}
}

/** The body as text, or undefined when it is larger than `maxBytes` (reading stops there). */
async function readText(response: Response, maxBytes: number): Promise<string | undefined> {
	if (!response.body) {
		return '';
	}

	const chunks: Uint8Array[] = [];
	let total = 0;
	// Leaving the loop early cancels the stream: nothing more is read.
	for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
		total += chunk.byteLength;
		if (total > maxBytes) {
			return undefined;
		}

		chunks.push(chunk);
	}

	return Buffer.concat(chunks).toString('utf8');
}
