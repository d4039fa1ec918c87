import type {Outage, OutageKind} from '../../core/history/history-model.js';
import {summarizeHistory, type HistorySummary} from '../../core/history/history-summary.js';
import {formatDuration, summaryLine} from '../../core/history/history-text.js';
import type {Interval} from '../../core/history/intervals.js';
import type {PauseWindow} from '../../core/history/pause-windows.js';
import {reportDeviceName, type ReportDevice} from './report-json.js';
import {reportClock, type ReportClock} from './report-time.js';

export type ReportTextOptions = {
	/** The one sanitizer: device names come from the config and from Frame.io. */
	readonly sanitize: (text: string) => string;
	/** The zone for times (default: the machine's). */
	readonly timeZone?: string;
};

const outageKinds: ReadonlyArray<{kind: Exclude<OutageKind, 'not-monitored'>; label: string}> = [
	{kind: 'not-connected', label: 'Not connected'},
	{kind: 'socket-down', label: 'Socket down or refused'},
	{kind: 'token-rejected', label: 'Token rejected'},
];

/**
`c2c-status report` as text, for wrap, e-mail or a producer: one section per device. Pause windows come
first, with how sure each end is; then outages by kind, refreshes, the time not monitored, and the
day's line.
*/
export function reportText(range: Interval, devices: readonly ReportDevice[], options: ReportTextOptions): string {
	const to = Math.max(range.from, Math.min(range.to, ...devices.map(({history}) => history?.now ?? range.to)));
	const clock = reportClock(to, options.timeZone);
	const lines = [`c2c-status report · ${clock.full(range.from)} → ${clock.full(to)} (${clock.zone})`];
	for (const device of devices) {
		lines.push('', options.sanitize(reportDeviceName(device)));
		if (device.history) {
			lines.push(...deviceSection(summarizeHistory(device.history, range), device.history.now, clock));
		} else {
			lines.push('  No journal for this device: it was not watched here with the journal on.');
		}
	}

	return `${lines.join('\n')}\n`;
}

function deviceSection(summary: HistorySummary, now: number, clock: ReportClock): string[] {
	const lines: string[] = [];
	if (summary.monitoredMs === 0) {
		lines.push('  Not monitored at all in this time.');
	}

	lines.push(summary.pauses.length === 0 ? '  Paused: never, while watched' : `  Paused ${summary.pauses.length}×`);
	for (const window of summary.pauses) {
		lines.push(`    ${pauseText(window, now, clock)}`);
		for (const gap of window.unmonitored) {
			lines.push(`      not monitored ${clock.at(gap.from)} → ${clock.at(gap.to)} within it: it may have resumed then`);
		}
	}

	for (const {kind, label} of outageKinds) {
		const outages = summary.outages.filter(outage => outage.kind === kind);
		lines.push(
			outages.length === 0 ? `  ${label}: never` : `  ${label} ${outages.length}× · ${formatDuration(total(outages))} in all`,
			...outages.map(outage => `    ${outageText(outage, clock)}`),
		);
	}

	const gaps = summary.outages.filter(outage => outage.kind === 'not-monitored');
	lines.push(
		`  Token refreshes: ${summary.refreshes}, failed: ${summary.refreshFailures}`,
		gaps.length === 0 ? '  Not monitored: never' : `  Not monitored ${formatDuration(summary.notMonitoredMs)}`,
		...gaps.map(gap => `    ${outageText(gap, clock)}${gap.endedWithoutStop ? ' · the monitor before it ended without a word (killed?)' : ''}`),
	);
	if (summary.monitoredMs > 0) {
		lines.push(`  In all: ${summaryLine(summary)}`);
	}

	if (summary.skippedLines > 0) {
		lines.push(`  ${summary.skippedLines} journal ${summary.skippedLines === 1 ? 'line' : 'lines'} could not be read and ${summary.skippedLines === 1 ? 'was' : 'were'} skipped`);
	}

	return lines;
}

/**
`paused 14:02:11 → 14:10:40 (8m 29s)`, `paused between 14:01:30 and 14:02:31 → 14:10:40 (8m 09s to
9m 10s)`, `paused 17:00:00 → still paused (12m 00s so far)`.
*/
export function pauseText(window: PauseWindow, now: number, clock: ReportClock): string {
	return `paused ${startText(window, clock)} → ${endText(window, clock)} (${durationText(window, now)})`;
}

function startText(window: PauseWindow, clock: ReportClock): string {
	switch (window.fromPrecision) {
		case 'exact': {
			return clock.at(window.fromLatest);
		}

		case 'bound': {
			return `between ${clock.at(window.from ?? window.fromLatest)} and ${clock.at(window.fromLatest)}`;
		}

		case 'unknown': {
			return `before ${clock.at(window.fromLatest)} (not watched before)`;
		}
	}
}

function endText(window: PauseWindow, clock: ReportClock): string {
	const to = window.to ?? window.fromLatest;
	switch (window.toPrecision) {
		case 'exact': {
			return clock.at(to);
		}

		case 'bound': {
			return `between ${clock.at(to)} and ${clock.at(window.toLatest ?? to)}`;
		}

		case 'open': {
			return 'still paused';
		}

		case 'unknown': {
			return `after ${clock.at(to)} (not watched after)`;
		}
	}
}

function durationText(window: PauseWindow, now: number): string {
	if (window.toPrecision === 'open') {
		return `${formatDuration(now - window.fromLatest)} so far`;
	}

	const shortest = (window.to ?? window.fromLatest) - window.fromLatest;
	if (window.from === null || window.toLatest === null) {
		return `at least ${formatDuration(shortest)}`;
	}

	const longest = window.toLatest - window.from;
	return formatDuration(longest) === formatDuration(shortest) ? formatDuration(longest) : `${formatDuration(shortest)} to ${formatDuration(longest)}`;
}

function outageText(outage: Outage, clock: ReportClock): string {
	return outage.to === null
		? `${clock.at(outage.from)} → still (${formatDuration(outage.ms)} so far)`
		: `${clock.at(outage.from)} → ${clock.at(outage.to)} (${formatDuration(outage.ms)})`;
}

function total(outages: readonly Outage[]): number {
	let ms = 0;
	for (const outage of outages) {
		ms += outage.ms;
	}

	return ms;
}
