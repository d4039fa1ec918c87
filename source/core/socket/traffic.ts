import type {PhoenixRef, ReplyStatus} from '../../protocol/phoenix-message.js';

export type Direction = 'in' | 'out';

/** A reply paired to the request that carried the same ref. */
export type PairedRequest = {
	/** The reply's status; null when its payload is not a `{status, response}` reply. */
	readonly status: ReplyStatus | null;
	readonly requestEvent: string;
	readonly requestTopic: string;
	readonly requestSeq: number;
	readonly latencyMs: number;
};

/** A frame that decoded as a Phoenix message (every frame sent, and most received). */
export type DecodedFrame = {
	readonly kind: 'frame';
	/** Increases by one per frame for the life of the monitor. */
	readonly seq: number;
	readonly at: number;
	readonly direction: Direction;
	readonly bytes: number;
	/** Which connection (1 for the first, 2 after the first reconnect …) carried it. */
	readonly connection: number;
	readonly topic: string;
	readonly event: string;
	readonly ref: PhoenixRef;
	readonly payload: unknown;
	/** For a reply: the request it answers. */
	readonly reply?: PairedRequest;
};

/** A received frame that could not be decoded. */
export type MalformedFrame = {
	readonly kind: 'malformed';
	readonly seq: number;
	readonly at: number;
	readonly direction: 'in';
	readonly bytes: number;
	readonly connection: number;
	/** What was wrong with it. */
	readonly error: string;
	/** The start of its text. */
	readonly text: string;
};

/** One websocket frame, in or out, as the traffic log keeps it. */
export type TrafficEntry = DecodedFrame | MalformedFrame;

/** How many frames the traffic log keeps. */
export const trafficCapacity = 1000;
