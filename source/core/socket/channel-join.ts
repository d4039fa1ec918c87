import type {Clock, TimerHandle} from '../clock.js';
import {Backoff} from '../backoff.js';

/** A join unanswered for this long is sent again (phoenix.js's push timeout). */
export const joinTimeoutMs = 10_000;
/** Rejoin delays after a refused or lost join: 1 s doubling to 30 s, with jitter. */
export const rejoinBackoff = {minMs: 1000, maxMs: 30_000} as const;

export type JoinState = {
	readonly phase: 'none' | 'joining' | 'joined' | 'errored';
	readonly topic: string | null;
	readonly joinedAt: number | null;
	/** Why the last join failed or the channel was lost. */
	readonly lastError: string | null;
	/** Joins sent on this connection. */
	readonly attempts: number;
	readonly nextRejoinAt: number | null;
};

export const noJoin: JoinState = {phase: 'none', topic: null, joinedAt: null, lastError: null, attempts: 0, nextRejoinAt: null};

export type ChannelJoinOptions = {
	readonly clock: Clock;
	readonly topic: string;
	/** Sends phx_join on the topic and returns its ref. */
	readonly sendJoin: () => string;
	readonly onChange: (state: JoinState) => void;
	readonly timeoutMs?: number;
	readonly backoff?: Backoff;
};

/**
The device channel on one connection: join, wait for the reply, and rejoin with backoff after an
error reply, a join timeout, phx_error or phx_close.
*/
export class ChannelJoin {
	readonly #options: ChannelJoinOptions;
	readonly #backoff: Backoff;
	#state: JoinState;
	#pendingRef: string | undefined;
	#timer: TimerHandle | undefined;

	constructor(options: ChannelJoinOptions) {
		this.#options = options;
		this.#backoff = options.backoff ?? new Backoff(rejoinBackoff);
		this.#state = {...noJoin, topic: options.topic};
	}

	get state(): JoinState {
		return this.#state;
	}

	join(): void {
		const {clock} = this.#options;
		clock.clearTimeout(this.#timer);
		this.#pendingRef = this.#options.sendJoin();
		this.#update({phase: 'joining', attempts: this.#state.attempts + 1, nextRejoinAt: null});
		const ref = this.#pendingRef;
		this.#timer = clock.setTimeout(() => {
			if (this.#pendingRef === ref) {
				this.#failed(`no reply to the join within ${(this.#options.timeoutMs ?? joinTimeoutMs) / 1000} s`);
			}
		}, this.#options.timeoutMs ?? joinTimeoutMs);
	}

	/** The reply to a join we sent. Returns false when the ref is not the pending join's. */
	replied(ref: string, status: string | null, reason: string | undefined): boolean {
		if (ref !== this.#pendingRef) {
			return false;
		}

		this.#pendingRef = undefined;
		this.#options.clock.clearTimeout(this.#timer);
		if (status === 'ok') {
			this.#backoff.reset();
			this.#update({phase: 'joined', joinedAt: this.#options.clock.now(), lastError: null});
		} else {
			this.#failed(`join refused: ${reason ?? status ?? 'no reason given'}`);
		}

		return true;
	}

	/** The server errored or closed the channel (phx_error / phx_close). */
	lost(why: string): void {
		this.#pendingRef = undefined;
		this.#failed(why);
	}

	/** The connection is gone: forget the channel and any pending rejoin (quietly: the socket reports the close). */
	reset(): void {
		this.#options.clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#pendingRef = undefined;
		this.#state = {...noJoin, topic: this.#options.topic};
	}

	#failed(why: string): void {
		const {clock} = this.#options;
		clock.clearTimeout(this.#timer);
		const delay = this.#backoff.next();
		this.#update({phase: 'errored', joinedAt: null, lastError: why, nextRejoinAt: clock.now() + delay});
		this.#timer = clock.setTimeout(() => {
			this.#timer = undefined;
			this.join();
		}, delay);
	}

	#update(patch: Partial<JoinState>): void {
		this.#state = {...this.#state, ...patch};
		this.#options.onChange(this.#state);
	}
}
