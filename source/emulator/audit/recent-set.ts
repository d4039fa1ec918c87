/**
The last `capacity` distinct values seen, for telling whether one comes again soon (a frame's ref
reused on its socket) in bounded memory: a value older than that many others is forgotten.
*/
export class RecentSet<T> {
	readonly #capacity: number;
	readonly #values = new Set<T>();

	constructor(capacity: number) {
		this.#capacity = capacity;
	}

	get size(): number {
		return this.#values.size;
	}

	has(value: T): boolean {
		return this.#values.has(value);
	}

	/** Adds a value (or makes it the newest again), forgetting the oldest beyond capacity. */
	add(value: T): void {
		this.#values.delete(value);
		this.#values.add(value);
		if (this.#values.size > this.#capacity) {
			const oldest = this.#values.values().next();
			if (!oldest.done) {
				this.#values.delete(oldest.value);
			}
		}
	}
}

/** Sets `key` as the newest entry of a map used in insertion order, and drops the oldest beyond `capacity`. */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
	map.delete(key);
	map.set(key, value);
	while (map.size > capacity) {
		const oldest = map.keys().next();
		if (oldest.done) {
			return;
		}

		map.delete(oldest.value);
	}
}
