import {type Buffer} from 'node:buffer';
import type {Duplex} from 'node:stream';
import {WebSocket, type RawData} from 'ws';
import {deviceTopic, heartbeatTopic, phoenixEvents, type PhoenixMessage, type PhoenixRef} from '../../protocol/phoenix-message.js';
import {describeError} from '../../core/utils/describe-error.js';
import type {CloseKind} from '../audit/observation.js';
import type {TimerGroup} from '../timer-group.js';
import type {ConnectionState, EmulatorFaults, HeartbeatRecord} from '../types.js';
import {IdleWatch} from './idle-watch.js';
import {decodeFrame, encodeMessage, encodeReply} from './phoenix-frame.js';
import {ReplyOutbox} from './reply-outbox.js';

/** The connection's state keeps the most recent heartbeats only. */
export const maxHeartbeatRecords = 500;

export type ConnectionHooks = {
	/** A frame was received and processed (device activity). */
	onActivity(): void;
	onMalformed(connection: PhoenixConnection, reason: string): void;
	onClose(connection: PhoenixConnection, code: number, reason: string): void;
	/** Every message as received, before any fault decides what to make of it (the audit's). */
	onFrame?(connection: PhoenixConnection, data: RawData, isBinary: boolean): void;
	/** The connection began to close the socket itself: the idle timeout, or a protocol error ws closes on. */
	onEmulatorClose?(connection: PhoenixConnection, kind: CloseKind): void;
	/** The socket joined its device's topic. */
	onJoined?(connection: PhoenixConnection): void;
	log(line: string): void;
};

export type ConnectionOptions = {
	readonly id: number;
	readonly ws: WebSocket;
	/** The upgraded TCP socket under `ws`, for corking a batch of writes (the flood). */
	readonly socket?: Duplex;
	readonly deviceId: string;
	readonly idleTimeoutMs: number;
	readonly timers: TimerGroup;
	readonly faults: () => EmulatorFaults;
	readonly hooks: ConnectionHooks;
};

/** One device socket speaking Phoenix V1: joins, heartbeats, leaves, errors and the idle timeout. */
export class PhoenixConnection {
	readonly id: number;
	readonly deviceId: string;
	readonly connectedAt: number;
	readonly #ws: WebSocket;
	readonly #options: ConnectionOptions;
	readonly #outbox: ReplyOutbox;
	readonly #joined = new Set<string>();
	readonly #heartbeats: HeartbeatRecord[] = [];
	#lastReceivedAt: number;
	#framesIn = 0;
	#framesOut = 0;
	readonly #idleWatch: IdleWatch;

