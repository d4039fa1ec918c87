type Subscribable<T> = {
	subscribe(listener: () => void): () => void;
	getSnapshot(): T;
};

type EventSource<T> = {
	on(listener: (value: T) => void): () => void;
};

/**
Resolves with the first snapshot that satisfies the predicate (the current one included). The
timeout only turns a hang into a readable failure; nothing here sleeps.
*/
export async function waitForSnapshot<T>(store: Subscribable<T>, predicate: (snapshot: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
	const current = store.getSnapshot();
	if (predicate(current)) {
		return current;
	}

	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => {
			unsubscribe();
			reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
		}, timeoutMs);
		const unsubscribe = store.subscribe(() => {
			const snapshot = store.getSnapshot();
			if (predicate(snapshot)) {
				clearTimeout(timer);
				unsubscribe();
				resolve(snapshot);
			}
		});
	});
}

/** Resolves with the next emitted value that satisfies the predicate. */
export async function waitForEvent<T, S extends T = T>(source: EventSource<T>, predicate: ((value: T) => value is S) | ((value: T) => boolean), what: string, timeoutMs = 5000): Promise<S> {
	return new Promise<S>((resolve, reject) => {
		const timer = setTimeout(() => {
			off();
			reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
		}, timeoutMs);
		const off = source.on(value => {
			if (predicate(value)) {
				clearTimeout(timer);
				off();
				resolve(value as S);
			}
		});
	});
}

/** Collects every emitted value until the returned stop function is called. */
export function record<T>(source: EventSource<T>): {readonly values: T[]; stop: () => void} {
	const values: T[] = [];
	const stop = source.on(value => {
		values.push(value);
	});
	return {values, stop};
}
