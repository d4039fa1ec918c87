import type {HistorySummary} from './history-summary.js';

/** 5s, 4m 12s, 3h 05m, 2d 4h: two units at most (the view's own format, for the same durations). */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 48) {
		return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
	}

	return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/**
A share as a percentage with one decimal, rounded down so that anything short of all never reads 100%:
99.96% of a day connected is "99.9%", a 30 s outage still shows.
*/
export function formatShare(part: number, whole: number): string {
	if (whole <= 0) {
		return '?';
	}

	if (part >= whole) {
		return '100%';
	}

	return `${(Math.floor((part / whole) * 1000) / 10).toFixed(1)}%`;
}

/** The share of the time its connection was known that it was connected (`?` when it never was known): the seconds before a run's first check are not an outage. */
export function connectedShare(summary: Pick<HistorySummary, 'connectedMs' | 'notConnectedMs'>): string {
	return formatShare(summary.connectedMs, summary.connectedMs + summary.notConnectedMs);
}

/**
The overlay's line for a range (today), and the report's: `connected 98.7% · 3 outages (longest 2m 10s)
· paused 2× (14m 02s) · not monitored 5m 00s`. Connected is a share of the time its connection was
known (watched time before the first check's answer is neither up nor down); time watched without
knowing is said apart. Plain text: no server string is in it.
*/
export function summaryLine(summary: HistorySummary): string {
	if (summary.monitoredMs === 0) {
		return `not monitored (${formatDuration(summary.notMonitoredMs)})`;
	}

	const knownMs = summary.connectedMs + summary.notConnectedMs;
	const parts = [
		`connected ${connectedShare(summary)}`,
		outagesPart(summary),
		summary.pauses.length === 0 ? 'not paused' : `paused ${summary.pauses.length}× (${formatDuration(summary.pausedMs)})`,
	];
	// Watched, but with no answer yet on whether Frame.io could be reached: neither connected nor not.
	// A run's first check takes a second or two; ten seconds or more is worth saying.
	const unknownMs = summary.monitoredMs - knownMs;
	if (knownMs > 0 && unknownMs >= 10_000) {
		parts.push(`connection unknown ${formatDuration(unknownMs)}`);
	}

	// Less than a second unwatched (between a process's start and its first line) is not news.
	if (summary.notMonitoredMs >= 1000) {
		parts.push(`not monitored ${formatDuration(summary.notMonitoredMs)}`);
	}

	return parts.join(' · ');
}

function outagesPart({downs, longestDownMs}: HistorySummary): string {
	if (downs === 0) {
		return 'no outages';
	}

	return downs === 1 ? `1 outage (${formatDuration(longestDownMs)})` : `${downs} outages (longest ${formatDuration(longestDownMs)})`;
}
