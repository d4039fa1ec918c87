import {Buffer} from 'node:buffer';
import {heartbeatTopic, phoenixEvents, type PhoenixMessage} from '../../protocol/phoenix-message.js';
import {Backoff} from '../backoff.js';
import type {TimerHandle} from '../clock.js';
import {Emitter} from '../emitter.js';
import {Store} from '../store.js';
import {heartbeatIntervalMs, rejectedTokenRetryMs} from '../frameio-rules.js';
import {ChannelJoin, noJoin} from './channel-join.js';
import {readDevicePush} from './device-push.js';
import {Heartbeat} from './heartbeat.js';
import {decodeFrame, encodeMessage, readReason, readReply} from './phoenix-codec.js';
import {PendingRequests} from './pending-requests.js';
import {SocketConnection, type ConnectionEnd} from './socket-connection.js';
import {initialSocketSnapshot, type DeviceSocketOptions, type ReconnectOutcome, type SocketEvent, type SocketSnapshot, type SocketState} from './socket-types.js';
import {buildSocketUrl, socketBase} from './socket-url.js';
import type {DecodedFrame, PairedRequest} from './traffic.js';

type Mutable<T> = {-readonly [Key in keyof T]: T[Key]};

/** A socket that has not finished its opening handshake by then is cut. */
export const handshakeTimeoutMs = 10_000;
/** A connection that stayed up this long (and answered a heartbeat) resets the reconnect backoff. */
export const stableAfterMs = 30_000;
/** Reconnect delays: 1 s doubling to 30 s, with jitter. */
export const reconnectBackoff = {minMs: 1000, maxMs: 30_000} as const;
/** Frames over this end the connection (ws closes with 1009); those over 1 MiB are only recorded. */
export const maxPayloadBytes = 16 * 1024 * 1024;

