import {heartbeatTopic, phoenixEvents, type PhoenixRef} from '../../protocol/phoenix-message.js';
import type {Clock} from '../clock.js';
import {heartbeatIntervalMs} from '../frameio-rules.js';
import {ChannelJoin, type JoinState} from './channel-join.js';
import {Heartbeat, type HeartbeatStats} from './heartbeat.js';
import {type PendingRequest, PendingRequests} from './pending-requests.js';

export type SocketSessionOptions = {
	readonly clock: Clock;
	readonly topic: string;
	readonly heartbeatIntervalMs?: number;
	/** Sends one message; returns its ref and the sequence number the socket gave its frame. */
	readonly send: (topic: string, event: string, payload: unknown) => {readonly ref: string; readonly seq: number};
	/** A heartbeat went unanswered until the next was due: the link is dead. */
	readonly onDead: (reason: string) => void;
	/** This connection's heartbeat stats changed. */
	readonly onHeartbeat: (stats: HeartbeatStats) => void;
	/** This connection's channel changed. */
	readonly onJoin: (join: JoinState) => void;
};

/**
What lives as long as one open connection and no longer: the heartbeat and its stats, the device
channel's join, and the requests waiting for their replies. Every connection starts a new one, so
nothing of an earlier connection (a reply long ago, a heartbeat it left unanswered) is shown as this one's.
*/
export class SocketSession {
	readonly heartbeat: Heartbeat;
	readonly join: ChannelJoin;
	readonly #pending = new PendingRequests();
	readonly #options: SocketSessionOptions;

	constructor(options: SocketSessionOptions) {
		this.#options = options;
		const {clock, topic} = options;
		const intervalMs = options.heartbeatIntervalMs ?? heartbeatIntervalMs;
		this.heartbeat = new Heartbeat({
			clock,
			intervalMs,
			send: () => this.#request(heartbeatTopic, phoenixEvents.heartbeat),
			onDead() {
				options.onDead(`heartbeat timeout: no reply within ${intervalMs / 1000} s`);
			},
			onChange: options.onHeartbeat,
		});
		this.join = new ChannelJoin({
			clock,
			topic,
			sendJoin: () => this.#request(topic, phoenixEvents.join),
			onChange: options.onJoin,
		});
	}

	/** Heartbeats start, and the channel is joined. */
	start(): void {
		this.heartbeat.start();
		this.join.join();
	}

	/** The request a reply answers (by its ref), no longer pending; undefined for an unknown or repeated ref. */
	settle(ref: PhoenixRef): PendingRequest | undefined {
		return this.#pending.settle(ref);
	}

	/** After the reply's frame is reported: the heartbeat or the join acts on it. */
	replied(request: PendingRequest, status: string | null, reason: string | undefined): void {
		if (request.event === phoenixEvents.heartbeat) {
			this.heartbeat.replied(request.ref, request.sentAt);
		} else if (request.event === phoenixEvents.join) {
			this.join.replied(request.ref, status, reason);
		}
	}

	/** The connection is gone: every timer stops, quietly (the socket reports the close). */
	end(): void {
		this.heartbeat.stop();
		this.join.reset();
		this.#pending.clear();
	}

	#request(topic: string, event: string): string {
		const sentAt = this.#options.clock.now();
		const {ref, seq} = this.#options.send(topic, event, '');
		this.#pending.add({ref, topic, event, sentAt, seq});
		return ref;
	}
}
