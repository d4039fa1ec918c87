import {Buffer} from 'node:buffer';
import ky from 'ky';
import type {Clock} from '../clock.js';
import {classifyRequestError, RequestTimeoutError, type RequestFailure} from './request-failure.js';

export type HttpGetOptions = {
	readonly clock: Clock;
	readonly headers?: Readonly<Record<string, string>>;
	readonly timeoutMs: number;
	/** Aborts the request when the caller stops. */
	readonly signal?: AbortSignal;
	/** Injected fetch, for tests that need one; the global fetch otherwise. */
	readonly fetch?: typeof fetch;
	/** Bodies larger than this are cut off and reported as a bad body. */
	readonly maxBodyBytes?: number;
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
One GET through ky, with no retries of its own (the pollers decide when to try again, within
Frame.io's limits) and a deadline kept on the injected clock.
*/
export async function httpGet(url: URL | string, options: HttpGetOptions): Promise<HttpAnswer | HttpFailed> {
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
		const response = await ky.get(url, {
			// A fresh connection each time: a check then proves DNS, TCP and TLS, not an old pooled socket,
			// and nothing is left open when the monitor stops.
			headers: {...options.headers, connection: 'close'},
			retry: 0,
			timeout: false,
			throwHttpErrors: false,
			signal: controller.signal,
			...(options.fetch ? {fetch: options.fetch} : {}),
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
