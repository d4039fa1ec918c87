import type {JournalLine} from './journal-line.js';

/**
One process's watch over the device: from its `monitor` `started` line to its `stopped` line. A run
killed with SIGKILL (or on a machine that went down) has no `stopped` line: it ends at its last line
(the journal writes an `alive` line every few minutes, so that is at most a few minutes early), and
says so. A run with no `stopped` line ends so as soon as it is known to be over: its process is known
not to run any more, another process's run began after its last line (and its own process is not known
to run: a monitor and a `check` from cron share a device at once), or it has been silent too long.
Otherwise it is still running, up to `now`.
*/
export type Run = {
	/** The process, or null for lines that do not name one (NDJSON output fed in as a journal). */
	readonly pid: number | null;
	readonly mode: string | null;
	readonly from: number;
	readonly to: number;
	/** False when its `started` line was not among the lines read (it began before them). */
	readonly startSeen: boolean;
	readonly ending: 'stopped' | 'without-stop' | 'running';
	readonly lastLineAt: number;
};

export type RunsFound = {
	readonly runs: readonly Run[];
	/** For each line (in the order given), the index of its run. */
	readonly runOfLine: readonly number[];
};

type Draft = {pid: number | null; mode: string | null; from: number; lastLineAt: number; startSeen: boolean; ending?: Run['ending']; to?: number};

/**
Finds the runs in lines sorted by time, and which run each line belongs to: a line goes to the open run
of the process that wrote it. Lines that name no process go to the run started last. `processes` says,
for the pids the caller could check, whether each runs now on this machine (a pid not in it: not known).
*/
export function findRuns(
	lines: readonly JournalLine[],
	now: number,
	presumedEndedAfterMs: number,
	processes: ReadonlyMap<number, boolean> = new Map(),
): RunsFound {
	const drafts: Draft[] = [];
	const open = new Map<number | null, number>();
	const runOfLine: number[] = [];
	let latestOpen: number | undefined;
	for (const line of lines) {
		const starting = line.type === 'monitor' && line.event === 'started';
		let index = line.pid === null && !starting ? latestOpen ?? open.get(null) : open.get(line.pid);
		if (starting && index !== undefined) {
			// The same pid started again without a stop: the earlier run was killed (and its pid reused).
			close(drafts[index]!, 'without-stop');
			open.delete(drafts[index]!.pid);
			index = undefined;
		}

		if (index === undefined) {
			index = drafts.length;
			drafts.push({pid: line.pid, mode: line.type === 'monitor' ? line.mode : null, from: line.at, lastLineAt: line.at, startSeen: starting});
			open.set(line.pid, index);
		}

		const run = drafts[index]!;
		run.lastLineAt = Math.max(run.lastLineAt, line.at);
		run.mode ??= line.type === 'monitor' ? line.mode : null;
		runOfLine.push(index);
		latestOpen = starting ? index : latestOpen;
		if (line.type === 'monitor' && line.event === 'stopped') {
			close(run, 'stopped');
			open.delete(run.pid);
			latestOpen = latestOpen === index ? undefined : latestOpen;
		}
	}

	for (const index of open.values()) {
		endOpen(drafts[index]!, drafts, {now, presumedEndedAfterMs, processes});
	}

	const runs = drafts.map(({pid, mode, from, lastLineAt, startSeen, ending, to}) => ({
		pid, mode, from, to: to ?? lastLineAt, startSeen, ending: ending ?? 'without-stop', lastLineAt,
	}));
	return {runs, runOfLine};
}

type Ends = {readonly now: number; readonly presumedEndedAfterMs: number; readonly processes: ReadonlyMap<number, boolean>};

/** A run with no `stopped` line at the end of the lines: over (ended at its last line) once that is known, else running. */
function endOpen(run: Draft, drafts: readonly Draft[], {now, presumedEndedAfterMs, processes}: Ends): void {
	const runs = run.pid === null ? undefined : processes.get(run.pid);
	const followed = drafts.some(other => other.pid !== run.pid && other.from > run.lastLineAt);
	if (runs !== false && !(followed && runs !== true) && now - run.lastLineAt <= presumedEndedAfterMs) {
		run.ending = 'running';
		run.to = Math.max(now, run.lastLineAt);
	} else {
		close(run, 'without-stop');
	}
}

function close(run: Draft, ending: Run['ending']): void {
	run.ending = ending;
	run.to = run.lastLineAt;
}
