import {unknownStatus, type DerivedStatus} from '../source/core/derive-status.js';
import {emptyHeartbeatStats} from '../source/core/socket/heartbeat.js';
import type {MonitorSnapshot} from '../source/core/monitor.js';
import {initialSocketSnapshot, type ReconnectOutcome} from '../source/core/socket/socket-types.js';
import {Store} from '../source/core/store.js';
import type {DecodedFrame, MalformedFrame} from '../source/core/socket/traffic.js';
import type {RefreshOutcome} from '../source/core/identity/identity-poller.js';
import type {RefreshState, TokenSnapshot} from '../source/core/token/token-source.js';
import type {FleetSnapshot} from '../source/core/fleet/fleet.js';
import type {MonitorSource} from '../source/ui/monitor/App.js';
import type {FleetSource} from '../source/ui/fleet/FleetApp.js';

export const baseTime = Date.parse('2026-11-27T10:00:00.000Z');

export function snapshot(overrides: Partial<MonitorSnapshot> = {}): MonitorSnapshot {
	return {
		startedAt: baseTime - 600_000,
		running: true,
		apiUrl: 'https://api.frame.io',
		token: {source: 'env', label: '$FRAMEIO_TOKEN', version: 1, changedAt: baseTime - 600_000, error: null, warning: null, expiresAt: null, refresh: null, persistence: {state: 'ok'}},
		identity: {
			phase: 'ok',
			origin: 'fetched',
			identity: {
				id: 'a7e95254-8cd6-4d59-b54d-28c58570a8de', name: 'Frameio-TEST-DEVICE', projectId: 'p1', projectName: 'Testbed', creatorName: 'Harry Potter', expiresAt: null, status: 'online',
			},
			problems: [], fetchedAt: baseTime - 12_000, lastAttemptAt: baseTime - 12_000, error: null, stale: false,
			nextFetchAt: baseTime + 48_000, nextAllowedAt: baseTime + 48_000, refreshQueued: false, requests: 10, waitingForOther: null,
		},
		health: {
			phase: 'ok', last: {at: baseTime - 3000, ok: true, latencyMs: 42}, lastSuccessAt: baseTime - 3000, lastFailure: null,
			consecutiveFailures: 0, history: [40, 42, 80, 41].map((latencyMs, index) => ({at: baseTime - ((4 - index) * 10_000), ok: true, latencyMs})),
			nextCheckAt: baseTime + 7000, checkingSince: null, intervalMs: 10_000,
		},
		socket: {
			...initialSocketSnapshot('wss://api.frame.io/devices/websocket'),
			state: 'joined', topic: 'devices:a7e95254-8cd6-4d59-b54d-28c58570a8de', connections: 3, attempt: 1, reconnects: 2,
			openedAt: baseTime - 312_000,
			join: {phase: 'joined', topic: 'devices:a7e95254-8cd6-4d59-b54d-28c58570a8de', joinedAt: baseTime - 312_000, lastError: null, attempts: 1, nextRejoinAt: null},
			heartbeat: {...emptyHeartbeatStats, sent: 20, answered: 20, lastSentAt: baseTime - 3000, lastReplyAt: baseTime - 2988, lastRttMs: 12, averageRttMs: 10.5, nextAt: baseTime + 12_000},
			lastClose: {code: 1006, reason: 'connection lost without a close frame', at: baseTime - 313_000, by: 'network'},
			framesIn: 24, framesOut: 22,
		},
		status: pausedStatus(false),
		traffic: [],
		stateProblem: null,
		...overrides,
	};
}

/** A token this process keeps alive (c2c-status pair's credentials): it expires in 7h 49m and is refreshed in 7h 39m. */
export function ownedToken(refresh: Partial<RefreshState> = {}, overrides: Partial<TokenSnapshot> = {}): TokenSnapshot {
	return {
		source: 'credentials', label: '/home/dit/.config/c2c-status/credentials.json', version: 3, changedAt: baseTime - 660_000, error: null, warning: null,
		expiresAt: baseTime + (((7 * 60) + 49) * 60_000),
		refresh: {phase: 'scheduled', nextRefreshAt: baseTime + (((7 * 60) + 39) * 60_000), lastRefreshAt: baseTime - 660_000, refreshes: 2, lastError: null, ...refresh},
		persistence: {state: 'ok'},
		...overrides,
	};
}

