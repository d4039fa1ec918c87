import process from 'node:process';
import type {HookReport} from '../../../output/hooks/change-hooks.js';
import {NoticeBoard} from '../../../ui/shared/notice-board.js';
import {metricsAnnouncement, type SinkCommand, type Sinks, startSinks} from './start-sinks.js';
import type {WatchedDevices} from './watched-devices.js';

/** What the live view is given, started: its sinks, and the board where their notices wait for the footer. */
export type LiveStart = {
	readonly board: NoticeBoard;
	readonly sinks: Sinks;
};

/** A hook that failed, in a few words for the footer (one that worked says nothing). */
function hookNotice(report: HookReport, fleet: boolean): string | undefined {
	return report.ok ? undefined : `--on-change hook ${fleet ? `for ${report.device} ` : ''}${report.error ?? 'failed'}`;
}

/**
Everything the live view needs that does not need Ink: the sinks (the bell to the terminal, hook
failures and the metrics address as notices) and the devices, started. It runs while Ink and React
load (a quarter of a second), so the first frame already has the network's answers.
*/
export async function startLive(watched: WatchedDevices, command: SinkCommand): Promise<LiveStart> {
	const board = new NoticeBoard();
	const fleet = watched.fleet !== undefined;
	const sinks = await startSinks(watched, command, {
		mode: 'tui',
		bell(text) {
			process.stdout.write(text);
		},
		hookReport(report) {
			const notice = hookNotice(report, fleet);
			if (notice) {
				// A minute: long enough to be seen on a cart nobody is looking at every second.
				board.post(notice, 60_000);
			}
		},
		announce(text) {
			// Posted, and kept in the help for as long as the run lasts.
			board.announce(text);
		},
		metricsServed(url) {
			// Posted, and kept in the help for as long as the run lasts (--metrics-port 0's port).
			board.announce(metricsAnnouncement(url));
		},
	});
	try {
		await watched.start();
	} catch (error) {
		await sinks.close();
		throw error;
	}

	return {board, sinks};
}
