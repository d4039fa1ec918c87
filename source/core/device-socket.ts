import {heartbeatTopic, maxFrameBytes, phoenixEvents, statusUpdatedEvent, type PhoenixMessage} from '../protocol/phoenix-message.js';
import {Backoff} from './backoff.js';
import {ChannelJoin} from './channel-join.js';
import type {Clock, TimerHandle} from './clock.js';
import {Emitter} from './emitter.js';
import {Heartbeat} from './heartbeat.js';
import {decodeMessage, encodeMessage, readReason, readReply} from './phoenix-codec.js';
import {PendingRequests} from './pending-requests.js';
import type {Redactor} from './redact.js';
import {SocketConnection, type ConnectionEnd} from './socket-connection.js';
import {initialSocketSnapshot, type SocketEvent, type SocketSnapshot, type SocketState} from './socket-snapshot.js';
import {buildSocketUrl, socketBase} from './socket-url.js';
import {Store} from './store.js';
import type {PairedRequest, TrafficEntry} from './traffic.js';

export type DeviceSocketOptions = {
	readonly clock: Clock;
	readonly apiUrl: URL;
	readonly getToken: () => string;
	readonly redact: Redactor;
	readonly handshakeTimeoutMs?: number;
	readonly heartbeatIntervalMs?: number;
	/** After a 403, wait this long before trying again (unless the token changes). */
	readonly rejectedRetryMs?: number;
	/** A connection that stayed up this long resets the reconnect backoff. */
	readonly stableAfterMs?: number;
	readonly backoff?: Backoff;
	/** Frames larger than this end the connection (close 1009); those over 1 MiB are only recorded. */
	readonly maxPayloadBytes?: number;
};

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
	#heartbeat: Heartbeat | undefined;
	#join: ChannelJoin | undefined;
	#retryTimer: TimerHandle | undefined;
	#topic: string | undefined;
	#nextRef = 0;
	#seq = 0;
	#stopped = false;

	constructor(options: DeviceSocketOptions) {
		this.#options = options;
		this.#backoff = options.backoff ?? new Backoff({minMs: 1000, maxMs: 30_000});
		this.#store = new Store(initialSocketSnapshot(socketBase(options.apiUrl)));
	}

	readonly subscribe = (listener: () => void) => this.#store.subscribe(listener);
	readonly getSnapshot = () => this.#store.getSnapshot();

	/** Connect (or move) to a device channel. */
	connect(topic: string): void {
		if (!this.#stopped && topic !== this.#topic) {
			this.#topic = topic;
			this.#store.update({topic});
			this.#restart('switching device');
		}
	}

	/** Drop any connection or wait and connect again at once, with a fresh backoff. */
	reconnectNow(): void {
		if (!this.#stopped && this.#topic) {
			this.#backoff.reset();
			this.#restart('reconnect requested');
		}
	}

	/** A new token may cure a rejection: retry at once instead of waiting out the slow retry. */
	tokenChanged(): void {
		const {state} = this.#store.getSnapshot();
		if (!this.#stopped && this.#topic && (state === 'rejected' || state === 'waiting')) {
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
		await connection?.close('monitor stopped');
		this.#update('closed', {lastClose: {code: 1000, reason: 'monitor stopped', at: this.#options.clock.now(), by: 'client'}, nextRetryAt: null});
		this.#store.update({state: 'stopped'});
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
		const connection: SocketConnection = new SocketConnection({
			url: buildSocketUrl(this.#options.apiUrl, this.#options.getToken()),
			clock,
			handshakeTimeoutMs: this.#options.handshakeTimeoutMs ?? 10_000,
			maxPayloadBytes: this.#options.maxPayloadBytes ?? 16 * 1024 * 1024,
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
		this.#heartbeat = new Heartbeat({
			clock,
			...(this.#options.heartbeatIntervalMs ? {intervalMs: this.#options.heartbeatIntervalMs} : {}),
			send: () => this.#send(heartbeatTopic, phoenixEvents.heartbeat, ''),
			onDead() {
				connection.terminate('heartbeat timeout: no reply within 15 s');
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
				} else if (join.phase !== 'joined' && state === 'joined') {
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
		this.#teardown();
		const now = clock.now();
		if (openedAt !== null && now - openedAt >= (this.#options.stableAfterMs ?? 30_000)) {
			this.#backoff.reset();
		}

		const lastClose = {code: end.code, reason: redact(end.reason), at: now, by: end.by};
		if (end.httpStatus === 401 || end.httpStatus === 403) {
			const retryMs = this.#options.rejectedRetryMs ?? 60_000;
			const message = `the server refused the socket with HTTP ${end.httpStatus}: the token is missing, wrong or expired${end.httpMessage ? ` (${redact(end.httpMessage)})` : ''}`;
			this.#update('rejected', {rejection: {status: end.httpStatus, message, at: now}, nextRetryAt: now + retryMs, lastClose});
			this.#scheduleRetry(retryMs);
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

	/** Forgets the connection with its heartbeat, channel and pending requests. */
	#teardown(): void {
		this.#connection = undefined;
		this.#heartbeat?.stop();
		this.#heartbeat = undefined;
		this.#join?.reset();
		this.#join = undefined;
		this.#pending.clear();
	}

	#send(topic: string, event: string, payload: unknown): string {
		const ref = String(++this.#nextRef);
		const text = encodeMessage({topic, event, payload, ref});
		const at = this.#options.clock.now();
		const seq = ++this.#seq;
		this.#pending.add({ref, topic, event, sentAt: at, seq});
		this.#connection?.send(text);
		const {connections} = this.#store.update(previous => ({...previous, framesOut: previous.framesOut + 1}));
		this.events.emit({type: 'frame', entry: {seq, at, direction: 'out', bytes: Buffer.byteLength(text), connection: connections, topic, event, ref, payload}});
		return ref;
	}

	#received(data: Buffer, isBinary: boolean): void {
		const at = this.#options.clock.now();
		const {connections} = this.#store.update(previous => ({...previous, framesIn: previous.framesIn + 1}));
		const base = {seq: ++this.#seq, at, direction: 'in' as const, bytes: data.byteLength, connection: connections};
		const decoded = isBinary
			? {ok: false as const, detail: 'binary frame (the device socket speaks JSON text)'}
			: decodeMessage(data.byteLength > maxFrameBytes ? '' : data.toString('utf8'), data.byteLength);
		if (!decoded.ok) {
			this.events.emit({type: 'frame', entry: {...base, topic: null, event: null, ref: null, payload: undefined, error: decoded.detail, text: data.subarray(0, 200).toString('utf8')}});
			this.#protocolError(decoded.detail, at);
			return;
		}

		const {message} = decoded;
		const entry: TrafficEntry = {...base, topic: message.topic, event: message.event, ref: message.ref, payload: message.payload};
		if (message.event === phoenixEvents.reply) {
			this.events.emit({type: 'frame', entry: {...entry, ...this.#pairReply(message)}});
			return;
		}

		this.events.emit({type: 'frame', entry});
		if (message.topic === this.#topic && message.event === statusUpdatedEvent) {
			if (message.payload === 'paused' || message.payload === 'resumed') {
				this.events.emit({type: 'status', value: message.payload, at});
			} else {
				this.#protocolError(`status_updated with payload ${JSON.stringify(message.payload) ?? 'undefined'}, not "paused" or "resumed"`.slice(0, 160), at);
			}
		} else if (message.topic === this.#topic && (message.event === phoenixEvents.error || message.event === phoenixEvents.close)) {
			const reason = readReason(message.payload);
			this.#join?.lost(`${message.event} from the server${reason ? `: ${reason}` : ''}`);
		} else {
			this.#store.update(previous => ({...previous, unknownEvents: previous.unknownEvents + 1, lastUnknownEvent: {at, topic: message.topic, event: message.event}}));
		}
	}

	/** Pairs a reply with its request by ref, and lets the heartbeat or the join act on it. */
	#pairReply(message: PhoenixMessage): {reply?: PairedRequest} {
		const request = this.#pending.settle(message.ref);
		if (!request) {
			return {};
		}

		const reply = readReply(message.payload);
		if (request.event === phoenixEvents.heartbeat) {
			this.#heartbeat?.replied(request.ref, request.sentAt);
		} else if (request.event === phoenixEvents.join) {
			this.#join?.replied(request.ref, reply?.status ?? null, readReason(message.payload));
		}

		const latencyMs = Math.max(0, this.#options.clock.now() - request.sentAt);
		return {reply: {status: reply?.status ?? null, requestEvent: request.event, requestTopic: request.topic, requestSeq: request.seq, latencyMs}};
	}

	#protocolError(detail: string, at: number): void {
		this.#store.update(previous => ({...previous, protocolErrors: previous.protocolErrors + 1, lastProtocolError: {at, detail}}));
		this.events.emit({type: 'protocol-error', detail, at});
	}

	#update(state: SocketState, patch: Partial<SocketSnapshot>): void {
		const snapshot = this.#store.update({...patch, state});
		this.events.emit({type: 'state', snapshot});
	}
}
