import {mkdir} from 'node:fs/promises';
import {dirname} from 'node:path';
import lockfile from 'proper-lockfile';
import {type Credentials, readableByOthers, readCredentials, writeCredentials} from './credentials-file.js';

/** Where owned credentials live: the credentials file, or memory (the demo's). */
export type CredentialsStore = {
	/** What to call it on screen: the file's path. */
	readonly label: string;
	read(): Promise<Credentials>;
	write(credentials: Credentials): Promise<void>;
	/** Runs `task` holding the store's lock: another process (a monitor, a cron check) sharing the file waits. */
	locked<T>(task: () => Promise<T>): Promise<T>;
	/** Something to fix that stops nothing (a file others can read), or null. */
	warning(): Promise<string | null>;
};

/**
How long a lock may be held before another process may take it over as stale: far beyond a refresh
(its request gives up after 15 s), so only a process that died holding it loses it.
*/
const staleLockMs = 60_000;

/**
The credentials file, locked with proper-lockfile (a `<file>.lock` folder beside it, which works across
processes and on network file systems) while a refresh reads, spends and rewrites it.
*/
export class CredentialsFile implements CredentialsStore {
	constructor(readonly path: string) {}

	get label(): string {
		return this.path;
	}

	async read(): Promise<Credentials> {
		return readCredentials(this.path);
	}

	async write(credentials: Credentials): Promise<void> {
		await writeCredentials(this.path, credentials);
	}

	async locked<T>(task: () => Promise<T>): Promise<T> {
		// The lock is a folder beside the file: its own folder must exist first (a first pairing creates it).
		await mkdir(dirname(this.path), {recursive: true, mode: 0o700});
		const release = await lockfile.lock(this.path, {
			realpath: false,
			stale: staleLockMs,
			// Wait up to about 20 s for another process's refresh to finish.
			retries: {retries: 40, factor: 1.2, minTimeout: 50, maxTimeout: 1000},
			// A lock taken over as stale while still held: the other holder refreshes on its own; nothing to throw at.
			onCompromised: () => undefined,
		});
		try {
			return await task();
		} finally {
			try {
				await release();
			} catch {}
		}
	}

	async warning(): Promise<string | null> {
		return await readableByOthers(this.path) ? `the credentials file can be read by others: chmod 600 ${this.path}` : null;
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
