import {setTimeout as delay} from 'node:timers/promises';

/**
Asks again and again until `read` gives a value, for what has no event to await (another process's
state, seen through its API). Bounded: past the deadline it throws, saying what it waited for and
what it saw last.
*/
export async function pollUntil<T>(read: () => Promise<T | undefined>, what: string, {timeoutMs = 15_000, intervalMs = 100} = {}): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await read();
			if (value !== undefined) {
				return value;
			}

			last = 'nothing yet';
		} catch (error) {
			last = error;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
		}

		await delay(intervalMs);
	}
}
