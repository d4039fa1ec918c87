import {Buffer} from 'node:buffer';
import {Backoff} from '../backoff.js';
import type {TimerHandle} from '../clock.js';
import {Emitter} from '../emitter.js';
import {rejectedTokenRetryMs} from '../frameio-rules.js';
import {noJoin} from './channel-join.js';
import {emptyHeartbeatStats} from './heartbeat.js';
import {encodeMessage} from './phoenix-codec.js';
import {SocketConnection, type ConnectionEnd} from './socket-connection.js';
import {SocketSession} from './socket-session.js';
import {SocketStore} from './socket-store.js';
import {type InboundContext, receiveFrame} from './socket-inbound.js';
import {type DeviceSocketOptions, type ReconnectOutcome, type SocketEvent, type SocketSnapshot, type SocketState} from './socket-types.js';
import {buildSocketUrl, socketBase} from './socket-url.js';

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
	readonly #store: SocketStore;
	readonly #backoff: Backoff;
	#connection: SocketConnection | undefined;
	/** The token the current (or last) connection was opened with. */
	#tokenUsed = '';
	/** The open connection's heartbeat, channel and pending requests. */
	#session: SocketSession | undefined;
	/** A heartbeat reply arrived on the current connection: it was alive. */
	#answered = false;
	#retryTimer: TimerHandle | undefined;
	#topic: string | undefined;
	#nextRef = 0;
	#seq = 0;
	#stopped = false;

	/** What handling a received frame needs (socket-inbound.ts). */
	readonly #inbound: InboundContext;

	constructor(options: DeviceSocketOptions) {
		this.#options = options;
		this.#backoff = options.backoff ?? new Backoff(reconnectBackoff);
		this.#store = new SocketStore(socketBase(options.apiUrl));
		this.#inbound = {
			clock: options.clock, store: this.#store, events: this.events,
			nextSeq: () => ++this.#seq,
			session: () => this.#session,
			topic: () => this.#topic,
		};
	}

	readonly subscribe = (listener: () => void) => this.#store.subscribe(listener);

	/** The snapshot with the frame counts as they are now; the same object until something changes. */
	readonly getSnapshot = (): SocketSnapshot => this.#store.getSnapshot();

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

		if (this.#store.state.state === 'rejected' && this.#options.getToken() === this.#tokenUsed) {
			return 'rejected';
		}

		this.#backoff.reset();
		this.#restart('reconnect requested');
		return 'now';
	}

	/**
	A new token (a refresh, a rewritten token file) may cure a rejection: connect at once, whatever the
	retry timer of a refused (403) or dropped connection says, with a fresh backoff.
	*/
	tokenChanged(): void {
		const {state} = this.#store.state;
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
		const previous = this.#store.state;
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
					receiveFrame(this.#inbound, data, isBinary);
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
		this.#answered = false;
		// Heartbeats are counted per connection: nothing of the last one is shown as this one's.
		const heartbeat = {...emptyHeartbeatStats, intervalMs: this.#options.heartbeatIntervalMs ?? emptyHeartbeatStats.intervalMs};
		this.#update('connecting', {
			connections: previous.connections + 1, attempt: this.#backoff.attempts + 1, openedAt: null, nextRetryAt: null,
			reconnects: previous.connections > 0 ? previous.reconnects + 1 : 0, heartbeat,
		});
	}

	#opened(connection: SocketConnection): void {
		const topic = this.#topic;
		if (this.#connection !== connection || !topic) {
			return;
		}

		const {clock} = this.#options;
		this.#session = new SocketSession({
			clock,
			topic,
			...(this.#options.heartbeatIntervalMs === undefined ? {} : {heartbeatIntervalMs: this.#options.heartbeatIntervalMs}),
			send: (messageTopic, event, payload) => this.#send(messageTopic, event, payload),
			onDead: reason => {
				this.#store.update(previous => ({...previous, heartbeatTimeouts: previous.heartbeatTimeouts + 1}));
				connection.terminate(reason);
			},
			onHeartbeat: heartbeat => {
				this.#answered ||= heartbeat.answered > 0;
				this.#store.update({heartbeat});
			},
			onJoin: join => {
				const {state} = this.#store.state;
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
		this.#session.start();
	}

	#ended(end: ConnectionEnd): void {
		const {clock, redact} = this.#options;
		const {openedAt} = this.#store.state;
		const provenAlive = this.#answered;
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

	/** Forgets the connection with its session (the caller reports the new state). */
	#teardown(): void {
		this.#connection = undefined;
		this.#session?.end();
		this.#session = undefined;
		this.#store.update(previous => ({...previous, join: noJoin, heartbeat: {...previous.heartbeat, awaitingReply: false, nextAt: null}}));
	}

	#send(topic: string, event: string, payload: unknown): {ref: string; seq: number} {
		const ref = String(++this.#nextRef);
		const text = encodeMessage({topic, event, payload, ref});
		const at = this.#options.clock.now();
		const seq = ++this.#seq;
		this.#connection?.send(text);
		this.#store.countFrame('out');
		const {connections} = this.#store.state;
		this.events.emit({type: 'frame', entry: {kind: 'frame', seq, at, direction: 'out', bytes: Buffer.byteLength(text), connection: connections, topic, event, ref, payload}});
		return {ref, seq};
	}

	#update(state: SocketState, patch: Partial<SocketSnapshot>): void {
		this.#store.update({...patch, state});
		this.events.emit({type: 'state', snapshot: this.getSnapshot()});
	}
}
