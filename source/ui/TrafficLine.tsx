import {Text} from 'ink';
import type {TrafficEntry} from '../core/socket/traffic.js';
import {formatMs, summarizePayload, timeOfDay} from './format.js';
import SafeText from './SafeText.js';
import {tint} from './theme.js';
import useTheme from './use-theme.js';

type Props = {
	readonly entry: TrafficEntry;
	readonly selected: boolean;
};

/** One frame on one line: arrow, time, topic, event, ref, payload summary and, for a reply, its round trip. */
export default function TrafficLine({entry, selected}: Props) {
	const theme = useTheme();
	const arrow = entry.direction === 'out' ? theme.symbols.out : theme.symbols.in;
	const head = `${selected ? theme.symbols.selected : ' '}${arrow} ${timeOfDay(entry.at)} `;
	if (entry.error) {
		return (
			<Text wrap="truncate-end" inverse={selected}>
				<Text color={tint(theme, 'red')}>{head}</Text>
				<SafeText color={tint(theme, 'red')}>{`malformed: ${entry.error} ${JSON.stringify(entry.text ?? '')}`}</SafeText>
			</Text>
		);
	}

	const reply = entry.reply
		? ` ${entry.reply.status ?? '?'} ${formatMs(entry.reply.latencyMs)} (${entry.reply.requestEvent})`
		: '';
	const payload = entry.event === 'phx_reply' && entry.reply ? '' : ` ${summarizePayload(entry.payload)}`;
	const eventColor = entry.event === 'status_updated' ? tint(theme, 'magenta') : (entry.direction === 'out' ? tint(theme, 'blue') : undefined);
	return (
		<Text wrap="truncate-end" inverse={selected}>
			<Text dimColor={!selected}>{head}</Text>
			<SafeText>{`${shortTopic(entry.topic)} `}</SafeText>
			<SafeText color={eventColor} bold={entry.event === 'status_updated'}>{entry.event ?? ''}</SafeText>
			<SafeText dimColor={!selected}>{entry.ref === null ? '' : ` #${entry.ref}`}</SafeText>
			<SafeText>{payload}</SafeText>
			<SafeText color={entry.reply?.status === 'error' ? tint(theme, 'red') : tint(theme, 'green')}>{reply}</SafeText>
		</Text>
	);
}

/** `devices:<uuid>` is long and the same on every line: keep its first 8 characters (Enter shows it whole). */
export function shortTopic(topic: string | null): string {
	if (topic === null) {
		return '';
	}

	return topic.startsWith('devices:') && topic.length > 'devices:'.length + 9 ? `${topic.slice(0, 'devices:'.length + 8)}…` : topic;
}
