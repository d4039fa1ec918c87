import {Text} from 'ink';
import {useContext} from 'react';
import type {TrafficEntry} from '../../../core/socket/traffic.js';
import {timeOfDay} from '../../format/format.js';
import RedactContext from '../../shared/RedactContext.js';
import SafeText from '../../shared/SafeText.js';
import {fitToWidth, truncateToWidth} from '../../format/text-width.js';
import {tint} from '../../shared/theme.js';
import useTheme from '../../shared/use-theme.js';
import {lineOnScreen} from './line-on-screen.js';
import {malformedLineText} from './traffic-text.js';

type Props = {
	readonly entry: TrafficEntry;
	readonly selected: boolean;
	/** Cells for the topic column (topics are cut or padded to it, so the events line up). */
	readonly topicWidth: number;
	/** Cells for the whole line. */
	readonly width: number;
};

/** Cells before the topic: selection mark, arrow, time and their spaces. */
export const lineHeadWidth = 12;

/**
One frame on one line: arrow, time, topic, event, ref, for a reply its status and round trip, and the
payload. However large the frame, a draw measures no more of it than the line shows (see lineOnScreen).
*/
export default function TrafficLine({entry, selected, topicWidth, width}: Props) {
	const theme = useTheme();
	const redact = useContext(RedactContext);
	const arrow = entry.direction === 'out' ? theme.symbols.out : theme.symbols.in;
	const head = `${selected ? theme.symbols.selected : ' '}${arrow} ${timeOfDay(entry.at)} `;
	if (entry.kind === 'malformed') {
		return (
			<Text wrap="truncate-end" inverse={selected}>
				<Text color={tint(theme, 'red')}>{head}</Text>
				<SafeText color={tint(theme, 'red')}>{malformedLineText(entry)}</SafeText>
			</Text>
		);
	}

	const line = lineOnScreen(entry, redact);
	const payload = truncateToWidth(line.payload, width);
	const eventColor = entry.event === 'status_updated' ? tint(theme, 'magenta') : (entry.direction === 'out' ? tint(theme, 'blue') : undefined);
	return (
		<Text wrap="truncate-end" inverse={selected}>
			<Text dimColor={!selected}>{head}</Text>
			<SafeText>{`${fitToWidth(line.topic, topicWidth)} `}</SafeText>
			<SafeText color={eventColor} bold={entry.event === 'status_updated'}>{truncateToWidth(line.event, width)}</SafeText>
			<SafeText dimColor={!selected}>{line.ref ? ` ${line.ref}` : ''}</SafeText>
			<SafeText color={entry.reply?.status === 'error' ? tint(theme, 'red') : tint(theme, 'green')}>{line.reply ? ` ${truncateToWidth(line.reply, width)}` : ''}</SafeText>
			<SafeText>{payload ? ` ${payload}` : ''}</SafeText>
		</Text>
	);
}
