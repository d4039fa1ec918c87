import {heartbeatTopic, phoenixEvents, statusUpdatedEvent} from '../../protocol/phoenix-message.js';
import {noJoin} from '../socket/channel-join.js';
import type {SocketSnapshot, SocketState} from '../socket/socket-types.js';
import {number, text} from './recorded-line.js';
import type {ReplayState} from './replay-fold.js';

type Fields = Readonly<Record<string, unknown>>;

const lineStates = new Set<string>(['connecting', 'open', 'joined', 'closed', 'waiting', 'rejected']);

/** How many round trips the mean is taken over, as the live socket does. */
const roundTripsKept = 20;

/** A `socket` line: the socket's state, its close, its refusal, the join (the next try's time when the line gives it). */
export function foldSocket(previous: SocketSnapshot, fields: Fields, at: number): SocketSnapshot {
	const state = text(fields, 'state');
	if (state === null || !lineStates.has(state)) {
		return previous;
	}

	const attempt = number(fields, 'attempt') ?? previous.attempt;
	const retryInMs = number(fields, 'retryInMs');
	const code = number(fields, 'code');
	const closedBy = text(fields, 'closedBy');
	const next: SocketSnapshot = {
		...previous,
		state: state as SocketState,
		attempt,
		nextRetryAt: retryInMs === null ? null : at + retryInMs,
		lastClose: code === null ? previous.lastClose : {code, reason: text(fields, 'reason') ?? '', at, by: closedBy === 'server' || closedBy === 'client' ? closedBy : 'network'},
		heartbeat: {...previous.heartbeat, awaitingReply: false, nextAt: null},
	};
	switch (state) {
		case 'connecting': {
			const connections = previous.connections + 1;
			return {...next, connections, reconnects: Math.max(0, connections - 1), openedAt: null, join: noJoin, rejection: null};
		}

		case 'open': {
			const error = text(fields, 'error');
			return {
				...next,
				openedAt: previous.state === 'open' ? previous.openedAt : at,
				join: error === null ? {...noJoin, phase: 'joining', topic: previous.topic} : {...noJoin, phase: 'errored', topic: previous.topic, lastError: error},
			};
		}

		case 'joined': {
			const topic = text(fields, 'topic') ?? previous.topic;
			return {...next, topic, join: {phase: 'joined', topic, joinedAt: at, lastError: null, attempts: previous.join.attempts + 1, nextRejoinAt: null}};
		}

		case 'rejected': {
			return {...next, rejection: {status: number(fields, 'httpStatus') ?? 403, message: text(fields, 'error') ?? 'refused', at}, join: noJoin};
		}

		default: {
			return {...next, join: noJoin};
		}
	}
}

/** A `frame` line: the socket's counts, its heartbeats and round trips, unknown events. */
export function foldFrame(state: ReplayState, fields: Fields, at: number): ReplayState {
	const {socket} = state;
	const inbound = text(fields, 'direction') === 'in';
	const event = text(fields, 'event');
	const topic = text(fields, 'topic');
	let next: SocketSnapshot = inbound ? {...socket, framesIn: socket.framesIn + 1} : {...socket, framesOut: socket.framesOut + 1};
	let {roundTrips} = state;
	if (!inbound && event === phoenixEvents.heartbeat && topic === heartbeatTopic) {
		next = {...next, heartbeat: {...next.heartbeat, sent: next.heartbeat.sent + 1, lastSentAt: at, awaitingReply: true}};
	}

	const rttMs = number(fields, 'rttMs');
	if (inbound && text(fields, 'replyTo') === phoenixEvents.heartbeat && rttMs !== null) {
		roundTrips = [...roundTrips.slice(-(roundTripsKept - 1)), rttMs];
		const average = roundTrips.reduce((sum, value) => sum + value, 0) / roundTrips.length;
		next = {...next, heartbeat: {...next.heartbeat, answered: next.heartbeat.answered + 1, lastReplyAt: at, lastRttMs: rttMs, averageRttMs: average, awaitingReply: false}};
	}

	if (inbound && event !== null && topic !== null && topic === socket.topic && !knownPushes.has(event)) {
		next = {...next, unknownEvents: next.unknownEvents + 1, lastUnknownEvent: {at, topic, event}};
	}

	return {...state, socket: next, roundTrips};
}

const knownPushes = new Set<string>([phoenixEvents.reply, phoenixEvents.error, phoenixEvents.close, statusUpdatedEvent]);
