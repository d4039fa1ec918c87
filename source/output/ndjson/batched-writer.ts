import type {Writable} from 'node:stream';

/** What the NDJSON writer writes to: a stream, or a BatchedWriter in front of one. */
export type TextOutput = {
	readonly writable: boolean;
	write(text: string): unknown;
};

/** A batch this large is written at once, without waiting for the turn of the event loop to end. */
const maxBatchCharacters = 256 * 1024;

/**
Writes text to a stream in batches: everything written within one turn of the event loop goes out in
one write, so a flood of 100,000 lines makes a few hundred writes instead of 100,000 (each one a
system call when stdout is a file or a pipe). The order is kept, and nothing waits longer than that
turn; `flush()` writes what waits at once (on stop, and on exit).
*/
export class BatchedWriter implements TextOutput {
	readonly #out: Writable;
	#queue: string[] = [];
	#characters = 0;
	#immediate: NodeJS.Immediate | undefined;

	constructor(out: Writable) {
		this.#out = out;
	}

	get writable(): boolean {
		return this.#out.writable;
	}

	write(text: string): void {
		this.#queue.push(text);
		this.#characters += text.length;
		if (this.#characters >= maxBatchCharacters) {
			this.flush();
			return;
		}

		this.#immediate ??= setImmediate(() => {
			this.#immediate = undefined;
			this.flush();
		});
	}

	/** Writes everything queued now (a stream that has closed gets nothing). */
	flush(): void {
		if (this.#immediate) {
			clearImmediate(this.#immediate);
			this.#immediate = undefined;
		}

		if (this.#queue.length === 0) {
			return;
		}

		const text = this.#queue.join('');
		this.#queue = [];
		this.#characters = 0;
		if (this.#out.writable) {
			this.#out.write(text);
		}
	}
}
