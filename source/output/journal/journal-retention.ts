import {readdir, rmdir, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import type {Clock, TimerHandle} from '../../core/clock.js';
import {dayMs, parseDayFileName} from '../../core/history/journal-paths.js';
import {describeError} from '../../core/utils/describe-error.js';

export type PruneResult = {
	readonly removedFiles: number;
	/** What could not be removed or read, one line each. */
	readonly problems: readonly string[];
};

/** The journal's default retention, in days (`--journal-days`). */
export const defaultJournalDays = 30;

/**
Removes every device's day files that hold nothing from the last `days` days, and the device folders
that are left empty. All devices, not only those watched now: a device no longer watched (or an
environment token since replaced, which keys a journal of its own) would otherwise keep its files
forever. `days` of 0 or less removes nothing. Never throws.
*/
export async function pruneJournals(root: string, {days, now}: {readonly days: number; readonly now: number}): Promise<PruneResult> {
	if (days <= 0) {
		return {removedFiles: 0, problems: []};
	}

	const keepFrom = now - (days * dayMs);
	const problems: string[] = [];
	let removedFiles = 0;
	let folders: string[];
	try {
		folders = await readdir(root);
	} catch (error) {
		return {removedFiles, problems: (error as NodeJS.ErrnoException).code === 'ENOENT' ? [] : [`${root}: ${describeError(error)}`]};
	}

	for (const folder of folders) {
		const directory = join(root, folder);
		// One folder after another: pruning is rare and must not crowd the disk.
		// eslint-disable-next-line no-await-in-loop
		const result = await pruneFolder(directory, keepFrom);
		removedFiles += result.removedFiles;
		problems.push(...result.problems);
	}

	return {removedFiles, problems};
}

async function pruneFolder(directory: string, keepFrom: number): Promise<PruneResult> {
	let names: string[];
	try {
		names = await readdir(directory);
	} catch (error) {
		// A stray file in the journal root is not ours to judge.
		return {removedFiles: 0, problems: (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? [] : [`${directory}: ${describeError(error)}`]};
	}

	const problems: string[] = [];
	let removedFiles = 0;
	for (const name of names) {
		const day = parseDayFileName(name);
		if (day === undefined || day + dayMs > keepFrom) {
			continue;
		}

		try {
			// eslint-disable-next-line no-await-in-loop
			await unlink(join(directory, name));
			removedFiles++;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
				problems.push(`${join(directory, name)}: ${describeError(error)}`);
			}
		}
	}

	if (removedFiles > 0 && removedFiles === names.length) {
		try {
			await rmdir(directory);
		} catch {}
	}

	return {removedFiles, problems};
}

export type JournalRetentionOptions = {
	readonly root: string;
	readonly days: number;
	readonly clock: Clock;
	/** Said once per pruning that left something behind. */
	readonly onProblem?: (problem: string) => void;
};

/**
Prunes the journal at start and then once a day on the Clock; one per process, however many devices
it watches. `stop()` clears the timer (and waits for a pruning under way).
*/
export class JournalRetention {
	readonly #options: JournalRetentionOptions;
	#timer: TimerHandle | undefined;
	#pruning: Promise<PruneResult> = Promise.resolve({removedFiles: 0, problems: []});
	#stopped = false;

	constructor(options: JournalRetentionOptions) {
		this.#options = options;
	}

	start(): void {
		if (this.#options.days > 0 && !this.#stopped) {
			this.#prune();
		}
	}

	/** The latest pruning's result, once it is done. */
	async settled(): Promise<PruneResult> {
		return this.#pruning;
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		this.#options.clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		await this.#pruning;
	}

	#prune(): void {
		const {clock} = this.#options;
		this.#pruning = this.#pruneNow();
		this.#timer = clock.setTimeout(() => {
			this.#prune();
		}, dayMs);
	}

	async #pruneNow(): Promise<PruneResult> {
		const {root, days, clock, onProblem} = this.#options;
		const result = await pruneJournals(root, {days, now: clock.now()});
		const [first, ...more] = result.problems;
		if (first !== undefined) {
			onProblem?.(`the journal could not be pruned: ${first}${more.length > 0 ? ` (and ${more.length} more)` : ''}`);
		}

		return result;
	}
}
