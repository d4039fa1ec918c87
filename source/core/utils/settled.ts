/** Resolves when the promise settles, either way. */
export async function settled(promise: Promise<unknown>): Promise<void> {
	try {
		await promise;
	} catch {}
}

/** Runs `task` once `previous` has settled; neither's failure escapes (for writes whose failures are reported elsewhere). */
export async function afterwards(previous: Promise<unknown>, task: () => Promise<unknown>): Promise<void> {
	await settled(previous);
	await settled(task());
}
