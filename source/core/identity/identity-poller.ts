import type {KyInstance} from 'ky';
import {Backoff} from '../backoff.js';
import type {Clock} from '../clock.js';
import {Emitter} from '../emitter.js';
import {identityMinIntervalMs} from '../frameio-rules.js';
import {RequestLoop} from '../http/request-loop.js';
import {type DeviceMemory, type IdentityMemory, type IdentityRequestClaim, type RememberedIdentity} from '../state/identity-state-file.js';
import {tokenHash} from '../token/token-hash.js';
import {Store} from '../store.js';
import {describeError} from '../utils/describe-error.js';
import type {Identity} from './identity.js';
import {requestIdentity, type IdentityFailure} from './identity-request.js';

export type {IdentityFailure} from './identity-request.js';

/**
A process that took another's identity asks this much later than the window allows, so that the one
that asked last asks again first, and the follower finds its answer instead of asking at the same moment.
*/
export const followerGraceMs = 2000;

/** While another process's request is out, its answer is looked for this often. */
const claimedRequestPollMs = 1000;

/** After a 401 the token will not fix itself: try again only this often (or at once on a new token). */
export const identityAuthRetryMs = 5 * 60_000;
const identityMaxBackoffMs = 5 * 60_000;

/**
Where the identity on screen came from: this process fetched it, it was left by the last run (and
not yet replaced), or another process sharing the device (a `check` from cron) fetched it moments ago.
*/
export type IdentityOrigin = 'fetched' | 'last-run' | 'other-process';

