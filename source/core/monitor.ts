import {deviceTopic, type StatusUpdate} from '../protocol/phoenix-message.js';
import {systemClock, type Clock} from './clock.js';
import {CoalescedPublish, publishIntervalMs} from './coalesced-publish.js';
import {deriveStatus, unknownStatus, type DerivedStatus, type Observation} from './derive-status.js';
import {DeviceSocket} from './socket/device-socket.js';
import {Emitter} from './emitter.js';
import {HealthMonitor, type HealthCheck, type HealthSnapshot} from './health/health-monitor.js';
import {IdentityPoller, type IdentityResult, type IdentitySnapshot, type RefreshOutcome} from './identity/identity-poller.js';
import type {MonitorConfig} from './monitor-config.js';
import type {MonitorEvent} from './monitor-events.js';
import {IdentityStateFile, type RememberedEvent} from './state/identity-state-file.js';
import {createRedactor, type Redactor} from './token/redact.js';
import {RingBuffer} from './ring-buffer.js';
import type {ReconnectOutcome, SocketEvent, SocketSnapshot} from './socket/socket-types.js';
import {createApiClient} from './http/api-client.js';
import {createTokenSource} from './token/create-token-source.js';
import type {TokenSnapshot, TokenSource} from './token/token-source.js';
import {trafficCapacity, type TrafficEntry} from './socket/traffic.js';
import {describeError} from './utils/describe-error.js';

export {publishIntervalMs} from './coalesced-publish.js';

export type MonitorSnapshot = {
	readonly startedAt: number | null;
	readonly running: boolean;
	/** The API URL as configured (it never carries the token). */
	readonly apiUrl: string;
	readonly token: TokenSnapshot;
	readonly identity: IdentitySnapshot;
	readonly health: HealthSnapshot;
	readonly socket: SocketSnapshot;
	readonly status: DerivedStatus;
	/** The newest frames in and out, oldest first (at most 1,000). */
	readonly traffic: readonly TrafficEntry[];
	/**
	Why the per-device state file cannot be written (a read-only or full disk), or null: the 60 s rule
	then cannot hold across restarts and processes (issue 14.6).
	*/
	readonly stateProblem: string | null;
};

export type MonitorOptions = {
	readonly clock?: Clock;
	readonly fetch?: typeof fetch;
	/** Snapshots are published at most this often (default publishIntervalMs). */
	readonly coalesceMs?: number;
	/** Extra secrets to keep out of every message (a refresh token, a client secret). */
	readonly secrets?: readonly string[];
	/**
	Health checks shared with the other devices on the same API (a fleet's): Connected is about this
	machine reaching Frame.io, so fifty devices on one API make one check per interval, not fifty.
	*/
	readonly health?: HealthMonitor;
	/** No socket at all: /health and the identity only (`check --no-socket`). */
	readonly withoutSocket?: boolean;
	/** The token source to use instead of one made from the config (tests, the demo). */
	readonly tokenSource?: TokenSource;
	/** Overrides for the socket's timings (tests). */
	readonly socket?: {readonly handshakeTimeoutMs?: number; readonly rejectedRetryMs?: number; readonly heartbeatIntervalMs?: number};
};

/**
Composes the parts and owns the clock: token → identity → device socket, plus health, all folded
into one derived status. Commands (refresh, reconnect, stop) come in here, never to a part directly.
*/
export class Monitor {
	readonly events = new Emitter<MonitorEvent>();
	readonly redact: Redactor;
	readonly #clock: Clock;
	readonly #tokens: TokenSource;
	readonly #identity: IdentityPoller;
	readonly #health: HealthMonitor;
	/** False when the health checks are shared with other devices on the same API (a fleet starts and stops them). */
	readonly #ownsHealth: boolean;
	readonly #withoutSocket: boolean;
	readonly #socket: DeviceSocket;
	readonly #memory: IdentityStateFile | undefined;
	readonly #traffic = new RingBuffer<TrafficEntry>(trafficCapacity);
	readonly #listeners = new Set<() => void>();
	readonly #unsubscribe: Array<() => void> = [];
	#status: DerivedStatus = unknownStatus;
	#snapshot: MonitorSnapshot;
	readonly #publisher: CoalescedPublish;
	#startedAt: number | null = null;
	#running = false;