	constructor(options: ConnectionOptions) {
		this.#options = options;
		this.id = options.id;
		this.deviceId = options.deviceId;
		this.#ws = options.ws;
		this.connectedAt = options.timers.now();
		this.#lastReceivedAt = this.connectedAt;
		this.#outbox = new ReplyOutbox(text => this.#send(text), options.faults, options.timers);
		this.#ws.on('message', (data, isBinary) => {
			this.#guard(() => {
				this.#receive(data, isBinary);
			});
		});
		this.#ws.on('error', error => {
			// Ws closes the socket after any error it reports (1009 for a frame too big, 1007, 1002 …).
			options.hooks.log(`socket #${this.id} error: ${error.message}`);
			this.#guard(() => {
				options.hooks.onEmulatorClose?.(this, 'other');
			});
		});
		this.#ws.on('close', (code, reason) => {
			this.#guard(() => {
				this.#closed(code, reason.toString());
			});
		});
		this.#idleWatch = new IdleWatch(options.timers, options.idleTimeoutMs, () => this.#lastReceivedAt, idleFor => this.#idle(idleFor));
	}

	isJoined(topic: string): boolean {
		return this.#joined.has(topic);
	}

	get joinedTopics(): readonly string[] {
		return [...this.#joined];
	}

	/** A server push (ref null), sent at once; returns false when nothing could be sent. */
	sendEvent(topic: string, event: string, payload: unknown): boolean {
		return this.#send(encodeMessage({topic, event, payload, ref: null}));
	}

	/**
	Raw text or bytes, for the malformed-frame fault and the flood; `written` is called once the data
	has been written to the socket (or with the error). Returns false when nothing could be sent.
	*/
	sendRaw(data: string | Buffer, written?: (error?: Error) => void): boolean {
		return this.#send(data, written);
	}

	/** Bytes accepted by a send but not yet written to the socket (the flood's backpressure). */
	get bufferedAmount(): number {
		return this.#ws.bufferedAmount;
	}

	/** Holds writes back until `uncork()`, so a batch of frames goes out in one write. */
	cork(): void {
		this.#options.socket?.cork();
	}

	uncork(): void {
		this.#options.socket?.uncork();
	}

	/** Calls `listener` once the socket has closed (at once if it has); returns a function that removes it. */
	onClosed(listener: () => void): () => void {
		if (this.#ws.readyState === WebSocket.CLOSED) {
			listener();
			return () => undefined;
		}

		this.#ws.once('close', listener);
		return () => {
			this.#ws.off('close', listener);
		};
	}

	close(code: number, reason: string): void {
		this.#ws.close(code, reason);
	}

	terminate(): void {
		this.#ws.terminate();
	}

	state(): ConnectionState {
		return {
			id: this.id,
			deviceId: this.deviceId,
			connectedAt: this.connectedAt,
			lastReceivedAt: this.#lastReceivedAt,
			joinedTopics: this.joinedTopics,
			heartbeats: [...this.#heartbeats],
			framesIn: this.#framesIn,
			framesOut: this.#framesOut,
		};
	}

	#receive(data: RawData, isBinary: boolean): void {
		this.#options.hooks.onFrame?.(this, data, isBinary);
		if (this.#options.faults().halfOpen) {
			return;
		}

		this.#lastReceivedAt = this.#options.timers.now();
		this.#framesIn++;
		this.#options.hooks.onActivity();
		const decoded = decodeFrame(data, isBinary);
		if (decoded.kind === 'malformed') {
			this.#options.hooks.onMalformed(this, decoded.reason);
			if (decoded.topic !== undefined || decoded.ref !== undefined) {
				this.#reply(decoded.topic ?? heartbeatTopic, decoded.ref ?? null, 'error', {reason: `malformed message: ${decoded.reason}`});
			}

			return;
		}

		this.#dispatch(decoded.message);
	}

	#dispatch({topic, event, ref}: PhoenixMessage): void {
		if (topic === heartbeatTopic && event === phoenixEvents.heartbeat) {
			this.#heartbeats.push({at: this.#lastReceivedAt, ref});
			if (this.#heartbeats.length > maxHeartbeatRecords) {
				this.#heartbeats.shift();
			}

			if (!this.#options.faults().silentHeartbeats) {
				this.#reply(topic, ref, 'ok', {});
			}

			return;
		}

		if (event === phoenixEvents.join) {
			this.#join(topic, ref);
			return;
		}

		if (event === phoenixEvents.leave) {
			if (this.#joined.delete(topic)) {
				this.#options.hooks.log(`socket #${this.id} left ${topic}`);
			}

			this.#reply(topic, ref, 'ok', {});
			return;
		}

		this.#reply(topic, ref, 'error', {reason: this.#joined.has(topic) ? 'unhandled event' : 'unmatched topic'});
	}

	#join(topic: string, ref: PhoenixRef): void {
		if (this.#options.faults().refuseJoins) {
			// As a channel's join/3 refusing the device (Phoenix sends whatever the channel returns).
			this.#options.hooks.log(`socket #${this.id} join of ${topic} refused (fault)`);
			this.#reply(topic, ref, 'error', {reason: 'unauthorized'});
			return;
		}

		if (topic === deviceTopic(this.deviceId)) {
			if (this.#joined.has(topic)) {
				// Phoenix closes the old channel on a duplicate join, then joins anew.
				this.sendEvent(topic, phoenixEvents.close, {});
			}

			this.#joined.add(topic);
			this.#options.hooks.log(`socket #${this.id} joined ${topic}`);
			this.#options.hooks.onJoined?.(this);
			this.#reply(topic, ref, 'ok', {});
			return;
		}

		// Only the socket's own device topic is routed; any other topic is unmatched, as Phoenix answers.
		this.#options.hooks.log(`socket #${this.id} join of ${topic} refused: unmatched topic`);
		this.#reply(topic, ref, 'error', {reason: 'unmatched topic'});
	}

	#reply(topic: string, ref: PhoenixRef, status: 'ok' | 'error', response: unknown): void {
		this.#outbox.push(encodeReply(topic, ref, status, response));
	}

	#send(data: string | Buffer, written?: (error?: Error) => void): boolean {
		if (this.#options.faults().halfOpen || this.#ws.readyState !== WebSocket.OPEN) {
			return false;
		}

		if (written) {
			this.#ws.send(data, written);
		} else {
			this.#ws.send(data);
		}

		this.#framesOut++;
		return true;
	}

	#idle(idleForMs: number): boolean {
		if (this.#options.faults().halfOpen) {
			// Half-open sends nothing, not even a close frame.
			return false;
		}

		this.#options.hooks.log(`socket #${this.id} idle for ${Math.round(idleForMs / 1000)} s: closing`);
		this.#options.hooks.onEmulatorClose?.(this, 'idle');
		this.#ws.close(1000, 'idle timeout');
		return true;
	}

	#closed(code: number, reason: string): void {
		this.#idleWatch.stop();
		this.#outbox.close();
		this.#options.hooks.onClose(this, code, reason);
	}

	#guard(action: () => void): void {
		try {
			action();
		} catch (error) {
			this.#options.hooks.log(`socket #${this.id} handler failed: ${describeError(error)}`);
		}
	}
}
