export type BackoffOptions = {
	/** First delay, before jitter. */
	readonly minMs: number;
	/** Ceiling for the delay, before jitter. */
	readonly maxMs: number;
	/** 0 to 1: the delay is drawn from [d * (1 - jitter), d]. Default 0.3. */
	readonly jitter?: number;
	/** Injected for tests; defaults to Math.random. */
	readonly random?: () => number;
};

/**
Exponential backoff with jitter: min, 2·min, 4·min … up to max, each shortened by a random
fraction so that many devices dropped at once do not reconnect in lockstep.
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
		return Math.round(base * (1 - (jitter * random())));
	}

	reset(): void {
		this.#attempts = 0;
	}
}
