import {Buffer} from 'node:buffer';
import {constants} from 'node:fs';
import {mkdir, open, stat, type FileHandle} from 'node:fs/promises';
import {join} from 'node:path';
import type {Clock, TimerHandle} from '../../core/clock.js';
import {dayFileName, dayStart} from '../../core/history/journal-paths.js';
import {Store} from '../../core/store.js';
import {describeError} from '../../core/utils/describe-error.js';
import {fileKind, NotRegularFileError} from '../../core/utils/read-regular-file.js';

export type JournalFileState = {
	/** The file written to now (the current UTC day's). */
	readonly path: string | null;
	/** Set once when writing starts to fail (a full or read-only disk), cleared when it works again. */
	readonly problem: string | null;
	readonly writtenLines: number;
	/** Lines given up: more than the queue holds while writing failed, or still queued at close. */
	readonly droppedLines: number;
};

export type JournalFileOptions = {
	/** The device's journal folder. */
	readonly directory: string;
	readonly clock: Clock;
	/** Whole lines to write first in each new day's file (the state carried over), at the moment given. */
	readonly carry?: (at: number) => readonly string[];
	/** After a failure, the next try (default 60 s). */
	readonly retryMs?: number;
	/** Lines held while writing fails (default 1000); the oldest go first. */
	readonly maxQueuedLines?: number;
};

/**
Appends whole lines to a device's journal, one file per UTC day, so that several processes can write
one file at once without tearing a line: the file is opened with O_APPEND and each line goes out in a
single `write`, which the kernel places whole at the end. Mode 0600, folder 0700. It never throws: a
failure is said once in the snapshot, lines wait (up to a bound) and the write is tried again later.
*/
export class JournalFile {
	readonly store = new Store<JournalFileState>({path: null, problem: null, writtenLines: 0, droppedLines: 0});
	readonly #options: Required<Omit<JournalFileOptions, 'carry'>> & Pick<JournalFileOptions, 'carry'>;
	#queue: string[] = [];
	#handle: FileHandle | undefined;
	/** The day of the file opened last. */
	#day: number | undefined;
	#draining: Promise<void> | undefined;
	#retry: TimerHandle | undefined;
	#closed = false;
	/** The first queued line is being written: it is not the one to drop. */
	#writing = false;
	/** A write ended short: the next one starts on a new line, so only the torn line is lost. */
	#newlineFirst = false;

	constructor(options: JournalFileOptions) {
		this.#options = {...options, retryMs: options.retryMs ?? 60_000, maxQueuedLines: options.maxQueuedLines ?? 1000};
	}

	/** Queues one whole line (ending in a newline). */
	append(line: string): void {
		if (this.#closed) {
			this.#drop(1);
			return;
		}

		this.#queue.push(line);
		if (this.#queue.length > this.#options.maxQueuedLines) {
			this.#queue.splice(this.#writing ? 1 : 0, 1);
			this.#drop(1);
		}

		this.#kick();
	}

	/** Resolves when what was queued is written, or writing failed (and waits for its retry). */
	async flushed(): Promise<void> {
		await this.#draining;
	}

	/** Writes what waits (one more try if writing was failing), then closes the file. Later lines are dropped. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#options.clock.clearTimeout(this.#retry);
		this.#retry = undefined;
		await this.#draining;
		if (this.#queue.length > 0) {
			await this.#drain();
		}

		this.#drop(this.#queue.length);
		this.#queue = [];
		await this.#release();
	}

	#kick(): void {
		if (this.#draining !== undefined || this.#retry !== undefined) {
			return;
		}

		this.#draining = this.#drainThenKick();
	}

	/** Drains, then again if lines came in after the last look (and no retry waits). */
	async #drainThenKick(): Promise<void> {
		await this.#drain();
		this.#draining = undefined;
		if (this.#queue.length > 0 && this.#retry === undefined && !this.#closed) {
			this.#kick();
		}
	}

	async #drain(): Promise<void> {
		while (this.#queue.length > 0) {
			try {
				// One line after another, in order: each is a single append of its own.
				// eslint-disable-next-line no-await-in-loop
				const handle = await this.#file();
				this.#writing = true;
				// eslint-disable-next-line no-await-in-loop
				await this.#write(handle, this.#queue[0]!);
			} catch (error) {
				this.#fail(error);
				return;
			} finally {
				this.#writing = false;
			}

			this.#queue.shift();
			this.store.update(state => ({...state, problem: null, writtenLines: state.writtenLines + 1}));
		}
	}

	/** The open file for today, opened (and started with the carried state) when the day changed. */
	async #file(): Promise<FileHandle> {
		const now = this.#options.clock.now();
		const day = dayStart(now);
		if (this.#handle && this.#day === day) {
			return this.#handle;
		}

		await this.#release();
		const path = join(this.#options.directory, dayFileName(now));
		const handle = await this.#open(path);
		const newDay = this.#day !== undefined && this.#day !== day;
		this.#handle = handle;
		this.#day = day;
		this.store.update(state => state.path === path ? state : {...state, path});
		if (newDay) {
			for (const line of this.#options.carry?.(now) ?? []) {
				// eslint-disable-next-line no-await-in-loop
				await this.#write(handle, line);
			}
		}

		return handle;
	}

	async #open(path: string): Promise<FileHandle> {
		await mkdir(this.#options.directory, {recursive: true, mode: 0o700});
		try {
			return await openToAppend(path);
		} catch (error) {
			// Retention removed the emptied folder of a device not seen for a month, just now: once more.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
				throw error;
			}

			await mkdir(this.#options.directory, {recursive: true, mode: 0o700});
			return openToAppend(path);
		}
	}

	async #write(handle: FileHandle, line: string): Promise<void> {
		const bytes = Buffer.from(this.#newlineFirst ? `\n${line}` : line);
		const {bytesWritten} = await handle.write(bytes, 0, bytes.length, null);
		if (bytesWritten < bytes.length) {
			this.#newlineFirst = true;
			throw new Error(`wrote ${bytesWritten} of ${bytes.length} bytes`);
		}

		this.#newlineFirst = false;
	}

	#fail(error: unknown): void {
		void this.#release();
		if (this.store.getSnapshot().problem === null) {
			this.store.update({problem: `the journal cannot be written (${this.#options.directory}): ${describeError(error)}`});
		}

		if (!this.#closed) {
			this.#retry = this.#options.clock.setTimeout(() => {
				this.#retry = undefined;
				this.#kick();
			}, this.#options.retryMs);
		}
	}

	async #release(): Promise<void> {
		const handle = this.#handle;
		this.#handle = undefined;
		try {
			await handle?.close();
		} catch {}
	}

	#drop(count: number): void {
		if (count > 0) {
			this.store.update(state => ({...state, droppedLines: state.droppedLines + count}));
		}
	}
}

// eslint-disable-next-line no-bitwise -- open(2) flags are bits
const appendFlags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK;

/**
Opens a day's file to append (made with mode 0600), and only a regular file. The open never waits: a
FIFO there with nobody reading would block it for ever (and `check` with it); it fails with ENXIO instead.
On a regular file O_NONBLOCK changes nothing.
*/
async function openToAppend(path: string): Promise<FileHandle> {
	let handle: FileHandle;
	try {
		handle = await open(path, appendFlags, 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENXIO') {
			throw new NotRegularFileError(path, fileKind(await stat(path)));
		}

		throw error;
	}

	const stats = await handle.stat();
	if (!stats.isFile()) {
		await handle.close();
		throw new NotRegularFileError(path, fileKind(stats));
	}

	return handle;
}
