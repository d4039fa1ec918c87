import {mkdir} from 'node:fs/promises';
import {dirname} from 'node:path';
import {writableTarget} from '../utils/write-file-atomic.js';
import {type Credentials, probeCredentialsWrite, readableByOthers, readCredentials, writeCredentials} from './credentials-file.js';
import {type LockOptions, type LockTimingOptions, withLock} from './credentials-lock.js';

/** Where owned credentials live: the credentials file, or memory (the demo's). */
export type CredentialsStore = {
	/** What to call it on screen: the file's path. */
	readonly label: string;
	read(): Promise<Credentials>;
	write(credentials: Credentials): Promise<void>;
	/**
	Throws what writing `credentials` would throw now (no space left on device, a folder in the file's
	place), having written and removed a test file of their size: asked before a refresh token is spent.
	*/
	probe(credentials: Credentials): Promise<void>;
	/** Runs `task` holding the store's lock: another process (a monitor, a cron check) sharing the file waits. */
	locked<T>(task: () => Promise<T>, options?: LockOptions): Promise<T>;
	/** Something to fix that stops nothing (a file others can read), or null. */
	warning(): Promise<string | null>;
};

/**
The credentials file, locked (credentials-lock.ts) while a refresh reads, spends and rewrites it. A
symbolic link is followed: the file it points to is replaced and locked, so that the link stays and
every name for the file shares one lock.
*/
export class CredentialsFile implements CredentialsStore {
	readonly #lockTimings: Omit<LockTimingOptions, keyof LockOptions>;

	/** @param lockTimings For tests: a shorter stale time than the 15 s default. */
	constructor(readonly path: string, lockTimings: Omit<LockTimingOptions, keyof LockOptions> = {}) {
		this.#lockTimings = lockTimings;
	}

	get label(): string {
		return this.path;
	}

	async read(): Promise<Credentials> {
		return readCredentials(this.path);
	}

	async write(credentials: Credentials): Promise<void> {
		await writeCredentials(this.path, credentials);
	}

	async probe(credentials: Credentials): Promise<void> {
		await probeCredentialsWrite(this.path, credentials);
	}

	async locked<T>(task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
		// The lock is a folder beside the file (the link's target): that folder must exist first (a first pairing creates it).
		const target = await lockTarget(this.path);
		await mkdir(dirname(target), {recursive: true, mode: 0o700});
		return withLock(target, task, {...this.#lockTimings, ...options});
	}

	async warning(): Promise<string | null> {
		return await readableByOthers(this.path) ? `the credentials file can be read by others: chmod 600 ${this.path}` : null;
	}
}

/** The file the lock is named after: the end of the path's links, or the path itself when that cannot be told. */
async function lockTarget(path: string): Promise<string> {
	try {
		return await writableTarget(path);
	} catch {
		// Something that is not a file is in the way: the task says so; the lock is still taken beside the path.
		return path;
	}
}

/** Credentials held in memory only (the demo's): the lock is a queue within this process. */
export class MemoryCredentials implements CredentialsStore {
	#credentials: Credentials;
	#queue: Promise<void> = Promise.resolve();

	constructor(credentials: Credentials, readonly label = 'demo credentials (in memory)') {
		this.#credentials = credentials;
	}

	async read(): Promise<Credentials> {
		return this.#credentials;
	}

	async write(credentials: Credentials): Promise<void> {
		this.#credentials = credentials;
	}

	async probe(): Promise<void> {
		// Memory always has room.
	}

	async locked<T>(task: () => Promise<T>): Promise<T> {
		const previous = this.#queue;
		let done: () => void = () => undefined;
		this.#queue = new Promise(resolve => {
			done = resolve;
		});
		await previous;
		try {
			return await task();
		} finally {
			done();
		}
	}

	async warning(): Promise<string | null> {
		return null;
	}
}
