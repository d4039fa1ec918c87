import {gapsWithin, intersectIntervals, mergeIntervals, type Interval} from './intervals.js';
import type {JournalLine} from './journal-line.js';
import {runPresumedEndedAfterMs} from './journal-paths.js';
import {ConnectedTracker, SocketTracker, TokenTracker} from './history-signals.js';
import {findRuns, type Run} from './history-runs.js';
import {likelyStart, PauseTracker, windowPrecision, type PauseWindow} from './pause-windows.js';

export type OutageKind = 'not-connected' | 'socket-down' | 'token-rejected' | 'not-monitored';

export type Outage = {
	readonly kind: OutageKind;
	readonly from: number;
	/** Null while it lasts (a run is still watching). */
	readonly to: number | null;
	/** Its length so far. */
	readonly ms: number;
	/** `not-monitored` only: the run before the gap ended with no `stopped` line (killed, or the machine went down). */
	readonly endedWithoutStop?: boolean;
};

/**
One device's history, from its journal: the one model that `report`, the timeline overlay and strip,
and the fleet's "today" column read. Intervals are sorted and disjoint; those of Connected, the socket
and the token lie within `monitored` (what nobody watched is not known, never "down").
*/
export type DeviceHistory = {
	/** The moment the model was built for: a run still going reaches it. */
	readonly now: number;
	readonly runs: readonly Run[];
	/** Some run was watching. */
	readonly monitored: readonly Interval[];
	readonly connected: readonly Interval[];
	readonly notConnected: readonly Interval[];
	/** The device's channel was joined by some run (status events reached us). */
	readonly joined: readonly Interval[];
	/** No run had the channel joined, for longer than the grace, while some run tried. */
	readonly socketDown: readonly Interval[];
	/** The joined channel lost and joined again within the grace (a routine reconnect): not an outage, but shown. */
	readonly socketDrops: readonly Interval[];
	readonly tokenRejected: readonly Interval[];
	readonly pauses: readonly PauseWindow[];
	/** The outages (not-connected, socket-down, token-rejected) and the gaps between runs (not-monitored), by start. */
	readonly outages: readonly Outage[];
	/** When the owned token was refreshed, and when a refresh failed. */
	readonly refreshes: readonly number[];
	readonly refreshFailures: readonly number[];
	readonly skippedLines: number;
	/** The fleet config's name, Frame.io's name and id for the device, from the newest line that gave each. */
	readonly device: string | null;
	readonly deviceName: string | null;
	readonly deviceId: string | null;
};

export type HistoryOptions = {
	/** Now, on the caller's Clock. */
	readonly now: number;
	/** Lines the reader could not read, to report with the rest. */
	readonly skippedLines?: number;
	/**
	A socket that is not joined for less than this is not an outage: a reconnect after a routine close
	(1 s backoff, the upgrade, the join) is back in two or three seconds, on a slow link in a few more.
	Longer than that, status events could be missed: 10 s, under one 15 s heartbeat.
	*/
	readonly socketGraceMs?: number;
	/** A run with no `stopped` line and no line for this long has ended (default: two `alive` intervals and a minute). */
	readonly presumedEndedAfterMs?: number;
	/**
	For the pids of the lines, whether each process runs now on this machine, as the caller found
	(`journalProcesses`); a pid not in it is not known. A run with no `stopped` line whose process is
	gone ended at its last line, however recent.
	*/
	readonly processes?: ReadonlyMap<number, boolean>;
};

export const defaultSocketGraceMs = 10_000;

type Marker = {readonly at: number; readonly run: number} & ({readonly order: 0 | 2} | {readonly order: 1; readonly line: JournalLine});

