/**
A fixed-capacity buffer that drops the oldest item when full. `toArray()` returns a frozen copy,
cached until the next push, so snapshots can share it.
*/
export class RingBuffer<T> {
	readonly #items: Array<T | undefined>;
	#start = 0;
	#length = 0;
	#view: readonly T[] | undefined;

	constructor(readonly capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
		}

		this.#items = Array.from({length: capacity});
	}

	get length(): number {
		return this.#length;
	}

	push(item: T): void {
		const index = (this.#start + this.#length) % this.capacity;
		this.#items[index] = item;
		if (this.#length < this.capacity) {
			this.#length++;
		} else {
			this.#start = (this.#start + 1) % this.capacity;
		}

		this.#view = undefined;
	}

	toArray(): readonly T[] {
		if (!this.#view) {
			const result: T[] = [];
			for (let i = 0; i < this.#length; i++) {
				result.push(this.#items[(this.#start + i) % this.capacity] as T);
			}

			this.#view = Object.freeze(result);
		}

		return this.#view;
	}
}
