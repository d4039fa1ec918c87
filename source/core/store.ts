export type Listener = () => void;

/**
Holds one immutable snapshot and tells subscribers when it is replaced. The shape every part of the
core exposes, and the one `useSyncExternalStore` expects.
*/
export class Store<T> {
	#snapshot: T;
	readonly #listeners = new Set<Listener>();

	constructor(initial: T) {
		this.#snapshot = initial;
	}

	readonly getSnapshot = (): T => this.#snapshot;

	readonly subscribe = (listener: Listener): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	/** Tells subscribers of a change kept outside the snapshot (an owner that folds it in when read). */
	notify(): void {
		for (const listener of this.#listeners) {
			listener();
		}
	}

	/** Replaces the snapshot with a copy changed by `patch` and notifies subscribers. */
	update(patch: Partial<T> | ((previous: T) => T)): T {
		const next = typeof patch === 'function' ? patch(this.#snapshot) : {...this.#snapshot, ...patch};
		if (next === this.#snapshot) {
			return next;
		}

		this.#snapshot = Object.freeze(next);
		this.notify();
		return this.#snapshot;
	}
}
