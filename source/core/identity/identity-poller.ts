import {Backoff} from '../backoff.js';
import {Emitter} from '../emitter.js';
import {identityMinIntervalMs} from '../frameio-rules.js';
import {RequestLoop} from '../http/request-loop.js';
import type {IdentityMemory, RememberedIdentity} from '../state/identity-state-file.js';
import {tokenHash} from '../token/token-hash.js';
import {Store} from '../store.js';
import {afterwards} from '../utils/settled.js';
import {claimedRequestPollMs, decideShared, failureOf, followerGraceMs, originOf, type ShareDecision, thisWriter} from './identity-sharing.js';
import {idleIdentity, type IdentityOrigin, type IdentityPollerOptions, type IdentityResult, type IdentitySnapshot, type IdentityWait, type RefreshOutcome} from './identity-types.js';
import {requestIdentity, type IdentityFailure} from './identity-request.js';

export type {IdentityFailure} from './identity-request.js';
export type {IdentityOrigin, IdentityPollerOptions, IdentityResult, IdentitySnapshot, IdentityWait, RefreshOutcome} from './identity-types.js';
export {followerGraceMs} from './identity-sharing.js';

/** After a 401 the token will not fix itself: try again only this often (or at once on a new token); failures back off to this too. */
export const identityAuthRetryMs = 5 * 60_000;

/**
Fetches the device's identity first, again right after every token change, then every 60 s, and
never more than once per 60 s per token: a manual refresh inside the window waits for its end. With
a memory (the state file) the window holds across restarts and across processes sharing the device:
before each request the processes agree, under the file's lock, which one asks (identity-sharing.ts).
*/
export class IdentityPoller {
	readonly results = new Emitter<IdentityResult>();
	/** Each time this process starts waiting for another's request. */
	readonly waits = new Emitter<IdentityWait>();
	readonly #store = new Store<IdentitySnapshot>(idleIdentity);
	readonly #options: IdentityPollerOptions;
	readonly #backoff = new Backoff({minMs: identityMinIntervalMs, maxMs: identityAuthRetryMs, jitter: 0.2});
	readonly #loop: RequestLoop;
	/**
	Start of the current 60 s window for the current token: when the last request was sent while it is
	in flight, then when its answer arrived. Frame.io counts a request when it arrives, which is before
	its answer comes back, so a window counted from the answer can never be short on the server's side.
	*/
	#windowStart: number | undefined;
	/** When the newest answer this process has (fetched or taken) came, for this token: see ShareContext.seenAt. */
	#seenAt: number | undefined;
	/** A 429 may ask for longer than the window. */
	#notBefore = 0;
	/** When this process last claimed a request in the memory (its own claim is not waited for). */
	#ownClaimAt: number | undefined;
	/** What the state file held before this poller was made was left by the last run (or a process still running). */
	readonly #startedAt: number;
	/** The last write of the memory, so that stopping can wait for it (the next run reads it). */
	#saving: Promise<void> = Promise.resolve();

	constructor(options: IdentityPollerOptions) {
		this.#options = options;
		this.#startedAt = options.clock.now();
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
	Shows what the last run (or a running process, or `pair`) left, and, when it was fetched with the same
	token within the last 60 s, keeps the window it opened. Call before `start()`; returns the result it reports.
	*/
	recall(remembered: RememberedIdentity): IdentityResult {
		if (remembered.tokenHash === tokenHash(this.#options.getToken())) {
			this.#answered(remembered.fetchedAt);
		}

		return this.#adopt(remembered, originOf(remembered.by, remembered.fetchedAt, this.#startedAt));
	}

	/** Starts polling: at once, or at the end of a window the last run opened (the memory is read at once all the same). */
	start(): void {
		const allowedAt = this.#allowedAt();
		this.#store.update({nextFetchAt: allowedAt, nextAllowedAt: allowedAt});
		this.#loop.start(this.#options.memory ? undefined : allowedAt);
	}

	stop(): void {
		this.#loop.stop();
		this.results.clear();
		this.waits.clear();
		this.#store.update({phase: 'stopped', nextFetchAt: null, refreshQueued: false, waitingForOther: null});
	}

	/** Resolves once the last outcome has been written to the memory. */
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

		const {waitingForOther, nextFetchAt} = this.#store.getSnapshot();
		// Another process's request is out: its answer is the refresh, still looked for every second.
		if (waitingForOther !== null) {
			this.#store.update({refreshQueued: true});
			return 'queued';
		}

		const allowedAt = this.#allowedAt();
		if (this.#options.clock.now() >= allowedAt) {
			this.#loop.now();
			return 'now';
		}

		this.#schedule(Math.min(nextFetchAt ?? Number.POSITIVE_INFINITY, allowedAt), true);
		return 'queued';
	}

	/**
	The token changed: a new token opens a new window, so fetch at once. A request already out goes on
	(a refresh on its 401 sends it again with the new token); its answer is checked against the token then.
	*/
	tokenChanged(): void {
		this.#windowStart = undefined;
		this.#seenAt = undefined;
		this.#notBefore = 0;
		this.#backoff.reset();
		if (!this.#loop.busy) {
			this.#loop.now();
		}
	}

	/** An answer (fetched or taken, an identity or a failure) that came at `at` opens the window and is ours. */
	#answered(at: number): void {
		this.#windowStart = at;
		this.#seenAt = at;
	}

	#allowedAt(): number {
		return Math.max(this.#windowStart === undefined ? 0 : this.#windowStart + identityMinIntervalMs, this.#notBefore);
	}

