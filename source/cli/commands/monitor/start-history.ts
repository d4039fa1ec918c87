import {JournalHistory, type HistoryFeed} from '../../../core/history/history-feed.js';
import type {HookReport} from '../../../output/hooks/change-hooks.js';
import type {HistoryCommand} from './history-flags.js';
import {startJournals} from './start-journal.js';
import {startRecording} from './start-recording.js';
import type {WatchedDevices} from './watched-devices.js';

export type HistorySinks = {
	/** The live view's: each device's history from its journal, by device name (none when the journal is off). */
	readonly histories: ReadonlyMap<string, HistoryFeed>;
	/** A hook's run, for the journal and the recording. */
	hook(report: HookReport): void;
	/** After the devices stopped: the journals' `stopped` lines, the recording's last lines. */
	close(): Promise<void>;
	/** What a sink started after these resolves to; if it fails, these are closed first (nothing is left running). */
	guard<T>(starting: Promise<T>): Promise<T>;
};

/**
The sinks of issue 17, for the monitor in every mode: each device's journal (`--journal-days`, on by
default) and `--record FILE`. The recording is opened first, so a file that cannot be written stops the
run before anything has started.
*/
export async function startHistory(
	watched: Pick<WatchedDevices, 'devices' | 'fleet'>,
	command: HistoryCommand & {readonly demo?: boolean},
	outlets: {readonly mode: 'tui' | 'json'; readonly announce: (text: string) => void},
): Promise<HistorySinks> {
	const fleet = watched.fleet !== undefined;
	const recording = command.record === undefined ? undefined : startRecording(command.record, watched.devices, {fleet});
	const journals = await startJournals(watched.devices, {
		days: command.journalDays,
		mode: fleet ? `fleet-${outlets.mode}` : outlets.mode,
		fleet,
		demo: command.demo ?? false,
		announce: outlets.announce,
	});
	// The live view follows each journal: rebuilt at start, a moment after each line, and every minute.
	const histories = new Map<string, JournalHistory>();
	const stopFollowing: Array<() => void> = [];
	if (outlets.mode === 'tui') {
		for (const [name, place] of journals.devices) {
			const history = new JournalHistory({directory: place.directory});
			stopFollowing.push(place.subscribe(() => {
				history.changed();
			}));
			history.start();
			histories.set(name, history);
		}
	}

	const close = async () => {
		for (const stop of stopFollowing.splice(0)) {
			stop();
		}

		await Promise.all([...histories.values()].map(async history => history.stop()));
		await Promise.all([journals.close(), recording?.close()]);
	};

	return {
		histories,
		hook(report) {
			journals.hook(report);
			recording?.hook(report);
		},
		close,
		async guard(starting) {
			try {
				return await starting;
			} catch (error) {
				await close();
				throw error;
			}
		},
	};
}
