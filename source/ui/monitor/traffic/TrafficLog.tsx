import {Box, Text} from 'ink';
import {memo, useContext, useRef} from 'react';
import type {TrafficEntry} from '../../../core/socket/traffic.js';
import PanelTitle from '../../shared/PanelTitle.js';
import RedactContext from '../../shared/RedactContext.js';
import Line from '../../shared/Line.js';
import {displayWidth, truncateToWidth} from '../../format/text-width.js';
import {tint} from '../../shared/theme.js';
import useTheme from '../../shared/use-theme.js';
import {nearestIndex} from '../view-state.js';
import {lineOnScreen} from './line-on-screen.js';
import {windowStart} from './traffic-view.js';
import TrafficLine, {lineHeadWidth} from './TrafficLine.js';

type Props = {
	/** The frames that pass the filter, oldest first. */
	readonly entries: readonly TrafficEntry[];
	/** The entries' seqs, in the same order (App keeps them memoized). */
	readonly seqs: readonly number[];
	readonly total: number;
	readonly rows: number;
	readonly width: number;
	readonly follow: boolean;
	readonly selectedSeq: number | null;
	readonly filter: string;
	readonly editingFilter: boolean;
	readonly hideHeartbeats: boolean;
};

/** Cells a line keeps after the topic column, for the event, ref, reply and the start of the payload. */
const afterTopic = 38;
/** A long topic is never cut shorter than this (`devices:` and the start of the id). */
const minTopicWidth = 12;

/**
The newest frames in and out, following by default; paused, it holds still and shows a selection.
Nothing in it moves with the clock, so the view's tick every second leaves it alone (memo).
*/
function TrafficLog({entries, seqs, total, rows, width, follow, selectedSeq, filter, editingFilter, hideHeartbeats}: Props) {
	const theme = useTheme();
	const redact = useContext(RedactContext);
	const topSeq = useRef<number | null>(null);
	const selectedIndex = follow || selectedSeq === null || entries.length === 0 ? null : nearestIndex(seqs, selectedSeq);
	const start = windowStart(seqs, rows, selectedIndex, topSeq.current);
	const shown = entries.slice(start, start + rows);
	topSeq.current = shown[0]?.seq ?? null;
	// As wide as the longest topic on screen, as far as the line allows: `devices:<uuid>` whole from about 100 columns.
	const longestTopic = Math.max(0, ...shown.map(entry => (entry.kind === 'frame' ? displayWidth(truncateToWidth(lineOnScreen(entry, redact).topic, width)) : 0)));
	const topicWidth = Math.min(longestTopic, Math.max(minTopicWidth, width - lineHeadWidth - afterTopic));
	const facts = [
		follow ? 'following' : `PAUSED ${theme.symbols.separator} Space to follow`,
		`${entries.length === total ? total : `${entries.length} of ${total}`} frames`,
		editingFilter ? undefined : (filter ? `filter "${filter}"` : undefined),
		hideHeartbeats ? 'heartbeats hidden' : undefined,
	];
	return (
		<Box flexDirection="column" width={width} height={1 + rows} overflowY="hidden">
			{editingFilter
				? (
					<Line spans={[
						{text: `${theme.symbols.rule.repeat(2)} Traffic ${theme.symbols.separator} ${follow ? '' : `PAUSED ${theme.symbols.separator} `}filter: `, bold: true},
						{text: `/${filter}_`, color: tint(theme, 'cyan')},
						{text: '  Enter keeps it, Esc clears it', dimColor: true},
					]}/>
				)
				: <PanelTitle title="Traffic" facts={facts} width={width} color={follow ? undefined : tint(theme, 'yellow')}/>}
			{shown.length === 0
				? <Text dimColor>{total === 0 ? '  no frames yet' : '  no frames match'}</Text>
				: shown.map(entry => (
					<TrafficLine key={entry.seq} entry={entry} topicWidth={topicWidth} width={width} selected={!follow && entry.seq === entries[selectedIndex ?? -1]?.seq}/>
				))}
		</Box>
	);
}

export default memo(TrafficLog);
