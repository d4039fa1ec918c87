import {useContext} from 'react';
import type {TrafficEntry} from '../../../core/socket/traffic.js';
import {timeOfDay} from '../../format/format.js';
import RedactContext from '../../shared/RedactContext.js';
import Line from '../../shared/Line.js';
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
		return <Line inverse={selected} spans={[{text: head + malformedLineText(entry), color: tint(theme, 'red')}]}/>;
	}

	const line = lineOnScreen(entry, redact);
	const payload = truncateToWidth(line.payload, width);
	const eventColor = entry.event === 'status_updated' ? tint(theme, 'magenta') : (entry.direction === 'out' ? tint(theme, 'blue') : undefined);
	return (
		<Line
			inverse={selected}
			spans={[
				{text: head, dimColor: !selected},
				{text: `${fitToWidth(line.topic, topicWidth)} `},
				{text: truncateToWidth(line.event, width), color: eventColor, bold: entry.event === 'status_updated'},
				{text: line.ref ? ` ${line.ref}` : '', dimColor: !selected},
				{text: line.reply ? ` ${truncateToWidth(line.reply, width)}` : '', color: entry.reply?.status === 'error' ? tint(theme, 'red') : tint(theme, 'green')},
				{text: payload ? ` ${payload}` : ''},
			]}
		/>
	);
}