/**
Journal lines (of one device, from any number of processes, in any order) in, the device's history out.
Lines are taken in time order; runs overlap freely, and the newest evidence wins where they disagree.
*/
export function buildHistory(input: readonly JournalLine[], options: HistoryOptions): DeviceHistory {
	const {now} = options;
	const lines = [...input].sort((a, b) => a.at - b.at);
	const {runs, runOfLine} = findRuns(lines, now, options.presumedEndedAfterMs ?? runPresumedEndedAfterMs, options.processes);
	// A run's start comes before the lines of the same moment, its end after them.
	const markers: Marker[] = [
		...runs.map((run, index): Marker => ({at: run.from, order: 0, run: index})),
		...lines.map((line, index): Marker => ({at: line.at, order: 1, run: runOfLine[index]!, line})),
		...runs.map((run, index): Marker => ({at: run.to, order: 2, run: index})),
	].sort((a, b) => a.at - b.at || a.order - b.order);
	const fold = new Fold();
	for (const marker of markers) {
		if (marker.order === 1) {
			fold.line(marker.line, marker.run);
		} else if (marker.order === 0) {
			fold.watching++;
		} else {
			fold.runEnded(marker.run, marker.at);
		}
	}

	const {pause, connected, socket, token, refreshes, refreshFailures, names} = fold;
	const end = Math.max(now, ...runs.map(run => run.to));
	const live = runs.some(run => run.ending === 'running');
	const monitored = mergeIntervals(runs);
	const within = (list: Interval[]): Interval[] => intersectIntervals(mergeIntervals(list), monitored);
	const graceMs = options.socketGraceMs ?? defaultSocketGraceMs;
	const joined = within(socket.steps.intervals(end, value => value === 'joined'));
	const notJoined = within(socket.steps.intervals(end, value => value === 'down' || value === 'rejected'));
	const joinedEnds = new Set(joined.map(interval => interval.to));
	const history = {
		now,
		runs,
		monitored,
		connected: within(connected.steps.intervals(end, value => value === true)),
		notConnected: within(connected.steps.intervals(end, value => value === false)),
		joined,
		socketDown: notJoined.filter(interval => interval.to - interval.from >= graceMs),
		socketDrops: notJoined.filter(interval => interval.to - interval.from < graceMs && joinedEnds.has(interval.from) && interval.to < end),
		tokenRejected: within(token.steps.intervals(end, value => value)),
		pauses: pause.finish(live).map(window => {
			const from = window.from ?? window.fromLatest;
			const to = Math.max(from, window.toLatest ?? window.to ?? end);
			return {...window, precision: windowPrecision(window), unmonitored: gapsWithin(monitored, {from, to}), likelyStart: likelyStart(window, joined)};
		}),
		refreshes,
		refreshFailures,
		skippedLines: options.skippedLines ?? 0,
		...names,
	};
	return {...history, outages: outagesOf(history, end, live)};
}

function outagesOf(history: Omit<DeviceHistory, 'outages'>, end: number, live: boolean): Outage[] {
	const outage = (kind: OutageKind) => ({from, to}: Interval): Outage => ({kind, from, to: live && to === end ? null : to, ms: to - from});
	const gaps = gapsWithin(history.monitored, {from: history.monitored[0]?.from ?? end, to: history.monitored.at(-1)?.to ?? end});
	return [
		...history.notConnected.map(outage('not-connected')),
		...history.socketDown.map(outage('socket-down')),
		...history.tokenRejected.map(outage('token-rejected')),
		...gaps.map(gap => ({...outage('not-monitored')(gap), endedWithoutStop: endedWithoutStop(history.runs, gap.from)})),
	].sort((a, b) => a.from - b.from);
}

/** Whether the watching that stopped at `at` was a run killed without its `stopped` line. */
export function endedWithoutStop(runs: readonly Run[], at: number): boolean {
	return runs.some(run => run.to === at && run.ending === 'without-stop');
}

/** The state while the lines are taken in time order. */
class Fold {
	readonly pause = new PauseTracker();
	readonly connected = new ConnectedTracker();
	readonly socket = new SocketTracker();
	readonly token = new TokenTracker();
	readonly refreshes: number[] = [];
	readonly refreshFailures: number[] = [];
	readonly names: {device: string | null; deviceName: string | null; deviceId: string | null} = {device: null, deviceName: null, deviceId: null};
	watching = 0;

	line(line: JournalLine, run: number): void {
		switch (line.type) {
			case 'status': {
				this.pause.status(line);
				this.connected.status(line, run);
				break;
			}

			case 'socket': {
				this.socket.socket(line, run);
				this.token.socket(line);
				break;
			}

			case 'identity': {
				this.token.identity(line);
				if (line.ok) {
					this.names.deviceName = line.deviceName ?? this.names.deviceName;
					this.names.deviceId = line.deviceId ?? this.names.deviceId;
				}

				break;
			}

			case 'token': {
				this.token.token(line);
				if (line.event === 'refreshed') {
					this.refreshes.push(line.at);
				} else if (line.event === 'refresh-failed') {
					this.refreshFailures.push(line.at);
				}

				break;
			}

			case 'monitor': {
				this.names.device = line.device ?? this.names.device;
				this.names.deviceId = line.deviceId ?? this.names.deviceId;
				break;
			}

			case 'health':
			case 'hook': {
				break;
			}
		}
	}

	runEnded(run: number, at: number): void {
		this.connected.runEnded(run);
		this.socket.runEnded(run, at);
		this.watching--;
		if (this.watching === 0) {
			this.connected.unwatched(at);
			this.token.unwatched(at);
		}
	}
}
