import {Box} from 'ink';
import type {TrafficEntry} from '../core/socket/traffic.js';
import {formatMs} from './format.js';
import PanelTitle from './PanelTitle.js';
import SafeText from './SafeText.js';

type Props = {
	readonly entry: TrafficEntry | undefined;
	readonly rows: number;
	readonly width: number;
	/** First line shown (Up/Down scroll). */
	readonly offset: number;
};

/** What is known about a frame, then the frame itself as it went over the wire, one line each. */
export function frameDetailLines(entry: TrafficEntry | undefined): string[] {
	if (!entry) {
		return ['The frame is no longer in the log (newer frames pushed it out).'];
	}

	const time = new Date(entry.at).toISOString();
	const meta = [
		`${entry.direction === 'in' ? 'received' : 'sent'} ${time}, ${entry.bytes} bytes, connection ${entry.connection}`,
		...(entry.reply ? [`reply to ${entry.reply.requestEvent} #${entry.ref ?? ''} on ${entry.reply.requestTopic}, status ${entry.reply.status ?? 'unknown'}, after ${formatMs(entry.reply.latencyMs)}`] : []),
	];
	const body = entry.error
		? [`malformed: ${entry.error}`, `starts with: ${JSON.stringify(entry.text ?? '')}`]
		: JSON.stringify({topic: entry.topic, event: entry.event, payload: entry.payload, ref: entry.ref}, null, 2).split('\n');
	return [...meta, '', ...body];
}

/** The selected frame in full, scrolled with Up/Down and PgUp/PgDn. */
export default function FrameDetail({entry, rows, width, offset}: Props) {
	const lines = frameDetailLines(entry);
	const room = rows - 1;
	const start = Math.max(0, Math.min(offset, lines.length - room));
	const shown = lines.slice(start, start + room);
	const position = lines.length > room ? `lines ${start + 1}-${start + shown.length} of ${lines.length}, Up/Down to scroll` : undefined;
	return (
		<Box flexDirection="column" width={width} height={rows} overflow="hidden">
			<PanelTitle title={`Frame${entry ? ` #${entry.seq}` : ''}`} facts={[position, 'Esc or Enter to close']} width={width}/>
			{shown.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<SafeText key={index}>{line}</SafeText>
			))}
		</Box>
	);
}
