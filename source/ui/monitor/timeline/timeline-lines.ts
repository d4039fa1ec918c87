import {historyAt} from '../../../core/history/history-at.js';
import type {DeviceHistory, Outage} from '../../../core/history/history-model.js';
import {summarizeHistory} from '../../../core/history/history-summary.js';
import {formatDuration, summaryLine} from '../../../core/history/history-text.js';
import type {Interval} from '../../../core/history/intervals.js';
import type {LocalClock} from '../../../core/history/local-clock.js';
import {outageText, pauseText} from '../../../core/history/window-text.js';

export type TimelineLine = {
	readonly text: string;
	readonly tone: 'plain' | 'muted' | 'warn' | 'bad' | 'title';
};

export type TimelineOptions = {
	/** The summary's range and its label: today (since local midnight), or a recording from its start. */
	readonly summary: Interval & {readonly label: string};
	readonly clock: LocalClock;
	/** The strip's legend, in the theme's glyphs. */
	readonly legend: string;
	/** The view's now: what still lasts is counted up to it (the history may have been built a little earlier). */
	readonly now?: number;
};

const outageWords: Readonly<Record<Outage['kind'], string>> = {
	'not-connected': 'not connected',
	'socket-down': 'socket down',
	'token-rejected': 'token rejected',
	'not-monitored': 'not monitored',
};

/**
The timeline overlay's lines: the summary line (`today  connected 98.7% · 3 outages (longest 2m 10s) ·
paused 2× (14m 02s) · not monitored 5m`), then every pause window, outage and failed refresh the
history holds, newest first, with start, end and duration, each end as sure as its evidence. Plain
text: no server string is in it.
*/
export function timelineLines(built: DeviceHistory | null, options: TimelineOptions): TimelineLine[] {
	if (built === null) {
		return [
			{text: 'No journal for this device yet: nothing was written, or the journal is off (--journal-days 0).', tone: 'muted'},
			{text: options.legend, tone: 'muted'},
		];
	}

	const {clock, summary} = options;
	const now = Math.max(built.now, options.now ?? built.now);
	// The list and the summary count to the same now.
	const history = historyAt(built, now);
	const entries: Array<{at: number; line: TimelineLine}> = [
		...history.pauses.map(window => ({at: window.from ?? window.fromLatest, line: {text: pauseText(window, now, clock), tone: 'warn' as const}})),
		...history.outages.map(outage => ({
			at: outage.from,
			line: {
				text: `${outageWords[outage.kind]} ${outageText(outage, clock)}${outage.endedWithoutStop ? ' · the monitor before it ended without a word' : ''}`,
				tone: outage.kind === 'not-monitored' ? 'muted' as const : 'bad' as const,
			},
		})),
		...history.refreshFailures.map(at => ({at, line: {text: `token refresh failed ${clock.at(at)}`, tone: 'bad' as const}})),
		...history.socketDrops.map(drop => ({at: drop.from, line: {text: `socket dropped ${clock.at(drop.from)}, joined again in ${formatDuration(drop.to - drop.from)}`, tone: 'plain' as const}})),
	].sort((a, b) => b.at - a.at);
	const counted = summarizeHistory(history, {from: summary.from, to: Math.max(summary.to, now)});
	return [
		{text: `${summary.label}  ${summaryLine(counted)}`, tone: 'title'},
		...(history.refreshes.length > 0 ? [{text: `token refreshed ${history.refreshes.length}× (last ${clock.at(history.refreshes.at(-1)!)})`, tone: 'muted' as const}] : []),
		...(history.skippedLines > 0 ? [{text: `${history.skippedLines} journal lines could not be read`, tone: 'muted' as const}] : []),
		...(entries.length === 0 ? [{text: 'nothing happened: no pause, no outage', tone: 'muted' as const}] : entries.map(entry => entry.line)),
		{text: options.legend, tone: 'muted'},
	];
}
