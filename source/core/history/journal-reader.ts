import {readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {describeError} from '../utils/describe-error.js';
import {processAlive} from '../utils/process-alive.js';
import {NotRegularFileError, readRegularFile} from '../utils/read-regular-file.js';
import type {Interval} from './intervals.js';
import {parseJournalLine, type JournalLine} from './journal-line.js';
import {dayMs, dayStart, parseDayFileName} from './journal-paths.js';

/** A day's file holds a line per change: far less than this even for a device that flaps all day. */
const maxJournalFileBytes = 256 * 1024 * 1024;

export type JournalText = {
	readonly lines: readonly JournalLine[];
	/** Lines that could not be read: torn, not JSON, or from a newer version. */
	readonly skippedLines: number;
};

export type JournalRead = JournalText & {
	/** False when the device has no journal folder at all (never watched, or the journal was off). */
	readonly found: boolean;
	/** The files read, oldest first. */
	readonly files: readonly string[];
	/** Files that could not be read, one line each: never fatal. */
	readonly problems: readonly string[];
	/** Whether each process that wrote a line runs now on this machine (for `buildHistory`: a killed run ends at its last line). */
	readonly processes: ReadonlyMap<number, boolean>;
};

export type ReadJournalOptions = {
	/**
	How far before `range.from` to read, so that the state at the start of the range is known (a pause
	that began the evening before). One day by default: each day's file begins with the state carried
	over from the day before.
	*/
	readonly lookbackMs?: number;
	/** Whether a process runs on this machine (default: asks the system). */
	readonly processRuns?: (pid: number) => boolean;
};

/**
Reads a device's journal folder for a range: every day file that may hold a line of it (one day on
either side: a line goes in the file of the day it was written, which can be just after its time, and
processes on other clocks may disagree a little). Tolerant: a line that cannot be read is skipped and
counted, a file that cannot be read is named in `problems`; neither stops the rest.
*/
export async function readJournal(directory: string, range: Interval, options: ReadJournalOptions = {}): Promise<JournalRead> {
	let names: string[];
	try {
		names = await readdir(directory);
	} catch (error) {
		const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
		return {lines: [], skippedLines: 0, found: false, files: [], problems: missing ? [] : [`${directory}: ${describeError(error)}`], processes: new Map()};
	}

	const first = dayStart(range.from - (options.lookbackMs ?? dayMs));
	const last = dayStart(range.to) + dayMs;
	const days = names
		.map(name => ({name, day: parseDayFileName(name)}))
		.filter((file): file is {name: string; day: number} => file.day !== undefined && file.day >= first && file.day <= last)
		.sort((a, b) => a.day - b.day);
	const lines: JournalLine[] = [];
	const problems: string[] = [];
	const files: string[] = [];
	let skippedLines = 0;
	for (const {name} of days) {
		const path = join(directory, name);
		let text: string;
		try {
			// One file after another, oldest first: they are small, and the order is kept for equal times.
			// Only a regular file is read: a FIFO named like a day's file would block the read for ever.
			// eslint-disable-next-line no-await-in-loop
			text = await readRegularFile(path, maxJournalFileBytes);
		} catch (error) {
			problems.push(`${path}: ${error instanceof NotRegularFileError ? `it is ${error.kind}, not a regular file` : describeError(error)}`);
			continue;
		}

		files.push(path);
		const parsed = parseJournalText(text);
		skippedLines += parsed.skippedLines;
		for (const line of parsed.lines) {
			lines.push(line);
		}
	}

	return {lines, skippedLines, found: true, files, problems, processes: journalProcesses(lines, options.processRuns)};
}

/** Whether each process that wrote one of the lines runs now on this machine (the journal is this machine's). */
export function journalProcesses(lines: readonly JournalLine[], processRuns: (pid: number) => boolean = processAlive): Map<number, boolean> {
	const processes = new Map<number, boolean>();
	for (const {pid} of lines) {
		if (pid !== null && !processes.has(pid)) {
			processes.set(pid, processRuns(pid));
		}
	}

	return processes;
}

/** The lines of one journal file's text, in file order; blank lines are ignored, unreadable ones counted. */
export function parseJournalText(text: string): JournalText {
	const lines: JournalLine[] = [];
	let skippedLines = 0;
	for (const raw of text.split('\n')) {
		if (raw.trim() === '') {
			continue;
		}

		const line = parseJournalLine(raw);
		if (line === 'bad') {
			skippedLines++;
		} else if (line !== 'other') {
			lines.push(line);
		}
	}

	return {lines, skippedLines};
}

/** The device folders under a journal root (`<state directory>/journal`), by name; none when there is no journal. */
export async function listJournalDirectories(root: string): Promise<string[]> {
	try {
		const entries = await readdir(root, {withFileTypes: true});
		return entries.filter(entry => entry.isDirectory()).map(entry => join(root, entry.name)).sort();
	} catch {
		return [];
	}
}
