import type {Outage, OutageKind} from '../../core/history/history-model.js';
import {summarizeHistory, type HistorySummary} from '../../core/history/history-summary.js';
import {formatDuration, summaryLine} from '../../core/history/history-text.js';
import type {Interval} from '../../core/history/intervals.js';
import {localClock, type LocalClock} from '../../core/history/local-clock.js';
import {outageText, pauseText} from '../../core/history/window-text.js';
import {reportDeviceName, type ReportDevice} from './report-json.js';

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
	const clock = localClock(to, options.timeZone);
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

function deviceSection(summary: HistorySummary, now: number, clock: LocalClock): string[] {
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

function total(outages: readonly Outage[]): number {
	let ms = 0;
	for (const outage of outages) {
		ms += outage.ms;
	}

	return ms;
}
