/** Runs tasks one after another, each once the one before has settled (whatever its outcome). */
export class SerialQueue {
	#tail: Promise<void> = Promise.resolve();

	async run<T>(task: () => Promise<T>): Promise<T> {
		const previous = this.#tail;
		const run = (async () => {
			await previous;
			return task();
		})();
		this.#tail = (async () => {
			try {
				await run;
			} catch {}
		})();
		return run;
	}

	/** Resolves once every task queued so far has settled. */
	async idle(): Promise<void> {
		await this.#tail;
	}
}
