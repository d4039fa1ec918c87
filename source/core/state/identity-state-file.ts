import process from 'node:process';
import {mkdir} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import lockfile from 'proper-lockfile';
import {journalKey} from '../history/journal-paths.js';
import {describeError} from '../utils/describe-error.js';
import {NotRegularFileError, readRegularFile} from '../utils/read-regular-file.js';
import {settled} from '../utils/settled.js';
import {writeFileAtomic} from '../utils/write-file-atomic.js';
import {
	type DeviceMemory, parseMemory, type RememberedEvent, type RememberedFailure, type RememberedIdentity, serializeMemory,
} from './device-memory.js';

export type {DeviceMemory, IdentityRequestClaim, RememberedEvent, RememberedFailure, RememberedIdentity, Writer} from './device-memory.js';

/** What a change under the lock does: the result, and the parts to write (none: nothing is written). */
export type Transaction<T> = {readonly result: T; readonly write?: DeviceMemory};

/** What the identity poller needs from wherever the last identity is kept. */
export type IdentityMemory = {
	/** What is kept (empty when there is nothing, or it cannot be read). */
	read(): Promise<DeviceMemory>;
	/**
	Reads, decides and writes as one step that no other process sharing the device can come between
	(a request claimed by two processes at once would be sent twice). Throws when the file cannot be
	locked or written.
	*/
	transact<T>(decide: (memory: DeviceMemory) => Transaction<T>): Promise<T>;
	save(remembered: RememberedIdentity): Promise<void>;
	saveFailure(failure: RememberedFailure): Promise<void>;
};

export type IdentityStateFileOptions = {
	/** The file cannot be written (why, in words), or can again (null): called on each change. */
	readonly onProblem?: (problem: string | null) => void;
};

/**
Held while reading, deciding and writing: milliseconds. A holder that died leaves the lock folder
behind; it is taken over once its time is this old (proper-lockfile's minimum is 2 s).
*/
const staleLockMs = 5000;
/** The file holds a few hundred bytes: anything far larger is not it. */
const maxStateFileBytes = 1024 * 1024;
/** Wait up to about 10 s for the lock: beyond any holder that is alive, and a dead one's stale time. */
const lockRetries = {retries: 30, factor: 1.3, minTimeout: 5, maxTimeout: 500} as const;

/**
One small JSON file per device under the state directory, so that Frame.io's rules hold across
restarts and across processes (a monitor and a `check` from cron): the 60 s identity window, the
outcome of the last identity request, and the device id that lets the socket join at once. Every
change is made under the file's lock (a `<file>.lock` folder beside it), so that two processes never
both claim the same request. It never holds a token; its name is a hash of the API URL and of where
the token comes from.
*/
export class IdentityStateFile implements IdentityMemory {
	/** The file for a device, identified by its API and by where its token comes from (a path, or a hash of the token). */
	static forDevice(directory: string, apiUrl: string, tokenOrigin: string, options: IdentityStateFileOptions = {}): IdentityStateFile {
		// The same key names the device's journal folder: the two are found beside each other.
		return new IdentityStateFile(join(directory, `device-${journalKey(apiUrl, tokenOrigin)}.json`), options);
	}

	/** Changes one after another within this process (the lock orders them across processes). */
	#queue: Promise<void> = Promise.resolve();
	#problem: string | null = null;
	readonly #options: IdentityStateFileOptions;

	constructor(readonly path: string, options: IdentityStateFileOptions = {}) {
		this.#options = options;
	}

	/** Why the file could not be written on the latest try, or null. */
	get problem(): string | null {
		return this.#problem;
	}

	/** The last identity, or undefined when there is none (or it cannot be read). */
	async load(): Promise<RememberedIdentity | undefined> {
		const memory = await this.read();
		return memory.identity;
	}

	/** What is kept; nothing when the file is missing or unreadable, and a file that is not a regular file is said as the file's problem. */
	async read(): Promise<DeviceMemory> {
		try {
			return await this.#read();
		} catch (error) {
			this.#report(problemOf(this.path, error));
			return {};
		}
	}

	async save(remembered: RememberedIdentity): Promise<void> {
		return this.#update({identity: remembered});
	}

	/** The identity `c2c-status pair` fetched right after pairing: the first run shows it as fetched at pairing, not "from the last run". */
	async rememberPairing(remembered: RememberedIdentity): Promise<void> {
		return this.save({...remembered, by: {pid: process.pid, pairing: true}});
	}

	async saveFailure(failure: RememberedFailure): Promise<void> {
		return this.#update({lastFailure: failure});
	}

	async rememberEvent(event: RememberedEvent): Promise<void> {
		return this.#update({statusEvent: event});
	}

	async transact<T>(decide: (memory: DeviceMemory) => Transaction<T>): Promise<T> {
		const done = this.#after(this.#queue, decide);
		this.#queue = settled(done);
		return done;
	}

	/** Never resolves before the writes asked for so far are done (the next run reads them). */
	async flushed(): Promise<void> {
		return this.#queue;
	}

	async #after<T>(previous: Promise<void>, decide: (memory: DeviceMemory) => Transaction<T>): Promise<T> {
		await previous;
		return this.#locked(decide);
	}

	async #update(part: DeviceMemory): Promise<void> {
		return this.transact(() => ({result: undefined, write: part}));
	}

	async #locked<T>(decide: (memory: DeviceMemory) => Transaction<T>): Promise<T> {
		let release: (() => Promise<void>) | undefined;
		try {
			await mkdir(dirname(this.path), {recursive: true, mode: 0o700});
			release = await lockfile.lock(this.path, {realpath: false, stale: staleLockMs, retries: lockRetries, onCompromised: () => undefined});
			const memory = await this.#read();
			const {result, write} = decide(memory);
			if (write) {
				await writeFileAtomic(this.path, serializeMemory({...memory, ...write}), {mode: 0o600});
			}

			this.#report(null);
			return result;
		} catch (error) {
			this.#report(problemOf(this.path, error));
			throw error;
		} finally {
			try {
				await release?.();
			} catch {}
		}
	}

	/**
	Never opens the path in a way that can block (a FIFO there would hang every change, and the start),
	nor reads anything but a regular file: that one throws, and is left alone. A file that is missing,
	unreadable or not the file's JSON holds nothing.
	*/
	async #read(): Promise<DeviceMemory> {
		let value: unknown;
		try {
			value = JSON.parse(await readRegularFile(this.path, maxStateFileBytes));
		} catch (error) {
			if (error instanceof NotRegularFileError) {
				throw error;
			}

			return {};
		}

		return parseMemory(value);
	}

	#report(problem: string | null): void {
		if (problem !== this.#problem) {
			this.#problem = problem;
			this.#options.onProblem?.(problem);
		}
	}
}

/** Why the file cannot be used, in one line: something other than a regular file at its path is not replaced. */
function problemOf(path: string, error: unknown): string {
	return error instanceof NotRegularFileError
		? `cannot use ${path}: it is ${error.kind}, not a regular file (left as it is)`
		: `cannot write ${path}: ${describeError(error)}`;
}
