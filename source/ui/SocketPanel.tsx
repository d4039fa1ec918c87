import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {SocketSnapshot} from '../core/socket/socket-types.js';
import Field from './Field.js';
import {ago, countdown, formatDuration, formatMs} from './format.js';
import PanelTitle from './PanelTitle.js';
import SafeText from './SafeText.js';
import {tint} from './theme.js';
import useTheme from './use-theme.js';

type Props = {
	readonly socket: SocketSnapshot;
	readonly now: number;
	readonly width: number;
	readonly lines: number;
};

/** The device websocket: its state, reconnects, heartbeats and round trips. */
export default function SocketPanel({socket, now, width, lines}: Props) {
	const theme = useTheme();
	const {heartbeat, lastClose} = socket;
	const state = describeState(socket, now);
	const stateColor = socket.state === 'joined' ? tint(theme, 'green') : (socket.state === 'rejected' ? tint(theme, 'red') : tint(theme, 'yellow'));
	const busy = socket.state === 'connecting' || (socket.state === 'open' && socket.join.phase === 'joining');
	const stateLine = (
		<Box key="state" height={1}>
			<Box width={11} flexShrink={0}><Text dimColor>State</Text></Box>
			{busy && <Text color={stateColor}><Spinner type={theme.spinner}/> </Text>}
			<SafeText color={stateColor}>{state}</SafeText>
		</Box>
	);
	const closeText = lastClose ? `last close ${lastClose.code} by ${lastClose.by}${lastClose.reason ? `: ${lastClose.reason}` : ''} ${ago(lastClose.at, now)}` : 'no drops';
	const down = socket.state === 'waiting' || socket.state === 'closed';
	// Short enough for a half-width panel at 80 columns (28 characters after the label).
	const beats = `sent ${ago(heartbeat.lastSentAt, now)}, ${heartbeat.awaitingReply ? 'awaiting reply' : `reply ${ago(heartbeat.lastReplyAt, now)}`}`;
	const rtt = `${formatMs(heartbeat.lastRttMs)} ${theme.symbols.separator} avg ${formatMs(heartbeat.averageRttMs)} ${theme.symbols.separator} ${heartbeat.timeouts} unanswered`;
	const rejected = socket.state === 'rejected' && socket.rejection !== null;
	const nextTry = `${countdown(socket.nextRetryAt, now)}, or on a new token`;
	let body;
	if (lines <= 2) {
		body = [
			stateLine,
			rejected
				? <SafeText key="next" color={tint(theme, 'red')}>{`bad or expired token ${theme.symbols.separator} next try ${nextTry}`}</SafeText>
				: <SafeText key="compact">{`heartbeat ${ago(heartbeat.lastReplyAt, now)} ${theme.symbols.separator} rtt ${formatMs(heartbeat.lastRttMs)} ${theme.symbols.separator} reconnects ${socket.reconnects}`}</SafeText>,
		];
	} else if (down && lastClose) {
		// While down, why and when it closed matter more than the last round trips.
		body = [
			stateLine,
			<Field key="closed" label="Closed">{`${lastClose.code} by ${lastClose.by} ${ago(lastClose.at, now)}`}</Field>,
			<Field key="reason" label="Reason">{lastClose.reason || 'none given'}</Field>,
			<Field key="drops" label="Reconnects">{String(socket.reconnects)}</Field>,
			<Field key="beats" label="Heartbeat">{beats}</Field>,
		];
	} else if (rejected) {
		body = [
			stateLine,
			<Field key="why" label="Token" color={tint(theme, 'red')}>missing, wrong or expired</Field>,
			<Field key="next" label="Next try">{nextTry}</Field>,
			<Field key="drops" label="Reconnects">{`${socket.reconnects} ${theme.symbols.separator} ${closeText}`}</Field>,
			<Field key="frames" label="Frames">{frames(socket, theme.symbols.separator)}</Field>,
		];
	} else {
		body = [
			stateLine,
			<Field key="drops" label="Reconnects">{`${socket.reconnects} ${theme.symbols.separator} ${closeText}`}</Field>,
			<Field key="beats" label="Heartbeat">{beats}</Field>,
			<Field key="rtt" label="Round trip">{rtt}</Field>,
			<Field key="frames" label="Frames">{frames(socket, theme.symbols.separator)}</Field>,
		];
	}

	return (
		<Box flexDirection="column" width={width} height={1 + lines} overflow="hidden">
			<PanelTitle title="Socket" facts={[socket.topic ?? 'no device yet']} width={width}/>
			{body.slice(0, lines)}
		</Box>
	);
}

function describeState(socket: SocketSnapshot, now: number): string {
	switch (socket.state) {
		case 'idle': {
			return 'waiting for the device id (identity)';
		}

		case 'connecting': {
			return `connecting (attempt ${socket.attempt})`;
		}

		case 'open': {
			return socket.join.phase === 'errored'
				? `open, not joined: ${socket.join.lastError ?? 'join failed'} ${socket.join.nextRejoinAt ? `(rejoin ${countdown(socket.join.nextRejoinAt, now)})` : ''}`
				: 'open, joining the device channel';
		}

		case 'joined': {
			return `joined for ${formatDuration(now - (socket.join.joinedAt ?? now))}`;
		}

		case 'closed':
		case 'waiting': {
			// The countdown first: it is what a person waits for.
			return `retry ${countdown(socket.nextRetryAt, now)} (attempt ${socket.attempt + 1})`;
		}

		case 'rejected': {
			return `token rejected (HTTP ${socket.rejection?.status ?? 403})`;
		}

		case 'stopped': {
			return 'stopped';
		}
	}
}

function frames(socket: SocketSnapshot, separator: string): string {
	const unknown = socket.lastUnknownEvent ? ` ${separator} ${socket.unknownEvents} unknown events (last ${socket.lastUnknownEvent.event})` : '';
	return `in ${socket.framesIn} ${separator} out ${socket.framesOut} ${separator} errors ${socket.protocolErrors}${unknown}`;
}
