import {Box} from 'ink';
import {memo, useContext} from 'react';
import type {TrafficEntry} from '../../../core/socket/traffic.js';
import type {Redactor} from '../../../core/token/redact.js';
import {sanitize} from '../../../text/sanitize.js';
import {formatMs} from '../../format/format.js';
import {breakToWidth} from '../../format/text-width.js';
import {scrollWindow} from '../../shared/overlay-scroll.js';
import PanelTitle from '../../shared/PanelTitle.js';
import RedactContext from '../../shared/RedactContext.js';
import SafeText from '../../shared/SafeText.js';
import {lineOnScreen} from './line-on-screen.js';
import {refLabel} from './traffic-text.js';

type Props = {
	readonly entry: TrafficEntry | undefined;
	readonly rows: number;
	readonly width: number;
	/** First line shown (Up/Down, PgUp/PgDn, Home/End scroll). */
	readonly offset: number;
};

/** How much of a frame, as indented JSON, is shown: a frame of a megabyte would be some 13,000 lines at 80 columns. */
export const shownDetailLimit = 64 * 1024;

const noRedaction: Redactor = text => text;
const detailLines = new WeakMap<TrafficEntry, {readonly redact: Redactor; readonly width: number; readonly lines: string[]}>();

/**
What is known about a frame, then the frame itself as it went over the wire (indented JSON), laid out
on lines of `width` cells: a long line is broken, never cut, so all of it can be read. A frame larger
than `shownDetailLimit` as JSON is shown as far as that, and says so, with its size. The secrets are
taken out of the whole text before anything is cut, and it is sanitized line by line. Remembered per
frame, width and redactor: scrolling does not lay it out again.
*/
export function frameDetailLines(entry: TrafficEntry | undefined, width: number, redact: Redactor = noRedaction): string[] {
	if (!entry) {
		return ['The frame is no longer in the log (newer frames pushed it out).'];
	}

	const known = detailLines.get(entry);
	if (known?.redact === redact && known.width === width) {
		return known.lines;
	}

	const lines = describe(entry, redact).flatMap(line => breakToWidth(line, Math.max(1, width)));
	detailLines.set(entry, {redact, width, lines});
	return lines;
}

function describe(entry: TrafficEntry, redact: Redactor): string[] {
	const time = new Date(entry.at).toISOString();
	const sent = `${entry.direction === 'in' ? 'received' : 'sent'} ${time}, ${entry.bytes} bytes, connection ${entry.connection}, log seq ${entry.seq}`;
	if (entry.kind === 'malformed') {
		return [sent, '', `malformed: ${entry.error}`, `starts with: ${JSON.stringify(entry.text)}`].map(line => sanitize(redact(line)));
	}

	const {reply} = entry;
	const meta = reply
		? [sent, sanitize(redact(`reply to ${reply.requestEvent} ref ${refLabel(entry.ref)}: status ${reply.status ?? 'unknown'} after ${formatMs(reply.latencyMs)}, on ${reply.requestTopic}`))]
		: [sent];
	const body = redact(JSON.stringify({topic: entry.topic, event: entry.event, payload: entry.payload, ref: entry.ref}, null, 2));
	if (body.length <= shownDetailLimit) {
		return [...meta, '', ...body.split('\n').map(line => sanitize(line))];
	}

	const shown = body.slice(0, shownDetailLimit).split('\n').map(line => sanitize(line));
	return [
		...meta,
		`too large to show whole: the first 64 KiB of its ${sizeOf(body.length)} as JSON, below`,
		'',
		...shown,
		`… the rest (${sizeOf(body.length - shownDetailLimit)}) is not shown`,
	];
}

/** "1.2 MiB", "300 KiB" (of characters, near enough bytes for JSON). */
function sizeOf(characters: number): string {
	const kibibytes = characters / 1024;
	return kibibytes >= 1000 ? `${(kibibytes / 1024).toFixed(1)} MiB` : `${Math.round(kibibytes)} KiB`;
}

/**
The frame's title names it as the log does, by its Phoenix ref ("ref #3", the number on its log line),
and by the event; the log's own sequence number is in the first line, labelled "log seq".
*/
export function frameDetailTitle(entry: TrafficEntry | undefined, redact: Redactor = noRedaction): string {
	if (!entry) {
		return 'Frame';
	}

	if (entry.kind === 'malformed') {
		return 'Malformed frame';
	}

	return `Frame ${entry.ref === null ? '(no ref)' : `ref ${refLabel(entry.ref)}`} ${lineOnScreen(entry, redact).event}`;
}

/**
The selected frame in full (up to `shownDetailLimit`), scrolled with Up/Down, PgUp/PgDn and Home/End.
Laid out again only when the frame, the size or the scroll changes, not at the view's tick every second (memo).
*/
function FrameDetail({entry, rows, width, offset}: Props) {
	const redact = useContext(RedactContext);
	const lines = frameDetailLines(entry, width, redact);
	const view = scrollWindow(lines.length, rows - 1, offset);
	return (
		<Box flexDirection="column" width={width} height={rows} overflow="hidden">
			<PanelTitle title={frameDetailTitle(entry, redact)} facts={[view.fact, 'Esc closes']} width={width}/>
			{lines.slice(view.start, view.end).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key -- lines are positions in a fixed text
				<SafeText key={index}>{line}</SafeText>
			))}
		</Box>
	);
}

export default memo(FrameDetail);