export type IdentitySnapshot = {
	readonly phase: 'idle' | 'fetching' | 'ok' | 'error' | 'stopped';
	/** The last good identity; kept (and marked stale) when later fetches fail. */
	readonly identity: Identity | null;
	readonly origin: IdentityOrigin | null;
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
	| {
		readonly ok: true;
		readonly origin: IdentityOrigin;
		readonly identity: Identity;
		readonly problems: readonly string[];
		readonly requestedAt: number;
		readonly receivedAt: number;
		/** Null for an identity this process did not fetch itself. */
		readonly latencyMs: number | null;
	}
	| {readonly ok: false; readonly failure: IdentityFailure; readonly requestedAt: number; readonly receivedAt: number};

/** What a manual refresh did: fetched now, queued for the end of the 60 s window, or nothing. */
export type RefreshOutcome = 'now' | 'queued' | 'in-flight' | 'stopped';

export type IdentityPollerOptions = {
	readonly clock: Clock;
	/** The API's authorized ky instance (api-client.ts). */
	readonly client: KyInstance;
	/** The token in use now (the window is counted per token). */
	readonly getToken: () => string;
	/** Keeps the last identity across restarts and processes (the state file). */
	readonly memory?: IdentityMemory;
	/** Something worth telling the person that is not an identity result (the state file could not be written). */
	readonly onWarning?: (message: string) => void;
	readonly timeoutMs?: number;
};

const idle: IdentitySnapshot = {
	phase: 'idle', identity: null, origin: null, problems: [], fetchedAt: null, lastAttemptAt: null, error: null,
	stale: false, nextFetchAt: null, nextAllowedAt: null, refreshQueued: false, requests: 0,
};

/**
Fetches the device's identity first, again right after every token change, then every 60 s, and
never more than once per 60 s per token: a manual refresh inside the window waits for its end. With
a memory (the state file) the window holds across restarts and across processes sharing the device.
*/
export class IdentityPoller {
	readonly results = new Emitter<IdentityResult>();
	readonly #store = new Store<IdentitySnapshot>(idle);
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
	/** The last write of the memory, so that stopping can wait for it (the next run reads it). */
	#saving: Promise<void> = Promise.resolve();

	constructor(options: IdentityPollerOptions) {
		this.#options = options;
		this.#loop = new RequestLoop(options.clock, signal => {
			void this.#fetch(signal);
		});
	}

	get subscribe() {
		return this.#store.subscribe;
	}

	get getSnapshot() {
		return this.#store.getSnapshot;
	}

	/**
	Shows what the last run left (marked as such) and, when it was fetched with the same token within
	the last 60 s, keeps the window it opened. Call before `start()`; returns the result it reports.
	*/
	recall(remembered: RememberedIdentity): IdentityResult {
		if (remembered.tokenHash === tokenHash(this.#options.getToken())) {
			this.#windowStart = remembered.fetchedAt;
		}

		return this.#adopt(remembered, 'last-run');
	}

	/** Starts polling: at once, or at the end of a 60 s window the last run opened. */
	start(): void {
		this.#loop.start(this.#allowedAt());
		if (!this.#loop.busy) {
			this.#store.update({nextFetchAt: this.#allowedAt(), nextAllowedAt: this.#allowedAt()});
		}
	}

	stop(): void {
		this.#loop.stop();
		this.results.clear();
		this.#store.update({phase: 'stopped', nextFetchAt: null, refreshQueued: false});
	}

	/** Resolves once the last identity has been written to the memory. */
	async flushed(): Promise<void> {
		return this.#saving;
	}

	/** A manual refresh: now if the 60 s rule allows, otherwise at the earliest allowed moment. */
	refresh(): RefreshOutcome {
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

	/**
	The token changed: a new token opens a new window, so fetch at once. A request already out goes on
	(a refresh on its 401 sends it again with the new token); its answer is checked against the token then.
	*/
	tokenChanged(): void {
		this.#windowStart = undefined;
		this.#notBefore = 0;
		this.#backoff.reset();
		if (!this.#loop.busy) {
			this.#loop.now();
		}
	}

	#allowedAt(): number {
		return Math.max(this.#windowStart === undefined ? 0 : this.#windowStart + identityMinIntervalMs, this.#notBefore);
	}

	#schedule(at: number, queued: boolean): void {
		this.#loop.at(at);
		this.#store.update({nextFetchAt: at, nextAllowedAt: this.#allowedAt(), refreshQueued: queued});
	}

	async #fetch(signal: AbortSignal): Promise<void> {
		const {clock, memory} = this.#options;
		const token = this.#options.getToken();
		const hash = tokenHash(token);
		// Another process sharing the device (a check from cron) may have fetched it moments ago: the
		// 60 s rule is Frame.io's, not this process's, so its answer stands in for a request of our own.
		const kept = memory ? await memory.read() : {};
		if (signal.aborted || !this.#loop.running || this.#answeredElsewhere(kept, hash, signal)) {
			return;
		}

		const requestedAt = clock.now();
		this.#windowStart = requestedAt;
		if (!await this.#claim({at: requestedAt, tokenHash: hash}, signal)) {
			return;
		}

		this.#store.update(previous => ({
			...previous, phase: 'fetching', lastAttemptAt: requestedAt, nextFetchAt: null,
			nextAllowedAt: this.#allowedAt(), refreshQueued: false, requests: previous.requests + 1,
		}));
		const answer = await requestIdentity({
			clock, client: this.#options.client, signal,
			...(this.#options.timeoutMs === undefined ? {} : {timeoutMs: this.#options.timeoutMs}),
		});
		if (!this.#loop.finished(signal)) {
			return;
		}

		const receivedAt = clock.now();
		// The token changed while the request was out, and the answer is for the old one: ask again with
		// the new token (the guide asks for the identity after every token change), in its own window.
		if (answer.sentWith !== undefined && answer.sentWith !== this.#options.getToken()) {
			this.#windowStart = undefined;
			this.#loop.now();
			return;
		}

		if (!answer.ok) {
			this.#failed(answer.failure, requestedAt, receivedAt);
			return;
		}

		const remembered: RememberedIdentity = {identity: answer.identity, problems: answer.problems, requestedAt, fetchedAt: receivedAt, tokenHash: tokenHash(answer.sentWith ?? token)};
		this.#windowStart = receivedAt;
		this.#backoff.reset();
		this.#notBefore = 0;
		this.#store.update({phase: 'ok', identity: answer.identity, origin: 'fetched', problems: answer.problems, fetchedAt: receivedAt, error: null, stale: false});
		this.#schedule(this.#allowedAt(), false);
		this.results.emit({ok: true, origin: 'fetched', identity: answer.identity, problems: answer.problems, requestedAt, receivedAt, latencyMs: answer.latencyMs});
		this.#saving = this.#save(remembered, this.#saving);
	}

	/**
	Whether the request can wait: another process's answer within the window is taken instead; while
	another process's request is out (its answer not yet in) its answer is looked for until the window
	it opened ends; and nothing is asked before the window allows. True when no request is to be sent now.
	*/
	#answeredElsewhere({identity: shared, lastRequest}: DeviceMemory, hash: string, signal: AbortSignal): boolean {
		const now = this.#options.clock.now();
		const windowStart = this.#windowStart ?? Number.NEGATIVE_INFINITY;
		if (shared?.tokenHash === hash && shared.fetchedAt > windowStart && now - shared.fetchedAt < identityMinIntervalMs) {
			this.#loop.finished(signal);
			this.#windowStart = shared.fetchedAt;
			this.#report(this.#adopt(shared, 'other-process'));
			return true;
		}

		if (lastRequest?.tokenHash === hash && lastRequest.at >= windowStart && now - lastRequest.at < identityMinIntervalMs && (shared?.fetchedAt ?? 0) < lastRequest.at) {
			this.#loop.finished(signal);
			this.#windowStart = lastRequest.at;
			this.#schedule(Math.min(now + claimedRequestPollMs, this.#allowedAt() + followerGraceMs), false);
			return true;
		}

		if (now < this.#allowedAt()) {
			this.#loop.finished(signal);
			this.#schedule(this.#allowedAt(), false);
			return true;
		}

		return false;
	}

	/** Notes the request in the memory before it goes out; false when the loop moved on meanwhile. */
	async #claim(request: IdentityRequestClaim, signal: AbortSignal): Promise<boolean> {
		const {memory} = this.#options;
		if (!memory) {
			return true;
		}

		try {
			await memory.claim(request);
		} catch {
			// Only a courtesy to other processes: the request goes out all the same (a failed save is reported with the identity).
		}

		return !signal.aborted && this.#loop.running;
	}

	/** Writes the identity to the memory after any earlier write; a failure is a warning, not an error. */
	async #save(remembered: RememberedIdentity, previous: Promise<void>): Promise<void> {
		await previous;
		try {
			await this.#options.memory?.save(remembered);
		} catch (error) {
			this.#options.onWarning?.(`cannot keep the identity for the next run: ${describeError(error)}`);
		}
	}

	/** Takes an identity this process did not fetch as the current one. */
	#adopt(remembered: RememberedIdentity, origin: IdentityOrigin): IdentityResult {
		const {identity, problems, requestedAt, fetchedAt} = remembered;
		this.#store.update({phase: 'ok', identity, origin, problems, fetchedAt, error: null, stale: false});
		return {ok: true, origin, identity, problems, requestedAt, receivedAt: fetchedAt, latencyMs: null};
	}

	/** An identity another process fetched: ask next a little after the process that fetched it would. */
	#report(result: IdentityResult): void {
		this.#schedule(this.#allowedAt() + followerGraceMs, false);
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
