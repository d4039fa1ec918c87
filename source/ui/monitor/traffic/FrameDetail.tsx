import {Box} from 'ink';
import type {TrafficEntry} from '../../../core/socket/traffic.js';
import {formatMs} from '../../format/format.js';
import {scrollWindow} from '../../shared/overlay-scroll.js';
import PanelTitle from '../../shared/PanelTitle.js';
import SafeText from '../../shared/SafeText.js';
import {refLabel} from './traffic-text.js';

type Props = {
	readonly entry: TrafficEntry | undefined;
	readonly rows: number;
	readonly width: number;
	/** First line shown (Up/Down, PgUp/PgDn, Home/End scroll). */
	readonly offset: number;
};

/** What is known about a frame, then the frame itself as it went over the wire, one line each. */
export function frameDetailLines(entry: TrafficEntry | undefined): string[] {
	if (!entry) {
		return ['The frame is no longer in the log (newer frames pushed it out).'];
	}

	const time = new Date(entry.at).toISOString();
	const sent = `${entry.direction === 'in' ? 'received' : 'sent'} ${time}, ${entry.bytes} bytes, connection ${entry.connection}, log seq ${entry.seq}`;
	if (entry.kind === 'malformed') {
		return [sent, '', `malformed: ${entry.error}`, `starts with: ${JSON.stringify(entry.text)}`];
	}

	const {reply} = entry;
	const meta = reply
		? [sent, `reply to ${reply.requestEvent} ref ${refLabel(entry.ref)}: status ${reply.status ?? 'unknown'} after ${formatMs(reply.latencyMs)}, on ${reply.requestTopic}`]
		: [sent];
	const body = JSON.stringify({topic: entry.topic, event: entry.event, payload: entry.payload, ref: entry.ref}, null, 2).split('\n');
	return [...meta, '', ...body];
}

/**
The frame's title names it as the log does, by its Phoenix ref ("ref #3", the number on its log line),
and by the event; the log's own sequence number is in the first line, labelled "log seq".
*/
export function frameDetailTitle(entry: TrafficEntry | undefined): string {
	if (!entry) {
		return 'Frame';
	}

	if (entry.kind === 'malformed') {
		return 'Malformed frame';
	}

	return `Frame ${entry.ref === null ? '(no ref)' : `ref ${refLabel(entry.ref)}`} ${entry.event}`;
}

/** The selected frame in full, scrolled with Up/Down, PgUp/PgDn and Home/End. */
export default function FrameDetail({entry, rows, width, offset}: Props) {
	const lines = frameDetailLines(entry);
	const view = scrollWindow(lines.length, rows - 1, offset);
	return (
		<Box flexDirection="column" width={width} height={rows} overflow="hidden">
			<PanelTitle title={frameDetailTitle(entry)} facts={[view.fact, 'Esc closes']} width={width}/>
			{lines.slice(view.start, view.end).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key -- lines are positions in a fixed text
				<SafeText key={index}>{line}</SafeText>
			))}
		</Box>
	);
}
