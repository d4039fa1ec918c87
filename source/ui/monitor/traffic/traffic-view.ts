import type {TrafficEntry} from '../../../core/socket/traffic.js';
import type {Redactor} from '../../../core/token/redact.js';
import {searchText} from './traffic-text.js';

export type TrafficFilter = {readonly text: string; readonly hideHeartbeats: boolean};

/** A heartbeat or the reply to one. */
export function isHeartbeat(entry: TrafficEntry): boolean {
	return entry.kind === 'frame' && (entry.event === 'heartbeat' || entry.reply?.requestEvent === 'heartbeat');
}

/**
The frames the log shows, oldest first: heartbeats hidden on request, and a case-insensitive text
filter over what each line shows (redacted and sanitized as on screen, so a secret cannot be found
by guessing it).
*/
export function visibleTraffic(traffic: readonly TrafficEntry[], filter: TrafficFilter, redact: Redactor = text => text): readonly TrafficEntry[] {
	const needle = filter.text.trim().toLowerCase();
	if (needle === '' && !filter.hideHeartbeats) {
		return traffic;
	}

	return traffic.filter(entry => (!filter.hideHeartbeats || !isHeartbeat(entry))
		&& (needle === '' || searchText(entry, redact).includes(needle)));
}

/**
Where the visible window starts, so that the selected row is on screen (following: the newest rows).
The previous window is remembered by the seq of its top frame, not by index, so a paused view holds
still while the full log drops its oldest frames.
*/
export function windowStart(seqs: readonly number[], rows: number, selectedIndex: number | null, previousTopSeq: number | null): number {
	const last = Math.max(0, seqs.length - rows);
	if (selectedIndex === null) {
		return last;
	}

	const previousStart = previousTopSeq === null ? last : Math.max(0, seqs.findIndex(seq => seq >= previousTopSeq));
	let start = Math.min(previousStart, last);
	if (selectedIndex < start) {
		start = selectedIndex;
	} else if (selectedIndex >= start + rows) {
		start = selectedIndex - rows + 1;
	}

	return Math.max(0, Math.min(start, last));
}
