import type {Clock} from '../clock.js';
import {Backoff} from '../backoff.js';
import {Emitter} from '../emitter.js';
import {errorBodyMessage} from '../http/error-body.js';
import {httpGet} from '../http/http-get.js';
import {parseIdentity, type Identity} from './identity.js';
import type {RequestFailure} from '../http/request-failure.js';
import {RequestLoop} from '../http/request-loop.js';
import {retryAfterMs} from '../http/retry-after.js';
import {Store} from '../store.js';

/** Frame.io asks that `/v2/devices/me` be called no more than once every 60 seconds. */
export const identityMinIntervalMs = 60_000;
/** After a 401 the token will not fix itself: try again only this often (or at once on a new token). */
export const identityAuthRetryMs = 5 * 60_000;
const identityMaxBackoffMs = 5 * 60_000;

export type IdentityFailure = RequestFailure & {readonly retryAfterMs?: number};

export type IdentitySnapshot = {
	readonly phase: 'idle' | 'fetching' | 'ok' | 'error' | 'stopped';
	/** The last good identity; kept (and marked stale) when later fetches fail. */
	readonly identity: Identity | null;
	/** Fields of the last good identity that were missing or ill-typed. */
	readonly problems: readonly string[];
	readonly fetchedAt: number | null;
	readonly lastAttemptAt: number | null;
	/** The latest attempt's failure, or null when it succeeded. */
	readonly error: IdentityFailure | null;
	readonly stale: boolean;
	readonly nextFetchAt: number | null;
	/** The earliest moment the 60 s rule allows the next request. */
	readonly nextAllowedAt: number | null;
	/** A manual refresh is waiting for nextAllowedAt. */
	readonly refreshQueued: boolean;
	/** Requests sent since start. */
	readonly requests: number;
};

export type IdentityResult =
	| {readonly ok: true; readonly identity: Identity; readonly problems: readonly string[]; readonly requestedAt: number; readonly receivedAt: number; readonly latencyMs: number}
	| {readonly ok: false; readonly failure: IdentityFailure; readonly requestedAt: number; readonly receivedAt: number};

export type IdentityPollerOptions = {
	readonly clock: Clock;
	readonly apiUrl: URL;
	readonly clientVersion: string;
	readonly getToken: () => string;
	readonly timeoutMs?: number;
	readonly fetch?: typeof fetch;
};

