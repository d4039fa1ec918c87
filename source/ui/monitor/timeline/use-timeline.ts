import {useMemo} from 'react';
import type {DeviceHistory} from '../../../core/history/history-model.js';
import type {HistoryFeed} from '../../../core/history/history-feed.js';
import type {Interval} from '../../../core/history/intervals.js';
import {localClock, localMidnight} from '../../../core/history/local-clock.js';
import {displayWidth, wrapToWidth} from '../../format/text-width.js';
import useTheme from '../../shared/use-theme.js';
import {stripLegend} from './strip-cells.js';
import {timelineLines, type TimelineLine} from './timeline-lines.js';
import useHistory from './use-history.js';

/** What the timeline overlay's title says it covers, and the summary's range: set for a replay (the recording so far). */
export type TimelineScope = {
	readonly span: string;
	readonly summary: Interval & {readonly label: string};
};

export type Timeline = {
	readonly history: DeviceHistory | null;
	readonly lines: readonly TimelineLine[];
	readonly span: string;
};

const closed: readonly TimelineLine[] = [];

/**
The device's history and, while the overlay is `open`, its lines: the journal's last 24 hours with a
line for today (since local midnight), or a replay's recording up to its cursor.
*/
export default function useTimeline(feed: HistoryFeed | undefined, now: number, width: number, {scope, open}: {readonly scope?: TimelineScope | undefined; readonly open: boolean}): Timeline {
	const theme = useTheme();
	const history = useHistory(feed);
	// What still lasts counts up with the view's seconds (only while the overlay is open: the strip needs no lines).
	const second = open ? Math.floor(now / 1000) * 1000 : 0;
	const lines = useMemo(() => {
		if (!open) {
			return closed;
		}

		const at = Math.max(history?.now ?? 0, second);
		const summary = scope?.summary ?? {from: localMidnight(at), to: at, label: 'today'};
		return fitLines(timelineLines(history, {summary, clock: localClock(at), legend: stripLegend(theme.ascii), now: second}), width);
	}, [history, second, scope, theme.ascii, width, open]);
	return {history, lines, span: scope?.span ?? 'last 24 h'};
}

/** Each line as the overlay draws it: the day's line as is, the rest indented; a line too wide goes on under itself. */
function fitLines(lines: readonly TimelineLine[], width: number): TimelineLine[] {
	return lines.flatMap(line => {
		const indent = line.tone === 'title' ? '' : '  ';
		const text = `${indent}${line.text}`;
		if (displayWidth(text) <= width) {
			return [{...line, text}];
		}

		const parts = line.tone === 'title' ? wrapAtSeparators(line.text, width - 2) : wrapToWidth(line.text, width - indent.length - 2);
		return parts.map((part, index) => ({...line, text: `${indent}${index === 0 ? '' : '  '}${part}`}));
	});
}

/** A line of `a · b · c` broken between its parts where it can (words otherwise), each line but the last ending with `·`. */
function wrapAtSeparators(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const part of text.split(' · ')) {
		const candidate = line === '' ? part : `${line} · ${part}`;
		if (displayWidth(`${candidate} ·`) <= width || line === '') {
			line = candidate;
		} else {
			lines.push(`${line} ·`);
			line = part;
		}
	}

	lines.push(line);
	return lines.flatMap(part => displayWidth(part) <= width ? [part] : wrapToWidth(part, width));
}