	#schedule(at: number, queued: boolean): void {
		this.#loop.at(at);
		this.#store.update({nextFetchAt: at, nextAllowedAt: this.#allowedAt(), refreshQueued: queued, waitingForOther: null});
	}

	async #fetch(signal: AbortSignal): Promise<void> {
		const {clock} = this.#options;
		const token = this.#options.getToken();
		const decision = await decideShared(this.#options.memory, () => ({
			tokenHash: tokenHash(token), now: clock.now(), windowStart: this.#windowStart, seenAt: this.#seenAt, allowedAt: this.#allowedAt(), ownClaimAt: this.#ownClaimAt,
		}));
		if (decision.kind === 'ask') {
			this.#ownClaimAt = decision.claimedAt ?? this.#ownClaimAt;
		}

		if (signal.aborted || !this.#loop.running) {
			return;
		}

		if (decision.kind !== 'ask') {
			this.#loop.finished(signal);
			this.#instead(decision);
			return;
		}

		const requestedAt = clock.now();
		this.#windowStart = requestedAt;
		this.#store.update(previous => ({
			...previous, phase: 'fetching', lastAttemptAt: requestedAt, nextFetchAt: null, waitingForOther: null,
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

		const sentHash = tokenHash(answer.sentWith ?? token);
		if (!answer.ok) {
			const {failure} = answer;
			this.#remember(async memory => memory.saveFailure({...failure, requestedAt, at: receivedAt, tokenHash: sentHash, by: thisWriter()}));
			this.#failed(failure, 'fetched', requestedAt, receivedAt);
			return;
		}

		const remembered: RememberedIdentity = {identity: answer.identity, problems: answer.problems, requestedAt, fetchedAt: receivedAt, tokenHash: sentHash, by: thisWriter()};
		this.#answered(receivedAt);
		this.#backoff.reset();
		this.#notBefore = 0;
		this.#store.update({phase: 'ok', identity: answer.identity, origin: 'fetched', problems: answer.problems, fetchedAt: receivedAt, error: null, stale: false});
		this.#schedule(this.#allowedAt(), false);
		this.results.emit({ok: true, origin: 'fetched', identity: answer.identity, problems: answer.problems, requestedAt, receivedAt, latencyMs: answer.latencyMs});
		this.#remember(async memory => memory.save(remembered));
	}

	/** Acts on a decision that sends no request. */
	#instead(decision: Exclude<ShareDecision, {kind: 'ask'}>): void {
		const now = this.#options.clock.now();
		switch (decision.kind) {
			case 'adopt': {
				this.#answered(decision.remembered.fetchedAt);
				this.#backoff.reset();
				this.#notBefore = 0;
				// Ask next a little after the process that fetched it would.
				this.#schedule(this.#allowedAt() + followerGraceMs, false);
				this.results.emit(this.#adopt(decision.remembered, originOf(decision.remembered.by, decision.remembered.fetchedAt, this.#startedAt)));
				break;
			}

			case 'adopt-failure': {
				const {failure} = decision;
				this.#failed(failureOf(failure), originOf(failure.by, failure.at, this.#startedAt), failure.requestedAt, failure.at);
				break;
			}

			case 'wait': {
				this.#wait(decision.claim.at, now);
				break;
			}

			case 'not-yet': {
				this.#schedule(this.#allowedAt(), this.#store.getSnapshot().refreshQueued);
				break;
			}
		}
	}

	/** Another process has the request out: look for its answer every second, and ask ourselves once its window is over. */
	#wait(claimedAt: number, now: number): void {
		this.#windowStart = Math.max(this.#windowStart ?? claimedAt, claimedAt);
		const ownRequestAt = claimedAt + identityMinIntervalMs;
		const previous = this.#store.getSnapshot().waitingForOther;
		const wait: IdentityWait = previous?.claimedAt === claimedAt ? previous : {claimedAt, ownRequestAt};
		this.#loop.at(Math.min(now + claimedRequestPollMs, ownRequestAt));
		this.#store.update({nextFetchAt: ownRequestAt, nextAllowedAt: this.#allowedAt(), waitingForOther: wait});
		if (wait !== previous) {
			this.waits.emit(wait);
		}
	}

	/** Writes an outcome to the memory after any earlier write; a failure is reported by the memory itself. */
	#remember(write: (memory: IdentityMemory) => Promise<void>): void {
		const {memory} = this.#options;
		if (!memory) {
			return;
		}

		this.#saving = afterwards(this.#saving, async () => write(memory));
	}

	/** Takes an identity this process did not fetch as the current one. */
	#adopt(remembered: RememberedIdentity, origin: IdentityOrigin): IdentityResult {
		const {identity, problems, requestedAt, fetchedAt} = remembered;
		this.#store.update({phase: 'ok', identity, origin, problems, fetchedAt, error: null, stale: false});
		return {ok: true, origin, identity, problems, requestedAt, receivedAt: fetchedAt, latencyMs: null};
	}

	#failed(failure: IdentityFailure, origin: IdentityOrigin, requestedAt: number, receivedAt: number): void {
		this.#answered(receivedAt);
		let next: number;
		if (failure.kind === 'auth') {
			next = receivedAt + identityAuthRetryMs;
		} else {
			next = receivedAt + this.#backoff.next();
			if (failure.retryAfterMs !== undefined) {
				this.#notBefore = receivedAt + failure.retryAfterMs;
			}
		}

		this.#store.update(previous => ({
			...previous, phase: 'error', error: failure, stale: previous.identity !== null, origin: previous.identity === null ? origin : previous.origin,
		}));
		this.#schedule(Math.max(next, this.#allowedAt()), false);
		this.results.emit({ok: false, origin, failure, requestedAt, receivedAt});
	}
}
