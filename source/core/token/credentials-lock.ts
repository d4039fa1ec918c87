import {setTimeout as sleep} from 'node:timers/promises';
import lockfile from 'proper-lockfile';

/** How a wait for the lock began: handed to `onWait` once, when the lock is found held. */
export type LockWait = {
	/** When the wait began (this machine's time, Date.now()). */
	readonly since: number;
	/** A lock not renewed for this long is taken over: its holder has died. */
	readonly staleMs: number;
};

export type LockOptions = {
	/** Called once if the lock is held by another process (or another refresh in this one) for a second or more. */
	readonly onWait?: (wait: LockWait) => void;
	/** Stops waiting (the process is stopping): the promise rejects with an AbortError. */
	readonly signal?: AbortSignal;
};

/** The timings, apart from the defaults for tests (proper-lockfile takes staleMs ≥ 2000, updateMs ≥ 1000). */
export type LockTimingOptions = LockOptions & {readonly staleMs?: number; readonly updateMs?: number; readonly maxWaitMs?: number};

/**
A holder renews its lock (the lock folder's mtime) every `updateMs`; a lock not renewed for `staleMs` is
taken over, so a process killed while holding it (kill -9, a power cut) blocks the others for at most
15 s instead of the minute it used to. A live holder renews it whatever its refresh's length (a refresh
request gives up after 15 s). Only an event loop stalled for 15 s could lose a live lock (proper-lockfile
then calls onCompromised; the holder finishes its refresh, which the file's re-read makes safe to adopt).
*/
export const lockTimings = {staleMs: 15_000, updateMs: 3000} as const;

/** A live holder is waited for this long (a refresh takes at most 15 s, a takeover at most staleMs). */
export const maxLockWaitMs = 40_000;
/** A wait is reported once it has lasted this long: another process's refresh usually ends well within it. */
export const lockWaitReportMs = 1000;

/**
Runs `task` holding proper-lockfile's lock on `path` (a `<path>.lock` folder beside it, which works across
processes and on network file systems). A wait of a second or more is reported; a dead holder's lock is taken
over once it is `staleMs` old; after `maxWaitMs` the wait ends with proper-lockfile's ELOCKED error.
*/
export async function withLock<T>(path: string, task: () => Promise<T>, options: LockTimingOptions = {}): Promise<T> {
	const release = await acquire(path, options);
	try {
		return await task();
	} finally {
		try {
			await release();
		} catch {}
	}
}

async function acquire(path: string, options: LockTimingOptions): Promise<() => Promise<void>> {
	const {staleMs = lockTimings.staleMs, updateMs = lockTimings.updateMs, maxWaitMs = maxLockWaitMs, signal} = options;
	const since = Date.now();
	let delay = 50;
	let told = false;
	for (;;) {
		signal?.throwIfAborted();
		try {
			// eslint-disable-next-line no-await-in-loop -- one attempt after another, waiting between them
			return await lockfile.lock(path, {
				realpath: false,
				stale: staleMs,
				update: updateMs,
				// A lock taken over as stale while still held: the other holder refreshes on its own; nothing to throw at.
				onCompromised: () => undefined,
			});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() - since >= maxWaitMs) {
				throw error;
			}
		}

		if (!told && Date.now() - since >= lockWaitReportMs) {
			told = true;
			options.onWait?.({since, staleMs});
		}

		// eslint-disable-next-line no-await-in-loop -- the wait between attempts
		await sleep(delay, undefined, signal ? {signal} : {});
		delay = Math.min(1000, Math.round(delay * 1.5));
	}
}