	constructor(readonly config: MonitorConfig, options: MonitorOptions = {}) {
		const clock = options.clock ?? systemClock;
		this.#clock = clock;
		this.#publisher = new CoalescedPublish(clock, options.coalesceMs ?? publishIntervalMs, () => {
			this.#publish();
		});
		const getToken = () => this.#tokens.getToken();
		const api = createApiClient({
			apiUrl: config.apiUrl,
			clientVersion: config.clientVersion,
			token: {getToken, rejected: async token => this.#tokens.rejected(token)},
			...(options.fetch ? {fetch: options.fetch} : {}),
		});
		this.#tokens = options.tokenSource ?? createTokenSource(config.token, {clock, client: api.open});
		this.redact = createRedactor(this.#secrets(options.secrets ?? []));
		this.#memory = config.statePath === undefined ? undefined : new IdentityStateFile(config.statePath);
		this.#identity = new IdentityPoller({
			clock, client: api.authorized, getToken,
			...(this.#memory ? {memory: this.#memory} : {}),
			onWarning: message => {
				this.#emit({type: 'error', at: clock.now(), message: this.redact(message)});
			},
		});
		this.#ownsHealth = options.health === undefined;
		this.#withoutSocket = options.withoutSocket ?? false;
		this.#health = options.health ?? new HealthMonitor({clock, client: api.open, intervalMs: config.healthIntervalMs});
		this.#socket = new DeviceSocket({
			clock, apiUrl: config.apiUrl, getToken, redact: this.redact, ...options.socket,
			tokenRejected: token => {
				void this.#tokens.rejected(token);
			},
		});
		this.#snapshot = this.#compose();
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	readonly getSnapshot = (): MonitorSnapshot => this.#snapshot;

	/**
	Reads the token (throws a TokenError when there is none) and starts every part. What the last run
	left in the state file is shown at once, marked as such, and its device id lets the socket join
	without waiting for a fresh identity.
	*/
	async start(): Promise<void> {
		if (this.#running) {
			return;
		}

		// The token's story from its first line on ('loaded').
		const unsubscribe = this.#tokens.events.on(event => {
			this.#emit({type: 'token', at: event.at, token: event, version: this.#tokens.getSnapshot().version});
		});
		try {
			await this.#tokens.load();
		} catch (error) {
			unsubscribe();
			throw error;
		}

		this.#unsubscribe.push(unsubscribe);
		const memory = await this.#memory?.read();
		this.#running = true;
		this.#startedAt = this.#clock.now();
		this.#wire();
		this.#emit({type: 'status', at: this.#clock.now(), status: this.#status});
		const {warning} = this.#tokens.getSnapshot();
		if (warning) {
			this.#emit({type: 'error', at: this.#clock.now(), message: this.redact(warning)});
		}

		if (memory?.identity) {
			this.#identityResult(this.#identity.recall(memory.identity));
		}

		// A pause (or resume) the last run saw after its last identity still stands until fresher evidence.
		const event = memory?.statusEvent;
		if (event && (!memory.identity || event.deviceId === memory.identity.identity.id)) {
			this.#observe({kind: 'status-event', value: event.value, at: event.at});
		}

		this.#tokens.start();
		if (this.#ownsHealth) {
			this.#health.start();
		}

		this.#identity.start();
		this.#publisher.now();
	}

	/** Closes the socket with 1000 and cancels every timer and request. */
	async stop(): Promise<void> {
		if (!this.#running) {
			return;
		}

		this.#running = false;
		this.#identity.stop();
		if (this.#ownsHealth) {
			this.#health.stop();
		}

		await Promise.all([this.#socket.stop(), this.#identity.flushed(), this.#tokens.stop(), this.#memory?.flushed()]);
		for (const unsubscribe of this.#unsubscribe.splice(0)) {
			unsubscribe();
		}

		this.#publisher.now();
	}

	/** Fetch the identity now if the 60 s rule allows, else as soon as it does. */
	refreshIdentity(): RefreshOutcome {
		return this.#identity.refresh();
	}

	/** Drop the socket (or stop waiting) and connect again now; a rejected token waits for its minute. */
	reconnect(): ReconnectOutcome {
		return this.#socket.reconnectNow();
	}

	/** The secrets to keep out of every line: each token seen, plus any given; the same array until one changes. */
	#secrets(extra: readonly string[]): () => readonly string[] {
		let tokens: readonly string[] | undefined;
		let all: readonly string[] = extra;
		return () => {
			const current = this.#tokens.secrets();
			if (current !== tokens) {
				tokens = current;
				all = [...current, ...extra];
			}

			return all;
		};
	}

	#identityResult(result: IdentityResult): void {
		this.#emit({type: 'identity', at: result.receivedAt, result});
		if (result.ok) {
			this.#observe({kind: 'identity', status: result.identity.status, requestedAt: result.requestedAt, receivedAt: result.receivedAt});
			if (!this.#withoutSocket) {
				this.#socket.connect(deviceTopic(result.identity.id));
			}
		}
	}

	#wire(): void {
		const dirty = () => {
			this.#publisher.schedule();
		};

		// The guide: fetch the identity after any token refresh; and a socket not joined tries the new token now.
		const tokenChanged = () => {
			this.#identity.tokenChanged();
			this.#socket.tokenChanged();
		};

		let healthFailing = false;
		const healthChecked = (check: HealthCheck) => {
			this.#emit({type: 'health', at: this.#clock.now(), check});
			this.#observe({kind: 'health', ok: check.ok, at: check.at});
			// Frame.io is reachable again: a refresh that failed on the network is tried now, not after its backoff.
			if (check.ok && healthFailing) {
				this.#tokens.networkRecovered();
			}

			healthFailing = !check.ok;
		};

		this.#unsubscribe.push(
			this.#tokens.subscribe(dirty),
			this.#identity.subscribe(dirty),
			this.#health.subscribe(dirty),
			this.#socket.subscribe(dirty),
			this.#tokens.changes.on(tokenChanged),
			this.#identity.results.on(result => {
				this.#identityResult(result);
			}),
			this.#health.checks.on(healthChecked),
			this.#socket.events.on(event => {
				this.#socketEvent(event);
			}),
		);
	}

	#socketEvent(event: SocketEvent): void {
		const at = this.#clock.now();
		switch (event.type) {
			case 'frame': {
				this.#traffic.push(event.entry);
				this.#emit({type: 'frame', at, entry: event.entry});
				this.#publisher.schedule();
				break;
			}

			case 'state': {
				const {snapshot} = event;
				this.#emit({type: 'socket', at, socket: snapshot});
				// Events may have been missed while the channel was down: reconcile through the identity (60 s rule still applies).
				if (snapshot.state === 'joined' && snapshot.connections > 1) {
					this.#identity.refresh();
				}

				// A close without a close frame (1006: the network, or a heartbeat left unanswered) may mean
				// Frame.io is out of reach: ask /health now rather than show "Connected: yes" beside it.
				if (snapshot.state === 'closed' && (snapshot.lastClose?.by === 'network' || snapshot.lastClose?.code === 1006)) {
					this.#health.checkSoon();
				}

				break;
			}

			case 'status': {
				this.#observe({kind: 'status-event', value: event.value, at: event.at});
				this.#identity.refresh();
				this.#rememberEvent(event.value, event.at);
				break;
			}

			case 'protocol-error': {
				this.#emit({type: 'error', at, message: this.redact(`protocol error: ${event.detail}`)});
				break;
			}
		}
	}

	/** Keeps the newest status event for the next run (and a `check`), which would otherwise miss it until its identity. */
	#rememberEvent(value: StatusUpdate, at: number): void {
		const deviceId = this.#identity.getSnapshot().identity?.id;
		if (!this.#memory || deviceId === undefined) {
			return;
		}

		void this.#saveEvent(this.#memory, {value, at, deviceId});
	}

	async #saveEvent(memory: IdentityStateFile, event: RememberedEvent): Promise<void> {
		try {
			await memory.rememberEvent(event);
		} catch (error) {
			this.#emit({type: 'error', at: this.#clock.now(), message: this.redact(`cannot keep the status event for the next run: ${describeError(error)}`)});
		}
	}

	#observe(observation: Observation): void {
		const next = deriveStatus(this.#status, observation);
		const changed = next.paused.value !== this.#status.paused.value || next.connected.value !== this.#status.connected.value;
		this.#status = next;
		if (changed) {
			this.#emit({type: 'status', at: this.#clock.now(), status: next});
		}

		this.#publisher.schedule();
	}

	#emit(event: MonitorEvent): void {
		this.events.emit(event);
	}

	#publish(): void {
		this.#snapshot = this.#compose();
		for (const listener of this.#listeners) {
			listener();
		}
	}

	#compose(): MonitorSnapshot {
		return Object.freeze({
			startedAt: this.#startedAt,
			running: this.#running,
			apiUrl: this.config.apiUrl.href.replace(/\/$/, ''),
			token: this.#tokens.getSnapshot(),
			identity: this.#identity.getSnapshot(),
			health: this.#health.getSnapshot(),
			socket: this.#socket.getSnapshot(),
			status: this.#status,
			traffic: this.#traffic.toArray(),
			stateProblem: null,
		});
	}
}
