export type BackoffOptions = {
	/** First delay: no delay is ever shorter. */
	readonly minMs: number;
	/** Ceiling: no delay is ever longer. */
	readonly maxMs: number;
	/** 0 to 1: the delay is drawn from a window d · jitter wide, [d, d · (1 + jitter)] below the ceiling. Default 0.3. */
	readonly jitter?: number;
	/** Injected for tests; defaults to Math.random. */
	readonly random?: () => number;
};

/**
Exponential backoff with jitter: min, 2·min, 4·min … up to max, each moved by a random fraction so
that many devices dropped at once do not reconnect in lockstep. Both ends are hard limits: `minMs` is
a floor that a retry never comes sooner than (a reconnect under 1 s after a failure is a storm by
Frame.io's rules, and an identity request sooner than 60 s breaks its rate limit), so jitter only
lengthens the early delays; `maxMs` is a ceiling never passed (a refresh that failed on the network
is tried again within 30 s), so at the ceiling jitter shortens instead.
*/
export class Backoff {
	readonly #options: Required<BackoffOptions>;
	#attempts = 0;

	constructor(options: BackoffOptions) {
		this.#options = {jitter: 0.3, random: Math.random, ...options};
	}

	/** Failures since the last reset. */
	get attempts(): number {
		return this.#attempts;
	}

	/** The delay before the next try; counts one more failure. */
	next(): number {
		const {minMs, maxMs, jitter, random} = this.#options;
		const base = Math.min(maxMs, minMs * (2 ** Math.min(this.#attempts, 30)));
		this.#attempts++;
		const spread = base * jitter;
		const high = Math.min(maxMs, base + spread);
		const low = Math.max(minMs, high - spread);
		return Math.round(low + ((high - low) * random()));
	}

	reset(): void {
		this.#attempts = 0;
	}
}
