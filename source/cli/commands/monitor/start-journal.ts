import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {systemClock, type Clock} from '../../../core/clock.js';
import {journalDirectoryForState, journalRoot} from '../../../core/history/journal-paths.js';
import type {Monitor} from '../../../core/monitor.js';
import {stateDirectory} from '../../../core/xdg-paths.js';
import type {HookReport} from '../../../output/hooks/change-hooks.js';
import {Journal, type JournalMode} from '../../../output/journal/journal.js';
import {journalMonitor} from '../../../output/journal/journal-monitor.js';
import {JournalRetention} from '../../../output/journal/journal-retention.js';
import {formatEvent, hookLine} from '../../../output/ndjson/ndjson-format.js';
import {packageInfo} from '../../options/package-info.js';

export type JournaledDevice = {
	/** The fleet config's name, or `default` for a single device. */
	readonly name: string;
	readonly monitor: Pick<Monitor, 'events' | 'getSnapshot' | 'redact' | 'config'>;
};

export type JournalsOptions = {
	/** `--journal-days`: 0 writes nothing and prunes nothing. */
	readonly days: number;
	readonly mode: JournalMode;
	/** A fleet from --config: every line names its device, as NDJSON's do. */
	readonly fleet: boolean;
	/** The demo: its journal goes to a temporary folder, removed at close, never the person's own. */
	readonly demo?: boolean;
	/** A problem writing or pruning, said once per process. */
	readonly announce: (text: string) => void;
	readonly env?: NodeJS.ProcessEnv;
	readonly clock?: Clock;
};

/** A device's journal, as the view follows it: its folder, and word of each line written. */
export type JournalPlace = {
	readonly directory: string;
	readonly subscribe: (listener: () => void) => () => void;
};

export type Journals = {
	/** Each device's journal, by device name (none when the journal is off). */
	readonly devices: ReadonlyMap<string, JournalPlace>;
	/** Writes a hook's run into its device's journal. */
	hook(report: HookReport): void;
	/** Writes each journal's `stopped` line (after the devices stopped) and stops the pruning. */
	close(): Promise<void>;
};

const noJournals: Journals = {
	devices: new Map(),
	hook: () => undefined,
	close: async () => undefined,
};

/**
The journal, wired to the devices a run watches (issue 17): for each device a Journal in the folder its
state file is keyed by, started before the device so that its first lines are kept, fed the device's
events (frames and errors dropped on their type alone), and its hooks' lines; one retention per process
(at start, then daily). A device without a state file (none is configured) has no journal.
*/
export async function startJournals(devices: readonly JournaledDevice[], options: JournalsOptions): Promise<Journals> {
	if (options.days <= 0 || devices.length === 0) {
		return noJournals;
	}

	const clock = options.clock ?? systemClock;
	const temporary = options.demo ? await mkdtemp(join(tmpdir(), 'c2c-status-demo-')) : undefined;
	const root = temporary === undefined ? journalRoot(stateDirectory(options.env ?? process.env)) : journalRoot(temporary);
	let said = false;
	const sayOnce = (text: string) => {
		if (!said) {
			said = true;
			options.announce(text);
		}
	};

	const retention = temporary === undefined ? new JournalRetention({root, days: options.days, clock, onProblem: sayOnce}) : undefined;
	retention?.start();
	const journals = new Map<string, Journal>();
	const places = new Map<string, JournalPlace>();
	const detach: Array<() => void> = [];
	for (const {name, monitor} of devices) {
		const directory = temporary === undefined
			? (monitor.config.statePath === undefined ? undefined : journalDirectoryForState(monitor.config.statePath))
			: join(root, 'demo');
		if (directory === undefined) {
			continue;
		}

		const journal = new Journal({
			directory,
			clock,
			pid: process.pid,
			mode: options.mode,
			version: packageInfo().version,
			...(options.fleet ? {device: name} : {}),
			redact: monitor.redact,
			currentStatus: () => formatEvent({type: 'status', at: clock.now(), status: monitor.getSnapshot().status}),
		});
		detach.push(journal.subscribe(() => {
			const {problem} = journal.getSnapshot();
			if (problem !== null) {
				sayOnce(problem);
			}
		}));
		journal.start();
		detach.push(journalMonitor(monitor, journal));
		journals.set(name, journal);
		places.set(name, {directory, subscribe: journal.subscribe});
	}

	return {
		devices: places,
		hook(report) {
			// A single device's hook goes by its name at Frame.io: its one journal takes it.
			const journal = options.fleet ? journals.get(report.device) : journals.values().next().value;
			journal?.record(hookLine(report));
		},
		async close() {
			for (const stop of detach.splice(0)) {
				stop();
			}

			await Promise.all([...journals.values()].map(async journal => journal.stop()));
			await retention?.stop();
			if (temporary !== undefined) {
				await rm(temporary, {recursive: true, force: true});
			}
		},
	};
}
