import type {Clock, TimerHandle} from './clock.js';

/** Snapshots are published at most this often: about 15 a second, what a person can follow. */
export const publishIntervalMs = 66;

/**
When a store (the Monitor, the Fleet) publishes a new snapshot: at most one per interval. The first
change after a quiet interval is published once the current turn is over (a microtask), not at once:
what one message brings comes together (a status_updated frame is a traffic entry, then a new status,
then an identity request; a /health answer changes fifty devices of a fleet), and makes one snapshot.
Published at once, the first part alone would go out and the rest would wait out the interval.
Changes within the interval wait for its end.
*/
export class CoalescedPublish {
	readonly #clock: Clock;
	readonly #intervalMs: number;
	readonly #publish: () => void;
	#timer: TimerHandle | undefined;
	#queued = false;
	#lastAt = Number.NEGATIVE_INFINITY;

	constructor(clock: Clock, intervalMs: number, publish: () => void) {
		this.#clock = clock;
		this.#intervalMs = intervalMs;
		this.#publish = publish;
	}

	/** A change: published at the end of the turn, or of the interval. */
	schedule(): void {
		if (this.#timer !== undefined || this.#queued) {
			return;
		}

		const wait = this.#lastAt + this.#intervalMs - this.#clock.now();
		if (wait <= 0) {
			this.#queued = true;
			queueMicrotask(() => {
				this.#queued = false;
				this.now();
			});
			return;
		}

		this.#timer = this.#clock.setTimeout(() => {
			this.#timer = undefined;
			this.now();
		}, wait);
	}

	/** Publishes now (at start, at stop), and drops a publish that was waiting for the interval. */
	now(): void {
		this.#clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#lastAt = this.#clock.now();
		this.#publish();
	}
}
