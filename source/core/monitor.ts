import {systemClock, type Clock} from './clock.js';
import type {DerivedStatus} from './derive-status.js';
import type {MonitorOptions, MonitorSnapshot} from './monitor-types.js';
import {CoalescedPublish, publishIntervalMs} from './coalesced-publish.js';
import {DeviceSocket} from './socket/device-socket.js';
import {Emitter} from './emitter.js';
import {HealthMonitor} from './health/health-monitor.js';
import {IdentityPoller, type RefreshOutcome} from './identity/identity-poller.js';
import type {MonitorConfig} from './monitor-config.js';
import type {MonitorEvent} from './monitor-events.js';
import {channelObservation, StatusKeeper} from './monitor-status.js';
import {identityArrived, type MonitorParts, wireMonitor} from './monitor-wiring.js';
import {IdentityStateFile} from './state/identity-state-file.js';
import {createRedactor, type Redactor} from './token/redact.js';
import {RingBuffer} from './utils/ring-buffer.js';
import type {ReconnectOutcome} from './socket/socket-types.js';
import {createApiClient} from './http/api-client.js';
import {createTokenSource} from './token/create-token-source.js';
import type {TokenSource} from './token/token-source.js';
import {trafficCapacity, type TrafficEntry} from './socket/traffic.js';

export {publishIntervalMs} from './coalesced-publish.js';

export type {MonitorOptions, MonitorSnapshot} from './monitor-types.js';

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
	readonly #status: StatusKeeper;
	#stateProblem: string | null = null;
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
		this.#status = new StatusKeeper({
			clock,
			emit: event => {
				this.#emit(event);
			},
			changed: () => {
				this.#publisher.schedule();
			},
		});
		const onProblem = (problem: string | null) => {
			this.#stateProblemChanged(problem);
		};

		this.#memory = config.statePath === undefined ? undefined : new IdentityStateFile(config.statePath, {onProblem});
		this.#identity = new IdentityPoller({clock, client: api.authorized, getToken, ...(this.#memory ? {memory: this.#memory} : {})});
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

	/** The derived status as it stands this moment (the snapshot's may be up to one publish interval behind): for `check`'s verdict. */
	getStatus(): DerivedStatus {
		return this.#status.status;
	}

	/**
	Reads the token (throws a TokenError when there is none) and starts every part. What the last run
	left in the state file is shown at once, marked as such, and its device id lets the socket join
	without waiting for a fresh identity. The first `status` event already weighs it (the last identity,
	and a status_updated event seen after it): a restart during a pause never says "not paused" first.
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
		this.#status.begin();
		const parts = this.#parts();
		this.#unsubscribe.push(...wireMonitor(parts));
		if (memory?.identity) {
			identityArrived(parts, this.#identity.recall(memory.identity));
		}

		// A pause (or resume) the last run saw after its last identity still stands until fresher evidence.
		const event = memory?.statusEvent;
		if (event && (!memory.identity || event.deviceId === memory.identity.identity.id)) {
			this.#status.observe({kind: 'status-event', value: event.value, at: event.at});
		}

		this.#status.observe(channelObservation(this.#socket.getSnapshot(), this.#withoutSocket, this.#clock.now()));
		this.#status.announce();
		const {warning} = this.#tokens.getSnapshot();
		if (warning) {
			this.#emit({type: 'error', at: this.#clock.now(), message: this.redact(warning)});
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
		this.#status.stop();
		if (this.#ownsHealth) {
			this.#health.stop();
		}

		await Promise.all([this.#socket.stop(), this.#identity.flushed(), this.#tokens.stop(), this.#memory?.flushed()]);
		for (const unsubscribe of this.#unsubscribe.splice(0)) {
			unsubscribe();
		}

		this.#publisher.now();
	}

	/**
	Resolves once the state file's reads and writes asked for so far are done (stopping waits for them
	too): on the manual clock, tests wait for it before moving time on, as the file's lock is real I/O.
	*/
	async settled(): Promise<void> {
		await this.#memory?.flushed();
		await this.#identity.flushed();
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

	#parts(): MonitorParts {
		return {
			clock: this.#clock, tokens: this.#tokens, identity: this.#identity, health: this.#health, socket: this.#socket, status: this.#status,
			memory: this.#memory, traffic: this.#traffic, withoutSocket: this.#withoutSocket, redact: this.redact,
			emit: event => {
				this.#emit(event);
			},
			changed: () => {
				this.#publisher.schedule();
			},
		};
	}

	#stateProblemChanged(problem: string | null): void {
		this.#stateProblem = problem === null ? null : this.redact(problem);
		this.#emit({type: 'state', at: this.#clock.now(), problem: this.#stateProblem});
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
			status: this.#status.status,
			traffic: this.#traffic.toArray(),
			stateProblem: this.#stateProblem,
		});
	}
}
