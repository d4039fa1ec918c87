import type {PhoenixRef} from '../../protocol/phoenix-message.js';

export type Direction = 'in' | 'out';

/** A reply paired to the request that carried the same ref. */
export type PairedRequest = {
	readonly status: string | null;
	readonly requestEvent: string;
	readonly requestTopic: string;
	readonly requestSeq: number;
	readonly latencyMs: number;
};

/** One websocket frame, in or out, as the traffic log keeps it. */
export type TrafficEntry = {
	/** Increases by one per frame for the life of the monitor. */
	readonly seq: number;
	readonly at: number;
	readonly direction: Direction;
	readonly bytes: number;
	/** Which connection (1 for the first, 2 after the first reconnect …) carried it. */
	readonly connection: number;
	readonly topic: string | null;
	readonly event: string | null;
	readonly ref: PhoenixRef;
	/** The parsed payload; undefined for a frame that could not be decoded. */
	readonly payload: unknown;
	/** For a frame that could not be decoded: what was wrong with it. */
	readonly error?: string;
	/** For a frame that could not be decoded: the start of its text. */
	readonly text?: string;
	/** For a reply: the request it answers. */
	readonly reply?: PairedRequest;
};

/** How many frames the traffic log keeps. */
export const trafficCapacity = 1000;
