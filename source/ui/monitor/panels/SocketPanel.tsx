import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ReactElement} from 'react';
import type {CloseInfo, SocketSnapshot} from '../../../core/socket/socket-types.js';
import Field from '../../shared/Field.js';
import {ago, countdown, formatDuration, formatMs} from '../../format/format.js';
import PanelTitle from '../../shared/PanelTitle.js';
import Line from '../../shared/Line.js';
import {tint, type Theme} from '../../shared/theme.js';
import {currentRttMs, thisConnection} from '../../shared/socket-connection-words.js';
import useScreenText from '../../shared/use-screen-text.js';
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
	const screenText = useScreenText();
	const state = describeState(socket, now);
	const stateColor = socket.state === 'joined' ? tint(theme, 'green') : (socket.state === 'rejected' ? tint(theme, 'red') : tint(theme, 'yellow'));
	const busy = socket.state === 'connecting' || (socket.state === 'open' && socket.join.phase === 'joining');
	// While busy, a spinner before the state (a Field's line otherwise): the label padded to Field's column.
	const stateLine = busy
		? (
			<Text key="state" wrap="truncate-end">
				<Text dimColor>State</Text>
				{' '.repeat(6)}
				<Text color={stateColor}><Spinner type={theme.spinner}/> </Text>
				<Text color={stateColor}>{screenText(state)}</Text>
			</Text>
		)
		: <Field key="state" label="State" color={stateColor}>{state}</Field>;
	// The reconnect count sits in the title, so the Last close row has its width for the code, who and why.
	const reconnects = lines > 2 && socket.reconnects > 0 ? `${socket.reconnects} reconnect${socket.reconnects === 1 ? '' : 's'}` : undefined;
	return (
		<Box flexDirection="column" width={width} height={1 + lines} overflowY="hidden">
			<PanelTitle title="Socket" facts={[reconnects, socket.topic ?? 'no device yet']} width={width}/>
			{[stateLine, ...detailRows(socket, now, lines, theme)].slice(0, lines)}
		</Box>
	);
}

/** The compact line's heartbeat: its reply's age; on a connection with none yet, whether one was sent ("never" would deny the earlier ones). */
function compactHeartbeat(socket: SocketSnapshot, replyAt: number | null, now: number): string {
	if (replyAt !== null || !isOpen(socket)) {
		return ago(replyAt, now);
	}

	return thisConnection(socket, socket.heartbeat.lastSentAt) === null ? 'none yet' : 'no reply yet';
}

/** The rows under State: what matters most in the socket's state first. */
function detailRows(socket: SocketSnapshot, now: number, lines: number, theme: Theme): ReactElement[] {
	const {separator} = theme.symbols;
	const {heartbeat, lastClose} = socket;
	const beats = heartbeatWords(socket, now, separator);
	const replyAt = isOpen(socket) ? thisConnection(socket, heartbeat.lastReplyAt) : heartbeat.lastReplyAt;
	const rejected = socket.state === 'rejected' && socket.rejection !== null;
	const nextTry = `${countdown(socket.nextRetryAt, now)}, or on a new token`;
	const framesLine = <Field key="frames" label="Frames" color={socket.protocolErrors > 0 ? tint(theme, 'red') : undefined}>{frames(socket, separator)}</Field>;
	if (lines <= 2) {
		const compact = `heartbeat ${compactHeartbeat(socket, replyAt, now)} ${separator} rtt ${formatMs(currentRttMs(socket))} ${separator} reconnects ${socket.reconnects}`;
		return [
			rejected
				? <Line key="next" spans={[{text: `bad or expired token ${separator} next try ${nextTry}`, color: tint(theme, 'red')}]}/>
				: <Line key="compact" spans={[{text: compact}]}/>,
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

/**
"sent 3s ago, reply 3s ago". On an open connection, its own heartbeats only (after a reconnect the last
one's reply is not this one's): "none yet · first in 12s" before the first. While the socket is down,
the last connection's, with their ages.
*/
function heartbeatWords(socket: SocketSnapshot, now: number, separator: string): string {
	const {heartbeat} = socket;
	if (!isOpen(socket)) {
		return heartbeat.lastSentAt === null ? 'none' : `sent ${ago(heartbeat.lastSentAt, now)}, reply ${ago(heartbeat.lastReplyAt, now)}`;
	}

	const sentAt = thisConnection(socket, heartbeat.lastSentAt);
	if (sentAt === null) {
		return heartbeat.nextAt === null ? 'none yet' : `none yet ${separator} first ${countdown(heartbeat.nextAt, now)}`;
	}

	const replyAt = thisConnection(socket, heartbeat.lastReplyAt);
	if (heartbeat.awaitingReply) {
		return `sent ${ago(sentAt, now)}, awaiting reply`;
	}

	return `sent ${ago(sentAt, now)}, ${replyAt === null ? 'no reply yet' : `reply ${ago(replyAt, now)}`}`;
}

/**
"12 ms · avg 11 ms", or "none yet on this connection" before its first reply. A heartbeat that
went unanswered ended its connection, so none belongs to an open one: the Last close row says it.
*/
function roundTrips(socket: SocketSnapshot, separator: string): string {
	const rtt = currentRttMs(socket);
	return rtt === null ? 'none yet on this connection' : `${formatMs(rtt)} ${separator} avg ${formatMs(socket.heartbeat.averageRttMs)}`;
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

function isOpen(socket: SocketSnapshot): boolean {
	return socket.state === 'open' || socket.state === 'joined';
}
