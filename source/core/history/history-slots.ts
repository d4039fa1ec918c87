import {gapsWithin, mergeIntervals, overlapsAny, type Interval} from './intervals.js';
import type {DeviceHistory} from './history-model.js';
import {pauseExtent} from './pause-windows.js';

/**
One cell of the timeline strip. A slot that was ever paused or down at any moment shows it; one that
nobody watched is `monitored: 'none'`, which the strip draws apart from "down".
*/
export type HistorySlot = {
	readonly from: number;
	readonly to: number;
	readonly monitored: 'all' | 'part' | 'none';
	/** True if a pause window (from its earliest start to its latest end) touches it; null when unwatched and not in one. */
	readonly paused: boolean | null;
	/** False if not connected at any moment of it, true if connected at some moment, null when never known. */
	readonly connected: boolean | null;
	/** `down` if a socket outage touches it, `joined` if joined at some moment, else unknown. */
	readonly socket: 'joined' | 'down' | 'unknown';
	readonly tokenRejected: boolean;
};

/** The strip for `range` in `count` slots of equal length (the last one ends at `range.to`). */
export function historySlots(history: DeviceHistory, range: Interval, count: number): HistorySlot[] {
	const gaps = gapsWithin(history.monitored, range);
	const extents = mergeIntervals(history.pauses.map(window => pauseExtent(window, history.now)));
	const length = range.to - range.from;
	const slots: HistorySlot[] = [];
	for (let index = 0; index < count; index++) {
		const from = range.from + Math.floor((length * index) / count);
		const to = index === count - 1 ? range.to : range.from + Math.floor((length * (index + 1)) / count);
		const any = (list: readonly Interval[]) => overlapsAny(list, from, to);
		const monitored = any(history.monitored) ? (any(gaps) ? 'part' : 'all') : 'none';
		slots.push({
			from,
			to,
			monitored,
			paused: any(extents) ? true : (monitored === 'none' ? null : false),
			connected: any(history.notConnected) ? false : (any(history.connected) ? true : null),
			socket: any(history.socketDown) ? 'down' : (any(history.joined) ? 'joined' : 'unknown'),
			tokenRejected: any(history.tokenRejected),
		});
	}

	return slots;
}