/**
The device websocket: connect with the token in the query, join `devices:<id>`, heartbeat every
15 s, pair replies to requests by ref, and on any close reconnect and start over with backoff.
*/
export class DeviceSocket {
	readonly events = new Emitter<SocketEvent>();
	readonly #options: DeviceSocketOptions;
	readonly #store: Store<SocketSnapshot>;
	readonly #backoff: Backoff;
	readonly #pending = new PendingRequests();
	#connection: SocketConnection | undefined;
	/** The token the current (or last) connection was opened with. */
	#tokenUsed = '';
	#heartbeat: Heartbeat | undefined;
	#join: ChannelJoin | undefined;
	#retryTimer: TimerHandle | undefined;
	#topic: string | undefined;
	#nextRef = 0;
	#seq = 0;
	#stopped = false;
	/** Counted per frame without copying the snapshot (a flood brings thousands a second); folded in when it is read. */
	readonly #counts: Mutable<Pick<SocketSnapshot, 'framesIn' | 'framesOut' | 'unknownEvents' | 'lastUnknownEvent'>> = {
		framesIn: 0, framesOut: 0, unknownEvents: 0, lastUnknownEvent: null,
	};

	#countsChanged = false;
	#merged: SocketSnapshot | undefined;
	#mergedBase: SocketSnapshot | undefined;

	constructor(options: DeviceSocketOptions) {
		this.#options = options;
		this.#backoff = options.backoff ?? new Backoff(reconnectBackoff);
		this.#store = new Store(initialSocketSnapshot(socketBase(options.apiUrl)));
	}

	readonly subscribe = (listener: () => void) => this.#store.subscribe(listener);

	/** The snapshot with the frame counts as they are now; the same object until something changes. */
	readonly getSnapshot = (): SocketSnapshot => {
		const base = this.#store.getSnapshot();
		if (base !== this.#mergedBase || this.#countsChanged || !this.#merged) {
			this.#merged = Object.freeze({...base, ...this.#counts});
			this.#mergedBase = base;
			this.#countsChanged = false;
		}

		return this.#merged;
	};

	/** Connect (or move) to a device channel. */
	connect(topic: string): void {
		if (!this.#stopped && topic !== this.#topic) {
			this.#topic = topic;
			this.#store.update({topic});
			this.#restart('switching device');
		}
	}

	/**
	Drop any connection or wait and connect again at once, with a fresh backoff. A rejected token is
	not retried faster than once a minute this way: only a new token does that.
	*/
	reconnectNow(): ReconnectOutcome {
		if (this.#stopped || !this.#topic) {
			return 'no-device';
		}

		if (this.#store.getSnapshot().state === 'rejected' && this.#options.getToken() === this.#tokenUsed) {
			return 'rejected';
		}

		this.#backoff.reset();
		this.#restart('reconnect requested');
		return 'now';
	}

	/** A new token may cure a rejection: retry at once instead of waiting out the slow retry. */
	tokenChanged(): void {
		const {state} = this.#store.getSnapshot();
		if (!this.#stopped && this.#topic && (state === 'rejected' || state === 'waiting' || state === 'connecting')) {
			this.#backoff.reset();
			this.#restart('token changed');
		}
	}

	/** Close with 1000 and release every timer; resolves once the socket is gone. */
	async stop(): Promise<void> {
		if (this.#stopped) {
			return;
		}

		this.#stopped = true;
		this.#options.clock.clearTimeout(this.#retryTimer);
		const connection = this.#connection;
		this.#teardown();
		if (connection) {
			await connection.close('monitor stopped');
			this.#update('closed', {lastClose: {code: 1000, reason: 'monitor stopped', at: this.#options.clock.now(), by: 'client'}, nextRetryAt: null});
		}

		this.#store.update({state: 'stopped', nextRetryAt: null});
		this.events.clear();
	}

	#restart(why: string): void {
		this.#options.clock.clearTimeout(this.#retryTimer);
		this.#retryTimer = undefined;
		const connection = this.#connection;
		this.#teardown();
		void connection?.close(why);
		this.#open();
	}

	#open(): void {
		const {clock} = this.#options;
		const previous = this.#store.getSnapshot();
		this.#tokenUsed = this.#options.getToken();
		const connection: SocketConnection = new SocketConnection({
			url: buildSocketUrl(this.#options.apiUrl, this.#tokenUsed),
			clock,
			handshakeTimeoutMs: this.#options.handshakeTimeoutMs ?? handshakeTimeoutMs,
			maxPayloadBytes: this.#options.maxPayloadBytes ?? maxPayloadBytes,
			onOpen: () => {
				this.#opened(connection);
			},
			onMessage: (data, isBinary) => {
				if (this.#connection === connection) {
					this.#received(data, isBinary);
				}
			},
			onError: message => {
				if (this.#connection === connection) {
					this.#store.update({lastError: this.#options.redact(message)});
				}
			},
			onEnd: end => {
				if (this.#connection === connection) {
					this.#ended(end);
				}
			},
		});
		this.#connection = connection;
		this.#update('connecting', {
			connections: previous.connections + 1, attempt: this.#backoff.attempts + 1, openedAt: null, nextRetryAt: null,
			reconnects: previous.connections > 0 ? previous.reconnects + 1 : 0,
		});
	}

	#opened(connection: SocketConnection): void {
		const topic = this.#topic;
		if (this.#connection !== connection || !topic) {
			return;
		}

		const {clock} = this.#options;
		const intervalMs = this.#options.heartbeatIntervalMs ?? heartbeatIntervalMs;
		this.#heartbeat = new Heartbeat({
			clock,
			intervalMs,
			send: () => this.#send(heartbeatTopic, phoenixEvents.heartbeat, ''),
			onDead() {
				connection.terminate(`heartbeat timeout: no reply within ${intervalMs / 1000} s`);
			},
			onChange: heartbeat => {
				this.#store.update({heartbeat});
			},
		}, this.#store.getSnapshot().heartbeat);
		this.#join = new ChannelJoin({
			clock,
			topic,
			sendJoin: () => this.#send(topic, phoenixEvents.join, ''),
			onChange: join => {
				const {state} = this.#store.getSnapshot();
				if (join.phase === 'joined' && state !== 'joined') {
					this.#update('joined', {join});
				} else if ((join.phase !== 'joined' && state === 'joined') || join.phase === 'errored') {
					// Lost, refused or timed out: worth a line of its own (NDJSON says why).
					this.#update('open', {join});
				} else {
					this.#store.update({join});
				}
			},
		});
		this.#update('open', {openedAt: clock.now(), rejection: null, lastError: null});
		this.#heartbeat.start();
		this.#join.join();
	}

	#ended(end: ConnectionEnd): void {
		const {clock, redact} = this.#options;
		const {openedAt} = this.#store.getSnapshot();
		const provenAlive = (this.#heartbeat?.answeredHere ?? 0) > 0;
		this.#teardown();
		const now = clock.now();
		// Stable: up for a while and proven alive by a heartbeat reply (a half-open link never is).
		if (openedAt !== null && provenAlive && now - openedAt >= (this.#options.stableAfterMs ?? stableAfterMs)) {
			this.#backoff.reset();
		}

		const lastClose = {code: end.code, reason: redact(end.reason), at: now, by: end.by};
		if (end.httpStatus === 401 || end.httpStatus === 403) {
			// The token changed while this attempt was under way: the new one deserves a try at once.
			const retryMs = this.#options.getToken() === this.#tokenUsed ? (this.#options.rejectedRetryMs ?? rejectedTokenRetryMs) : 0;
			const message = `the server refused the socket with HTTP ${end.httpStatus}: the token is missing, wrong or expired${end.httpMessage ? ` (${redact(end.httpMessage)})` : ''}`;
			this.#update('rejected', {rejection: {status: end.httpStatus, message, at: now}, nextRetryAt: now + retryMs, lastClose});
			this.#scheduleRetry(retryMs);
			// An owned token refreshes now; its change (tokenChanged) then retries at once.
			if (retryMs > 0) {
				this.#options.tokenRejected?.(this.#tokenUsed);
			}

			return;
		}

		this.#update('closed', {lastClose});
		const delay = this.#backoff.next();
		this.#update('waiting', {nextRetryAt: now + delay});
		this.#scheduleRetry(delay);
	}

	#scheduleRetry(delay: number): void {
		this.#retryTimer = this.#options.clock.setTimeout(() => {
			this.#retryTimer = undefined;
			this.#open();
		}, delay);
	}

	/** Forgets the connection with its heartbeat, channel and pending requests (the caller reports the new state). */
	#teardown(): void {
		this.#connection = undefined;
		this.#heartbeat?.stop();
		this.#heartbeat = undefined;
		this.#join?.reset();
		this.#join = undefined;
		this.#pending.clear();
		this.#store.update({join: noJoin});
	}

	#send(topic: string, event: string, payload: unknown): string {
		const ref = String(++this.#nextRef);
		const text = encodeMessage({topic, event, payload, ref});
		const at = this.#options.clock.now();
		const seq = ++this.#seq;
		this.#pending.add({ref, topic, event, sentAt: at, seq});
		this.#connection?.send(text);
		this.#counts.framesOut++;
		this.#counted();
		const {connections} = this.#store.getSnapshot();
		this.events.emit({type: 'frame', entry: {kind: 'frame', seq, at, direction: 'out', bytes: Buffer.byteLength(text), connection: connections, topic, event, ref, payload}});
		return ref;
	}

	#received(data: Buffer, isBinary: boolean): void {
		const at = this.#options.clock.now();
		this.#counts.framesIn++;
		this.#counted();
		const {connections} = this.#store.getSnapshot();
		const seq = ++this.#seq;
		const bytes = data.byteLength;
		const decoded = decodeFrame(data, isBinary);
		if (!decoded.ok) {
			const text = data.subarray(0, 200).toString('utf8');
			this.events.emit({type: 'frame', entry: {kind: 'malformed', seq, at, direction: 'in', bytes, connection: connections, error: decoded.detail, text}});
			this.#protocolError(decoded.detail, at);
			return;
		}

		const {message} = decoded;
		const entry: DecodedFrame = {kind: 'frame', seq, at, direction: 'in', bytes, connection: connections, topic: message.topic, event: message.event, ref: message.ref, payload: message.payload};
		if (message.event === phoenixEvents.reply) {
			this.#receivedReply(entry, message);
			return;
		}

		this.events.emit({type: 'frame', entry});
		const push = readDevicePush(message, this.#topic);
		switch (push.kind) {
			case 'status': {
				this.events.emit({type: 'status', value: push.value, at});

				break;
			}

			case 'invalid-status': {
				this.#protocolError(push.detail, at);

				break;
			}

			case 'channel-lost': {
				this.#join?.lost(push.why);

				break;
			}

			case 'unknown': {
				this.#counts.unknownEvents++;
				this.#counts.lastUnknownEvent = {at, topic: message.topic, event: message.event};
				this.#counted();
			}
		}
	}

	/** Pairs a reply with its request by ref; the frame is reported first, then the heartbeat or the join acts on it. */
	#receivedReply(entry: DecodedFrame, message: PhoenixMessage): void {
		const request = this.#pending.settle(message.ref);
		const reply = readReply(message.payload);
		const paired: PairedRequest | undefined = request && {
			status: reply?.status ?? null, requestEvent: request.event, requestTopic: request.topic, requestSeq: request.seq,
			latencyMs: Math.max(0, this.#options.clock.now() - request.sentAt),
		};
		this.events.emit({type: 'frame', entry: paired ? {...entry, reply: paired} : entry});
		if (request?.event === phoenixEvents.heartbeat) {
			this.#heartbeat?.replied(request.ref, request.sentAt);
		} else if (request?.event === phoenixEvents.join) {
			this.#join?.replied(request.ref, reply?.status ?? null, readReason(message.payload));
		}
	}

	#protocolError(detail: string, at: number): void {
		this.#store.update(previous => ({...previous, protocolErrors: previous.protocolErrors + 1, lastProtocolError: {at, detail}}));
		this.events.emit({type: 'protocol-error', detail, at});
	}

	/** A count changed: the next read folds it in, and subscribers hear of it (without a copy per frame). */
	#counted(): void {
		this.#countsChanged = true;
		this.#store.notify();
	}

	#update(state: SocketState, patch: Partial<SocketSnapshot>): void {
		this.#store.update({...patch, state});
		this.events.emit({type: 'state', snapshot: this.getSnapshot()});
	}
}
