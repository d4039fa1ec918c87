import type {Buffer} from 'node:buffer';
import {phoenixEvents, type PhoenixMessage} from '../../protocol/phoenix-message.js';
import type {Clock} from '../clock.js';
import type {Emitter} from '../emitter.js';
import {readDevicePush} from './device-push.js';
import {decodeFrame, readReason, readReply} from './phoenix-codec.js';
import type {SocketSession} from './socket-session.js';
import type {SocketStore} from './socket-store.js';
import type {SocketEvent} from './socket-types.js';
import type {DecodedFrame, PairedRequest} from './traffic.js';

/** What handling a received frame needs from the socket. */
export type InboundContext = {
	readonly clock: Clock;
	readonly store: SocketStore;
	readonly events: Emitter<SocketEvent>;
	/** The next frame's sequence number (in and out share one sequence). */
	readonly nextSeq: () => number;
	/** The open connection's session (heartbeat, join, pending requests). */
	readonly session: () => SocketSession | undefined;
	/** The device channel's topic. */
	readonly topic: () => string | undefined;
};

/**
One frame from the server: counted and reported as traffic (malformed ones too), then acted on: a
reply goes to the request it answers, a status_updated becomes a status event, phx_error or phx_close
on the device topic loses the channel, and anything else is counted as unknown.
*/
export function receiveFrame(context: InboundContext, data: Buffer, isBinary: boolean): void {
	const {clock, store, events} = context;
	const at = clock.now();
	store.countFrame('in');
	const {connections} = store.state;
	const seq = context.nextSeq();
	const bytes = data.byteLength;
	const decoded = decodeFrame(data, isBinary);
	if (!decoded.ok) {
		const text = data.subarray(0, 200).toString('utf8');
		events.emit({type: 'frame', entry: {kind: 'malformed', seq, at, direction: 'in', bytes, connection: connections, error: decoded.detail, text}});
		protocolError(context, decoded.detail, at);
		return;
	}

	const {message} = decoded;
	const entry: DecodedFrame = {kind: 'frame', seq, at, direction: 'in', bytes, connection: connections, topic: message.topic, event: message.event, ref: message.ref, payload: message.payload};
	if (message.event === phoenixEvents.reply) {
		receivedReply(context, entry, message);
		return;
	}

	events.emit({type: 'frame', entry});
	const push = readDevicePush(message, context.topic());
	switch (push.kind) {
		case 'status': {
			events.emit({type: 'status', value: push.value, at});
			break;
		}

		case 'invalid-status': {
			protocolError(context, push.detail, at);
			break;
		}

		case 'channel-lost': {
			context.session()?.join.lost(push.why);
			break;
		}

		case 'unknown': {
			store.countUnknownEvent({at, topic: message.topic, event: message.event});
		}
	}
}

/** Pairs a reply with its request by ref; the frame is reported first, then the heartbeat or the join acts on it. */
function receivedReply({clock, events, session: current}: InboundContext, entry: DecodedFrame, message: PhoenixMessage): void {
	const session = current();
	const request = session?.settle(message.ref);
	const reply = readReply(message.payload);
	const paired: PairedRequest | undefined = request && {
		status: reply?.status ?? null, requestEvent: request.event, requestTopic: request.topic, requestSeq: request.seq,
		latencyMs: Math.max(0, clock.now() - request.sentAt),
	};
	events.emit({type: 'frame', entry: paired ? {...entry, reply: paired} : entry});
	// The frame's listeners may have ended the connection meanwhile.
	if (request && session && session === current()) {
		session.replied(request, reply?.status ?? null, readReason(message.payload));
	}
}

function protocolError({store, events}: InboundContext, detail: string, at: number): void {
	store.update(previous => ({...previous, protocolErrors: previous.protocolErrors + 1, lastProtocolError: {at, detail}}));
	events.emit({type: 'protocol-error', detail, at});
}
