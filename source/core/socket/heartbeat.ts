import type {Clock, TimerHandle} from '../clock.js';
import {heartbeatIntervalMs} from '../frameio-rules.js';

const rttSamples = 20;

/** One connection's heartbeats (a new connection starts from zero). */
export type HeartbeatStats = {
	readonly intervalMs: number;
	readonly sent: number;
	readonly answered: number;
	/** Heartbeats that got no reply before the next one was due: 1 ends the connection (SocketSnapshot.heartbeatTimeouts counts them all). */
	readonly timeouts: number;
	readonly lastSentAt: number | null;
	readonly lastReplyAt: number | null;
	readonly lastRttMs: number | null;
	/** Mean of the last 20 round trips. */
	readonly averageRttMs: number | null;
	/** The heartbeat in flight has not been answered yet. */
	readonly awaitingReply: boolean;
	readonly nextAt: number | null;
};

export const emptyHeartbeatStats: HeartbeatStats = {
	intervalMs: heartbeatIntervalMs, sent: 0, answered: 0, timeouts: 0, lastSentAt: null, lastReplyAt: null,
	lastRttMs: null, averageRttMs: null, awaitingReply: false, nextAt: null,
};

export type HeartbeatOptions = {
	readonly clock: Clock;
	readonly intervalMs?: number;
	/** Sends one heartbeat and returns its ref. */
	readonly send: () => string;
	/** The previous heartbeat is still unanswered when the next is due: the link is dead. */
	readonly onDead: () => void;
	readonly onChange: (stats: HeartbeatStats) => void;
};

/**
Sends a heartbeat every interval on one connection and measures each round trip; its stats are
that connection's. A heartbeat not
answered by the time the next is due (15 s) declares the link dead, so a silent half-open socket
is given up within two intervals of its last sign of life.
*/
export class Heartbeat {
	readonly #options: HeartbeatOptions;
	readonly #intervalMs: number;
	#stats: HeartbeatStats;
	#timer: TimerHandle | undefined;
	#pendingRef: string | undefined;
	#rtts: number[] = [];

	constructor(options: HeartbeatOptions) {
		this.#options = options;
		this.#intervalMs = options.intervalMs ?? heartbeatIntervalMs;
		this.#stats = {...emptyHeartbeatStats, intervalMs: this.#intervalMs};
	}

	get stats(): HeartbeatStats {
		return this.#stats;
	}

	start(): void {
		this.#scheduleNext();
	}

	stop(): void {
		this.#options.clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#pendingRef = undefined;
		this.#update({awaitingReply: false, nextAt: null});
	}

	/** A reply with this ref arrived; returns the round trip when it answered our heartbeat. */
	replied(ref: string, sentAt: number): number | undefined {
		if (ref !== this.#pendingRef) {
			return undefined;
		}

		const now = this.#options.clock.now();
		const rtt = Math.max(0, now - sentAt);
		this.#pendingRef = undefined;
		this.#rtts = [...this.#rtts.slice(-(rttSamples - 1)), rtt];
		const average = this.#rtts.reduce((sum, value) => sum + value, 0) / this.#rtts.length;
		this.#update({
			answered: this.#stats.answered + 1, lastReplyAt: now, lastRttMs: rtt,
			averageRttMs: Math.round(average * 10) / 10, awaitingReply: false,
		});
		return rtt;
	}

	#scheduleNext(): void {
		const {clock} = this.#options;
		this.#timer = clock.setTimeout(() => {
			this.#tick();
		}, this.#intervalMs);
		this.#update({nextAt: clock.now() + this.#intervalMs});
	}

	#tick(): void {
		this.#timer = undefined;
		if (this.#pendingRef !== undefined) {
			this.#pendingRef = undefined;
			this.#update({timeouts: this.#stats.timeouts + 1, awaitingReply: false, nextAt: null});
			this.#options.onDead();
			return;
		}

		const now = this.#options.clock.now();
		this.#pendingRef = this.#options.send();
		this.#update({sent: this.#stats.sent + 1, lastSentAt: now, awaitingReply: true});
		this.#scheduleNext();
	}

	#update(patch: Partial<HeartbeatStats>): void {
		this.#stats = {...this.#stats, ...patch};
		this.#options.onChange(this.#stats);
	}
}