export function pausedStatus(paused: boolean | null, connected: boolean | null = true): DerivedStatus {
	return {
		paused: paused === null ? unknownStatus.paused : {value: paused, since: baseTime - 123_000, source: paused ? 'event' : 'identity', evidenceAt: baseTime - 123_000},
		connected: connected === null ? unknownStatus.connected : {value: connected, since: baseTime - 3_723_000, source: 'health', evidenceAt: baseTime - 3000},
		confidence: paused === null ? unknownStatus.confidence : {confirmed: true, confirmedAt: baseTime - 2988, reasons: [], lastEvidence: paused ? 'event' : 'identity'},
		identityStatus: {value: 'online', at: baseTime - 12_000},
		evidence: paused === null
			? unknownStatus.evidence
			: {
				joinedAt: baseTime - 312_000, covering: true, coveredUntil: null, identityAt: baseTime - 12_000, lastEvidence: paused ? 'event' : 'identity',
				socketTrouble: null, identityTrouble: null, sinceEarliest: paused ? baseTime - 123_000 : null,
			},
	};
}

let seq = 0;
export function frame(overrides: Partial<DecodedFrame> = {}): DecodedFrame {
	seq++;
	return {
		kind: 'frame', seq, at: baseTime - 1000, direction: 'in', bytes: 80, connection: 1,
		topic: 'phoenix', event: 'phx_reply', ref: String(seq), payload: {status: 'ok', response: {}}, ...overrides,
	};
}

/** A received frame that could not be decoded. */
export function malformedFrame(overrides: Partial<MalformedFrame> = {}): MalformedFrame {
	seq++;
	return {kind: 'malformed', seq, at: baseTime - 1000, direction: 'in', bytes: 12, connection: 1, error: 'frame is not JSON', text: 'not json', ...overrides};
}

/** Heartbeat pairs, as the log holds them. */
export function heartbeats(count: number): DecodedFrame[] {
	const entries: DecodedFrame[] = [];
	for (let index = 0; index < count; index++) {
		const out = frame({direction: 'out', event: 'heartbeat', payload: '', at: baseTime - ((count - index) * 15_000)});
		entries.push(out, frame({ref: out.ref, at: out.at + 12, reply: {status: 'ok', requestEvent: 'heartbeat', requestTopic: 'phoenix', requestSeq: out.seq, latencyMs: 12}}));
	}

	return entries;
}

/** A monitor stand-in for view tests: publish snapshots by hand and count commands. */
export class FakeMonitor implements MonitorSource {
	readonly store: Store<MonitorSnapshot>;
	refreshes = 0;
	reconnects = 0;
	refreshOutcome: RefreshOutcome = 'queued';
	reconnectOutcome: ReconnectOutcome = 'now';
	/** What the fake monitor keeps off the screen. */
	secret = 'fake-secret-token';

	constructor(initial: MonitorSnapshot = snapshot()) {
		this.store = new Store(initial);
	}

	readonly subscribe = (listener: () => void) => this.store.subscribe(listener);
	readonly getSnapshot = () => this.store.getSnapshot();

	publish(patch: Partial<MonitorSnapshot>): void {
		this.store.update(patch);
	}

	readonly redact = (text: string) => text.replaceAll(this.secret, '[redacted]');

	refreshIdentity() {
		this.refreshes++;
		return this.refreshOutcome;
	}

	reconnect() {
		this.reconnects++;
		return this.reconnectOutcome;
	}
}

/**
A fleet stand-in for view tests: one FakeMonitor per device, published to by hand; the fleet's
snapshot follows each monitor's at once (no coalescing), and its redactor takes out every device's secret.
*/
export class FakeFleet implements FleetSource {
	readonly devices: ReadonlyArray<{readonly name: string; readonly monitor: FakeMonitor}>;
	readonly #listeners = new Set<() => void>();
	#snapshot: FleetSnapshot;

	constructor(devices: ReadonlyArray<{readonly name: string; readonly snapshot?: MonitorSnapshot}>) {
		this.devices = devices.map(({name, snapshot: initial}) => ({name, monitor: new FakeMonitor(initial)}));
		this.#snapshot = this.#compose();
		for (const {monitor} of this.devices) {
			monitor.subscribe(() => {
				this.#snapshot = this.#compose();
				for (const listener of this.#listeners) {
					listener();
				}
			});
		}
	}

	readonly subscribe = (listener: () => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	readonly getSnapshot = () => this.#snapshot;

	readonly redact = (text: string) => {
		let result = text;
		for (const {monitor} of this.devices) {
			result = monitor.redact(result);
		}

		return result;
	};

	/** The device's monitor, by name. */
	monitor(name: string): FakeMonitor {
		const device = this.devices.find(candidate => candidate.name === name);
		if (!device) {
			throw new Error(`no device ${name}`);
		}

		return device.monitor;
	}

	#compose(): FleetSnapshot {
		return {devices: this.devices.map(({name, monitor}) => ({name, snapshot: monitor.getSnapshot()}))};
	}
}
