import {clipIntervals, gapsWithin, intersectIntervals, measure, mergeIntervals, type Interval} from './intervals.js';
import {endedWithoutStop, type DeviceHistory, type Outage} from './history-model.js';
import {pauseExtent, type PauseWindow} from './pause-windows.js';

/**
What a range of a device's history comes to: the numbers of `report`, of the overlay's "today" line and
of the fleet's column. Durations count only what lies inside the range.
*/
export type HistorySummary = {
	readonly range: Interval;
	readonly monitoredMs: number;
	readonly notMonitoredMs: number;
	readonly connectedMs: number;
	readonly notConnectedMs: number;
	readonly joinedMs: number;
	/** Watched time the device may have been paused: each window from its earliest start to its latest end. */
	readonly pausedMs: number;
	/** The windows that overlap the range, whole (a pause that began the evening before shows when it began). */
	readonly pauses: readonly PauseWindow[];
	/**
	The outages that overlap the range, whole, by start; and the time not monitored within the range,
	cut to it (before the first run and after the last included: nobody watched then either).
	*/
	readonly outages: readonly Outage[];
	/** Outages of every kind but not-monitored, those that overlap joined into one (a network loss is both not connected and socket down). */
	readonly downs: number;
	readonly longestDownMs: number;
	readonly refreshes: number;
	readonly refreshFailures: number;
	readonly skippedLines: number;
};

/** The summary of `range`, cut at the history's `now` (what has not happened yet is not "not monitored"). */
export function summarizeHistory(history: DeviceHistory, asked: Interval): HistorySummary {
	const range = {from: asked.from, to: Math.max(asked.from, Math.min(asked.to, history.now))};
	const within = (list: readonly Interval[]) => measure(list, range);
	const overlaps = ({from, to}: Interval) => from < range.to && to > range.from;
	const pauses = history.pauses.filter(window => overlaps(pauseExtent(window, history.now)));
	const extents = mergeIntervals(pauses.map(window => pauseExtent(window, history.now)));
	const notMonitored = gapsWithin(history.monitored, range);
	const downs = clipIntervals(mergeIntervals([...history.notConnected, ...history.socketDown, ...history.tokenRejected]), range);
	const outages = [
		...history.outages.filter(outage => outage.kind !== 'not-monitored' && overlaps({from: outage.from, to: outage.to ?? history.now})),
		...notMonitored.map((gap): Outage => ({kind: 'not-monitored', from: gap.from, to: gap.to, ms: gap.to - gap.from, endedWithoutStop: endedWithoutStop(history.runs, gap.from)})),
	].sort((a, b) => a.from - b.from);
	const inRange = (at: number) => at >= range.from && at < range.to;
	return {
		range,
		monitoredMs: within(history.monitored),
		notMonitoredMs: measure(notMonitored),
		connectedMs: within(history.connected),
		notConnectedMs: within(history.notConnected),
		joinedMs: within(history.joined),
		pausedMs: measure(intersectIntervals(extents, history.monitored), range),
		pauses,
		outages,
		downs: downs.length,
		longestDownMs: Math.max(0, ...downs.map(down => down.to - down.from)),
		refreshes: history.refreshes.filter(at => inRange(at)).length,
		refreshFailures: history.refreshFailures.filter(at => inRange(at)).length,
		skippedLines: history.skippedLines,
	};
}