/**
Fetches the device's identity first, again right after every token change, then every 60 s, and
never more than once per 60 s per token: a manual refresh inside the window waits for its end.
*/
export class IdentityPoller {
	readonly results = new Emitter<IdentityResult>();
	readonly #store = new Store<IdentitySnapshot>({
		phase: 'idle', identity: null, problems: [], fetchedAt: null, lastAttemptAt: null, error: null,
		stale: false, nextFetchAt: null, nextAllowedAt: null, refreshQueued: false, requests: 0,
	});

	readonly #options: IdentityPollerOptions;
	readonly #backoff = new Backoff({minMs: identityMinIntervalMs, maxMs: identityMaxBackoffMs, jitter: 0.2});
	readonly #loop: RequestLoop;
	/**
	Start of the current 60 s window for the current token: when the last request was sent while it is
	in flight, then when its answer arrived. Frame.io counts a request when it arrives, which is before
	its answer comes back, so a window counted from the answer can never be short on the server's side.
	*/
	#windowStart: number | undefined;
	/** A 429 may ask for longer than the window. */
	#notBefore = 0;

	constructor(options: IdentityPollerOptions) {
		this.#options = options;
		this.#loop = new RequestLoop(options.clock, signal => {
			this.#fetch(signal);
		});
	}

	readonly subscribe = this.#store.subscribe;
	readonly getSnapshot = this.#store.getSnapshot;

	start(): void {
		this.#loop.start();
	}

	stop(): void {
		this.#loop.stop();
		this.results.clear();
		this.#store.update({phase: 'stopped', nextFetchAt: null, refreshQueued: false});
	}

	/** A manual refresh: now if the 60 s rule allows, otherwise at the earliest allowed moment. */
	refresh(): 'now' | 'queued' | 'in-flight' | 'stopped' {
		if (!this.#loop.running) {
			return 'stopped';
		}

		if (this.#loop.busy) {
			return 'in-flight';
		}

		const allowedAt = this.#allowedAt();
		if (this.#options.clock.now() >= allowedAt) {
			this.#loop.now();
			return 'now';
		}

		const current = this.#store.getSnapshot().nextFetchAt ?? Number.POSITIVE_INFINITY;
		this.#schedule(Math.min(current, allowedAt), true);
		return 'queued';
	}

	/** The token changed: a new token opens a new window, so fetch at once. */
	tokenChanged(): void {
		this.#windowStart = undefined;
		this.#notBefore = 0;
		this.#backoff.reset();
		this.#loop.now();
	}

	#allowedAt(): number {
		return Math.max(this.#windowStart === undefined ? 0 : this.#windowStart + identityMinIntervalMs, this.#notBefore);
	}

	#schedule(at: number, queued: boolean): void {
		this.#loop.at(at);
		this.#store.update({nextFetchAt: at, nextAllowedAt: this.#allowedAt(), refreshQueued: queued});
	}

	#fetch(signal: AbortSignal): void {
		const {clock, apiUrl, clientVersion, getToken} = this.#options;
		const requestedAt = clock.now();
		this.#windowStart = requestedAt;
		this.#store.update(previous => ({
			...previous, phase: 'fetching', lastAttemptAt: requestedAt, nextFetchAt: null,
			nextAllowedAt: this.#allowedAt(), refreshQueued: false, requests: previous.requests + 1,
		}));
		void httpGet(new URL('v2/devices/me', withSlash(apiUrl)), {
			clock,
			timeoutMs: this.#options.timeoutMs ?? 10_000,
			signal,
			headers: {authorization: `Bearer ${getToken()}`, 'x-client-version': clientVersion, accept: 'application/json'},
			...(this.#options.fetch ? {fetch: this.#options.fetch} : {}),
		}).then(answer => {
			if (!this.#loop.finished(signal)) {
				return;
			}

			const receivedAt = clock.now();
			if (!answer.ok) {
				this.#failed({...answer.failure}, requestedAt, receivedAt);
				return;
			}

			if (answer.status === 401 || answer.status === 403) {
				const detail = errorBodyMessage(answer.body);
				this.#failed({kind: 'auth', status: answer.status, message: `the token was rejected (HTTP ${answer.status}${detail ? `: ${detail}` : ''})`}, requestedAt, receivedAt);
				return;
			}

			if (answer.status === 429) {
				const wait = retryAfterMs(answer.headers, receivedAt);
				this.#failed({kind: 'rate-limited', status: 429, message: `rate limited (HTTP 429)${wait === undefined ? '' : `, retry after ${Math.ceil(wait / 1000)} s`}`, ...(wait === undefined ? {} : {retryAfterMs: wait})}, requestedAt, receivedAt);
				return;
			}

			if (answer.status < 200 || answer.status > 299) {
				const detail = errorBodyMessage(answer.body);
				this.#failed({kind: 'http', status: answer.status, message: `HTTP ${answer.status}${detail ? `: ${detail}` : ''}`}, requestedAt, receivedAt);
				return;
			}

			const parsed = parseIdentity(answer.body);
			if (!parsed.ok) {
				this.#failed({kind: 'bad-body', status: answer.status, message: `identity document rejected: ${answer.bodyError ?? parsed.problems.join('; ')}`}, requestedAt, receivedAt);
				return;
			}

			this.#succeeded({ok: true, identity: parsed.identity, problems: parsed.problems, requestedAt, receivedAt, latencyMs: answer.latencyMs});
		});
	}

	#succeeded(result: Extract<IdentityResult, {ok: true}>): void {
		this.#windowStart = result.receivedAt;
		this.#backoff.reset();
		this.#notBefore = 0;
		this.#store.update({phase: 'ok', identity: result.identity, problems: result.problems, fetchedAt: result.receivedAt, error: null, stale: false});
		this.#schedule(this.#allowedAt(), false);
		this.results.emit(result);
	}

	#failed(failure: IdentityFailure, requestedAt: number, receivedAt: number): void {
		this.#windowStart = receivedAt;
		let next: number;
		if (failure.kind === 'auth') {
			next = receivedAt + identityAuthRetryMs;
		} else {
			next = receivedAt + this.#backoff.next();
			if (failure.retryAfterMs !== undefined) {
				this.#notBefore = receivedAt + failure.retryAfterMs;
			}
		}

		this.#store.update(previous => ({...previous, phase: 'error', error: failure, stale: previous.identity !== null}));
		this.#schedule(Math.max(next, this.#allowedAt()), false);
		this.results.emit({ok: false, failure, requestedAt, receivedAt});
	}
}

function withSlash(url: URL): URL {
	return url.pathname.endsWith('/') ? url : new URL(`${url.href}/`);
}
