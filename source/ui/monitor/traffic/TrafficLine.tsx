import {Text} from 'ink';
import type {TrafficEntry} from '../../../core/socket/traffic.js';
import {summarizePayload, timeOfDay} from '../../format/format.js';
import SafeText from '../../shared/SafeText.js';
import {fitToWidth} from '../../format/text-width.js';
import {tint} from '../../shared/theme.js';
import useScreenText from '../../shared/use-screen-text.js';
import useTheme from '../../shared/use-theme.js';
import {frameLineText, malformedLineText} from './traffic-text.js';

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

/** One frame on one line: arrow, time, topic, event, ref, for a reply its status and round trip, and the payload. */
export default function TrafficLine({entry, selected, topicWidth, width}: Props) {
	const theme = useTheme();
	const screenText = useScreenText();
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

	const line = frameLineText(entry);
	const payload = summarizePayload(line.payload, width, screenText);
	const eventColor = entry.event === 'status_updated' ? tint(theme, 'magenta') : (entry.direction === 'out' ? tint(theme, 'blue') : undefined);
	return (
		<Text wrap="truncate-end" inverse={selected}>
			<Text dimColor={!selected}>{head}</Text>
			<SafeText>{`${fitToWidth(screenText(line.topic), topicWidth)} `}</SafeText>
			<SafeText color={eventColor} bold={entry.event === 'status_updated'}>{line.event}</SafeText>
			<SafeText dimColor={!selected}>{line.ref ? ` ${line.ref}` : ''}</SafeText>
			<SafeText color={entry.reply?.status === 'error' ? tint(theme, 'red') : tint(theme, 'green')}>{line.reply ? ` ${line.reply}` : ''}</SafeText>
			<SafeText>{payload ? ` ${payload}` : ''}</SafeText>
		</Text>
	);
}
