/** A minimal typed event channel: listeners run synchronously, in order, for every emit. */
export class Emitter<T> {
	readonly #listeners = new Set<(value: T) => void>();

	on(listener: (value: T) => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	emit(value: T): void {
		for (const listener of this.#listeners) {
			listener(value);
		}
	}

	clear(): void {
		this.#listeners.clear();
	}
}
