import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ReactElement} from 'react';
import type {CloseInfo, SocketSnapshot} from '../../../core/socket/socket-types.js';
import Field from '../../shared/Field.js';
import {ago, countdown, formatDuration, formatMs} from '../../format/format.js';
import PanelTitle from '../../shared/PanelTitle.js';
import SafeText from '../../shared/SafeText.js';
import {tint, type Theme} from '../../shared/theme.js';
import useTheme from '../../shared/use-theme.js';

type Props = {
	readonly socket: SocketSnapshot;
	readonly now: number;
	readonly width: number;
	readonly lines: number;
};

/**
The device websocket: its state, the last close, heartbeats and round trips. Each value leads with
what matters, so a half-width panel at 80 columns (28 cells after the label) cuts only the rest.
*/
export default function SocketPanel({socket, now, width, lines}: Props) {
	const theme = useTheme();
	const state = describeState(socket, now);
	const stateColor = socket.state === 'joined' ? tint(theme, 'green') : (socket.state === 'rejected' ? tint(theme, 'red') : tint(theme, 'yellow'));
	const busy = socket.state === 'connecting' || (socket.state === 'open' && socket.join.phase === 'joining');
	const stateLine = (
		<Box key="state" height={1}>
			<Box width={11} flexShrink={0}><Text dimColor>State</Text></Box>
			{busy ? <Text color={stateColor}><Spinner type={theme.spinner}/> </Text> : null}
			<SafeText color={stateColor}>{state}</SafeText>
		</Box>
	);
	// The reconnect count sits in the title, so the Last close row has its width for the code, who and why.
	const reconnects = lines > 2 && socket.reconnects > 0 ? `${socket.reconnects} reconnect${socket.reconnects === 1 ? '' : 's'}` : undefined;
	return (
		<Box flexDirection="column" width={width} height={1 + lines} overflowY="hidden">
			<PanelTitle title="Socket" facts={[reconnects, socket.topic ?? 'no device yet']} width={width}/>
			{[stateLine, ...detailRows(socket, now, lines, theme)].slice(0, lines)}
		</Box>
	);
}

/** The rows under State: what matters most in the socket's state first. */
function detailRows(socket: SocketSnapshot, now: number, lines: number, theme: Theme): ReactElement[] {
	const {separator} = theme.symbols;
	const {heartbeat, lastClose} = socket;
	const beats = `sent ${ago(heartbeat.lastSentAt, now)}, ${heartbeat.awaitingReply ? 'awaiting reply' : `reply ${ago(heartbeat.lastReplyAt, now)}`}`;
	const rejected = socket.state === 'rejected' && socket.rejection !== null;
	const nextTry = `${countdown(socket.nextRetryAt, now)}, or on a new token`;
	const framesLine = <Field key="frames" label="Frames" color={socket.protocolErrors > 0 ? tint(theme, 'red') : undefined}>{frames(socket, separator)}</Field>;
	if (lines <= 2) {
		return [
			rejected
				? <SafeText key="next" color={tint(theme, 'red')}>{`bad or expired token ${separator} next try ${nextTry}`}</SafeText>
				: <SafeText key="compact">{`heartbeat ${ago(heartbeat.lastReplyAt, now)} ${separator} rtt ${formatMs(heartbeat.lastRttMs)} ${separator} reconnects ${socket.reconnects}`}</SafeText>,
		];
	}

	if ((socket.state === 'waiting' || socket.state === 'closed') && lastClose) {
		// While down, why and when it closed matter more than the last round trips.
		return [
			<Field key="closed" label="Closed">{`${lastClose.code} by ${lastClose.by} ${ago(lastClose.at, now)}`}</Field>,
			<Field key="reason" label="Reason">{lastClose.reason || 'none given'}</Field>,
			<Field key="beats" label="Heartbeat">{beats}</Field>,
			framesLine,
		];
	}

	const lastCloseLine = <Field key="close" label="Last close">{lastClose ? describeClose(lastClose, now, separator) : 'none'}</Field>;
	if (rejected) {
		return [
			<Field key="why" label="Token" color={tint(theme, 'red')}>missing, wrong or expired</Field>,
			<Field key="next" label="Next try">{nextTry}</Field>,
			lastCloseLine,
			framesLine,
		];
	}

	return [
		lastCloseLine,
		<Field key="beats" label="Heartbeat">{beats}</Field>,
		<Field key="rtt" label="Round trip">{roundTrips(socket, separator)}</Field>,
		framesLine,
	];
}

/** "1006 by network: connection lost … · 5m ago": the code, who closed it and why, then when. */
function describeClose(close: CloseInfo, now: number, separator: string): string {
	return `${close.code} by ${close.by}: ${close.reason || 'no reason given'} ${separator} ${ago(close.at, now)}`;
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

/** "12 ms · avg 11 ms"; heartbeats that went unanswered first, when there are any. */
function roundTrips({heartbeat}: SocketSnapshot, separator: string): string {
	const times = `${formatMs(heartbeat.lastRttMs)} ${separator} avg ${formatMs(heartbeat.averageRttMs)}`;
	return heartbeat.timeouts > 0 ? `${heartbeat.timeouts} unanswered ${separator} ${times}` : times;
}

/** Frame counts, errors and unknown events first when there are any: they are what to look into. */
function frames(socket: SocketSnapshot, separator: string): string {
	const counts = `in ${socket.framesIn} ${separator} out ${socket.framesOut}`;
	const troubles = [
		socket.protocolErrors > 0 ? `errors ${socket.protocolErrors}` : undefined,
		socket.lastUnknownEvent ? `unknown events ${socket.unknownEvents} (last ${socket.lastUnknownEvent.event})` : undefined,
	].filter(Boolean);
	return troubles.length > 0 ? [...troubles, counts].join(` ${separator} `) : `${counts} ${separator} errors 0`;
}
