import {performance} from 'node:perf_hooks';

type Source<T> = {
	subscribe(listener: () => void): () => void;
	getSnapshot(): T;
};

export type PaceOptions<T> = {
	/** A change the view must show at once, whatever the pace (Paused, Connected). */
	readonly urgent: (shown: T, next: T) => boolean;
	/** The view may spend at most 1 / (1 + this) of the time drawing: after a draw that took 40 ms, the next comes 40 ms × this later at the earliest. */
	readonly restFactor?: number;
	/** Tests pass their own time and timers. */
	readonly now?: () => number;
	readonly setTimeout?: (callback: () => void, ms: number) => unknown;
	readonly clearTimeout?: (timer: unknown) => void;
	/** Called once the draw that a new snapshot causes is over (React renders in a microtask; Ink writes then). */
	readonly afterDraw?: (callback: () => void) => void;
};

export const defaultRestFactor = 3;

/**
The monitor's snapshots at a pace the view can draw them. The monitor publishes at most 15 a second,
which an idle view draws in a few milliseconds each; but a 120x40 view with a full traffic log takes
some 40 ms a draw, and under a flood of frames fifteen draws a second would take most of the process,
and the frames would wait for them. So after each draw the view rests for `restFactor` times as long
as the draw took (measured from the snapshot to the end of the turn that drew it) before it takes the
next one, the latest by then. An idle view's draws are short and it never notices the rest; an urgent
change (Paused, Connected, the socket joined or closed) is drawn at once all the same. Key presses are
not paced: they change the view's own state, not the monitor's.

`subscribe` and `getSnapshot`, for useSyncExternalStore.
*/
export class PacedSnapshots<T> {
	readonly #source: Source<T>;
	readonly #options: PaceOptions<T>;
	readonly #listeners = new Set<() => void>();
	#shown: T;
	#unsubscribe: (() => void) | undefined;
	#timer: unknown;
	#restUntil = Number.NEGATIVE_INFINITY;

	constructor(source: Source<T>, options: PaceOptions<T>) {
		this.#source = source;
		this.#options = options;
		this.#shown = source.getSnapshot();
	}

	readonly getSnapshot = (): T => this.#shown;

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		if (this.#unsubscribe === undefined) {
			this.#unsubscribe = this.#source.subscribe(() => {
				this.#changed();
			});
			this.#changed();
		}

		return () => {
			this.#listeners.delete(listener);
			if (this.#listeners.size === 0) {
				this.#unsubscribe?.();
				this.#unsubscribe = undefined;
				this.#cancel();
			}
		};
	};

	#changed(): void {
		const next = this.#source.getSnapshot();
		if (next === this.#shown) {
			return;
		}

		const now = this.#now();
		if (this.#options.urgent(this.#shown, next) || now >= this.#restUntil) {
			this.#cancel();
			this.#show(next);
			return;
		}

		// While a draw is being measured, the end of its turn looks again (see #show).
		if (this.#timer === undefined && this.#restUntil !== Number.POSITIVE_INFINITY) {
			const {setTimeout: set = globalThis.setTimeout} = this.#options;
			this.#timer = set(() => {
				this.#timer = undefined;
				this.#show(this.#source.getSnapshot());
			}, this.#restUntil - now);
		}
	}

	#show(next: T): void {
		if (next === this.#shown) {
			return;
		}

		this.#shown = next;
		const started = this.#now();
		// Rest from now until the draw is measured, so that snapshots published meanwhile wait for it.
		this.#restUntil = Number.POSITIVE_INFINITY;
		for (const listener of this.#listeners) {
			listener();
		}

		const {afterDraw = setImmediate, restFactor = defaultRestFactor} = this.#options;
		afterDraw(() => {
			const ended = this.#now();
			this.#restUntil = ended + ((ended - started) * restFactor);
			if (this.#unsubscribe !== undefined && this.#timer === undefined) {
				this.#changed();
			}
		});
	}

	#cancel(): void {
		if (this.#timer !== undefined) {
			const {clearTimeout: clear = globalThis.clearTimeout} = this.#options;
			clear(this.#timer as NodeJS.Timeout);
			this.#timer = undefined;
		}
	}

	#now(): number {
		return (this.#options.now ?? performance.now.bind(performance))();
	}
}
