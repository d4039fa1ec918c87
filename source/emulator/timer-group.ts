import type {Clock, TimerHandle} from '../core/clock.js';

/**
Every timer the emulator sets goes through one group, so `close()` can clear them all at once and
a callback that throws is reported instead of escaping into the clock (or the event loop).
*/
export class TimerGroup {
	readonly #clock: Clock;
	readonly #onError: (error: unknown) => void;
	readonly #handles = new Set<TimerHandle>();
	#closed = false;

	constructor(clock: Clock, onError: (error: unknown) => void) {
		this.#clock = clock;
		this.#onError = onError;
	}

	get clock(): Clock {
		return this.#clock;
	}

	now(): number {
		return this.#clock.now();
	}

	set(callback: () => void, ms: number): TimerHandle {
		if (this.#closed) {
			return {id: -1};
		}

		const handle = this.#clock.setTimeout(() => {
			this.#handles.delete(handle);
			try {
				callback();
			} catch (error) {
				this.#onError(error);
			}
		}, ms);
		this.#handles.add(handle);
		return handle;
	}

	clear(handle: TimerHandle | undefined): void {
		if (!handle) {
			return;
		}

		this.#clock.clearTimeout(handle);
		this.#handles.delete(handle);
	}

	/** Clears every timer and refuses new ones. */
	clearAll(): void {
		this.#closed = true;
		for (const handle of this.#handles) {
			this.#clock.clearTimeout(handle);
		}

		this.#handles.clear();
	}

	get size(): number {
		return this.#handles.size;
	}
}
