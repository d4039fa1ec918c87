import type {DeviceHistory} from './history-model.js';
import type {Interval} from './intervals.js';

/**
The history as of a later `now`, for a view that draws it every second while the history itself is
built only when the journal grows: what lasted at the build (a live run's interval reaching its end,
an outage still going) lasts to `now`. The summary and the list then count the same seconds: one
outage never reads 8 s in the summary and 11 s so far in the list. A history with no live run, or a
`now` not after its own, is returned as it is.
*/
export function historyAt(history: DeviceHistory, now: number): DeviceHistory {
	const end = Math.max(history.now, ...history.runs.map(run => run.to));
	if (now <= end || !history.runs.some(run => run.ending === 'running')) {
		return history;
	}

	const extend = (list: readonly Interval[]): Interval[] => list.map(interval => interval.to === end ? {from: interval.from, to: now} : interval);
	return {
		...history,
		now,
		runs: history.runs.map(run => run.ending === 'running' && run.to === end ? {...run, to: now} : run),
		monitored: extend(history.monitored),
		connected: extend(history.connected),
		notConnected: extend(history.notConnected),
		joined: extend(history.joined),
		socketDown: extend(history.socketDown),
		tokenRejected: extend(history.tokenRejected),
		outages: history.outages.map(outage => outage.to === null ? {...outage, ms: now - outage.from} : outage),
	};
}
