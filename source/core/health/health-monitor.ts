import type {KyInstance} from 'ky';
import type {Clock} from '../clock.js';
import {Emitter} from '../emitter.js';
import {errorBodyMessage} from '../http/error-body.js';
import {apiRequest} from '../http/api-request.js';
import type {RequestFailure} from '../http/request-failure.js';
import {RequestLoop} from '../http/request-loop.js';
import {Store} from '../store.js';
import {isRecord} from '../utils/is-record.js';

export const defaultHealthIntervalMs = 10_000;
export const healthTimeoutMs = 5000;
/** CheckSoon() does nothing within this long of the last check: a reconnect loop must not hammer /health. */
const minimumCheckGapMs = 2000;
/** Checks kept for the sparkline and the history: about 20 minutes at the default interval. */
export const healthHistoryLength = 120;

/** One GET /health: answered as documented, or failed (and why). */
export type HealthCheck =
	| {readonly ok: true; readonly at: number; readonly latencyMs: number}
	| {readonly ok: false; readonly at: number; readonly latencyMs: number; readonly failure: RequestFailure};

export type HealthSnapshot = {
	/** `checking` while a check is in flight (`last` is then the one before it). */
	readonly phase: 'idle' | 'checking' | 'ok' | 'down' | 'stopped';
	readonly last: HealthCheck | null;
	readonly lastSuccessAt: number | null;
	readonly lastFailure: HealthCheck | null;
	readonly consecutiveFailures: number;
	readonly history: readonly HealthCheck[];
	/** When the next check starts; null while one is in flight (see checkingSince) and once stopped. */
	readonly nextCheckAt: number | null;
	/** When the check in flight started; null when none is. */
	readonly checkingSince: number | null;
	readonly intervalMs: number;
};

export type HealthMonitorOptions = {
	readonly clock: Clock;
	/** The API's open ky instance (api-client.ts): /health needs no token. */
	readonly client: KyInstance;
	readonly intervalMs?: number;
	readonly timeoutMs?: number;
};

/**
Checks that Frame.io itself can be reached: `GET /health`, no auth, every interval, with a deadline.
Accepts both documented bodies, `{"ok": true}` and `{"status": "ok"}`.
*/
export class HealthMonitor {
	readonly checks = new Emitter<HealthCheck>();
	readonly #options: HealthMonitorOptions;
	readonly #store: Store<HealthSnapshot>;
	readonly #loop: RequestLoop;

	constructor(options: HealthMonitorOptions) {
		this.#options = options;
		this.#store = new Store<HealthSnapshot>({
			phase: 'idle', last: null, lastSuccessAt: null, lastFailure: null, consecutiveFailures: 0,
			history: [], nextCheckAt: null, checkingSince: null, intervalMs: options.intervalMs ?? defaultHealthIntervalMs,
		});
		this.#loop = new RequestLoop(options.clock, signal => {
			void this.#check(signal);
		});
	}

	readonly subscribe = (listener: () => void) => this.#store.subscribe(listener);
	readonly getSnapshot = () => this.#store.getSnapshot();

	start(): void {
		this.#loop.start();
	}

	/**
	Checks now instead of at the next interval (the socket just lost its connection), unless a check is
	under way or one finished moments ago.
	*/
	checkSoon(): void {
		const {last} = this.#store.getSnapshot();
		if (!this.#loop.busy && (last === null || this.#options.clock.now() - last.at >= minimumCheckGapMs)) {
			this.#loop.now();
		}
	}

	stop(): void {
		this.#loop.stop();
		this.checks.clear();
		this.#store.update({phase: 'stopped', nextCheckAt: null, checkingSince: null});
	}

	async #check(signal: AbortSignal): Promise<void> {
		const {clock, client} = this.#options;
		const startedAt = clock.now();
		this.#store.update({phase: 'checking', nextCheckAt: null, checkingSince: startedAt});
		const answer = await apiRequest(client, 'health', {clock, timeoutMs: this.#options.timeoutMs ?? healthTimeoutMs, signal});
		if (!this.#loop.finished(signal)) {
			return;
		}

		let failure: RequestFailure | undefined;
		if (!answer.ok) {
			failure = answer.failure;
		} else if (answer.status < 200 || answer.status > 299) {
			const detail = errorBodyMessage(answer.body);
			failure = {kind: 'http', status: answer.status, message: `HTTP ${answer.status}${detail ? `: ${detail}` : ''}`};
		} else if (!isHealthy(answer.body)) {
			failure = {kind: 'bad-body', status: answer.status, message: answer.bodyError ?? 'body is neither {"ok": true} nor {"status": "ok"}'};
		}

		this.#record(failure ? {ok: false, at: startedAt, latencyMs: answer.latencyMs, failure} : {ok: true, at: startedAt, latencyMs: answer.latencyMs});
	}

	#record(check: HealthCheck): void {
		const {clock} = this.#options;
		const {intervalMs} = this.#store.getSnapshot();
		const nextCheckAt = Math.max(check.at + intervalMs, clock.now());
		this.#store.update(previous => ({
			...previous,
			phase: check.ok ? 'ok' : 'down',
			last: check,
			lastSuccessAt: check.ok ? check.at : previous.lastSuccessAt,
			lastFailure: check.ok ? previous.lastFailure : check,
			consecutiveFailures: check.ok ? 0 : previous.consecutiveFailures + 1,
			history: [...previous.history.slice(-(healthHistoryLength - 1)), check],
			nextCheckAt,
			checkingSince: null,
		}));
		this.#loop.at(nextCheckAt);
		this.checks.emit(check);
	}
}

/** `{"ok": true}` (the status guide) or `{"status": "ok"}` (the API reference). */
export function isHealthy(body: unknown): boolean {
	return isRecord(body) && (body.ok === true || body.status === 'ok');
}
