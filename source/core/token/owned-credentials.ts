import type {KyInstance} from 'ky';
import {Backoff} from '../backoff.js';
import type {Clock, TimerHandle} from '../clock.js';
import {Emitter} from '../emitter.js';
import type {Credentials} from './credentials-file.js';
import {exchangeUnderLock, type ExchangeOutcome, failureVerdict, type RefreshFailure} from './credentials-exchange.js';
import type {CredentialsStore} from './credentials-store.js';
import {credentialsWatchMs, CredentialsWatch, type LookResult} from './credentials-watch.js';
import {clientOf, HeldPair} from './held-pair.js';
import {OwnedSnapshot} from './owned-snapshot.js';
import {isNewerPair} from './pair-order.js';
import {cannotSaveWords, PairPersistence} from './pair-persistence.js';
import {deadRefreshRetryMs, refreshDueAt, refreshRetryMaxMs} from './refresh-schedule.js';
import {SerialQueue} from './serial-queue.js';
import type {ClientCredentials, TokenEvent, TokenSource} from './token-source.js';

/** A token that a refusal made us fetch, refused again this soon, is not refreshed again: that would loop. */
const freshTokenMs = 10_000;

export type OwnedCredentialsOptions = {
	readonly store: CredentialsStore;
	readonly clock: Clock;
	/** The API's open ky instance (the token endpoint takes no bearer token). */
	readonly client: KyInstance;
	/** The client id and secret, when given apart from the file (environment, a secret file). */
	readonly override?: ClientCredentials;
	/** How often the file is looked at (default credentialsWatchMs). */
	readonly watchMs?: number;
};

/**
Credentials that `c2c-status pair` left, kept alive: the access token is refreshed ahead of expiry (and
at once when Frame.io refuses it). A refresh runs under the file's lock after reading the file again, so
that processes sharing the file never spend the same refresh token twice (the one that comes second
adopts what the first wrote), and only once a test write shows the new pair can be saved; the new pair is
written before it is used (credentials-exchange.ts). A pair that could not be written after all is held
in memory and written again (pair-persistence.ts); an older pair is never taken from the file (pair-order.ts).
*/
export class OwnedCredentials implements TokenSource {
	readonly changes = new Emitter<void>();
	readonly #options: OwnedCredentialsOptions;
	readonly #shown: OwnedSnapshot;
	readonly #backoff = new Backoff({minMs: 5000, maxMs: refreshRetryMaxMs});
	readonly #persistence: PairPersistence;
	readonly #held = new HeldPair();
	readonly #watch: CredentialsWatch;
	/** Every locked operation (a refresh, a write of an unsaved pair) runs after the one before. */
	readonly #queue = new SerialQueue();
	#refreshTimer: TimerHandle | undefined;
	#inFlight: Promise<boolean> | undefined;
	/** What the last refresh attempt failed on: the network (or a 5xx) is tried again at once when it recovers. */
	#lastFailure: 'network' | 'other' | undefined;
	/** When a refusal last led to a refresh. */
	#refreshedForRefusalAt: number | undefined;
	#running = false;
	/** Ends a wait for the lock when the source stops. */
	#abort = new AbortController();

	constructor(options: OwnedCredentialsOptions) {
		this.#options = options;
		const {clock, store} = options;
		this.#shown = new OwnedSnapshot(clock, store);
		this.#persistence = new PairPersistence({
			clock,
			changed: persistence => {
				this.#shown.persistence(persistence);
			},
			event: (event, error) => {
				this.#shown.event(event, error);
			},
			retry: () => {
				void this.#queue.run(async () => this.#writeAgain());
			},
		});
		this.#watch = new CredentialsWatch({clock, store, everyMs: options.watchMs ?? credentialsWatchMs, found: async result => this.#looked(result)});
	}

	get events(): Emitter<TokenEvent> {
		return this.#shown.events;
	}

	readonly subscribe = (listener: () => void) => this.#shown.subscribe(listener);
	readonly getSnapshot = () => this.#shown.getSnapshot();

	getToken(): string {
		return this.#held.credentials?.accessToken ?? '';
	}

	secrets(): readonly string[] {
		return this.#held.secrets;
	}

	async load(): Promise<void> {
		const credentials = await this.#options.store.read();
		this.#held.client = clientOf(credentials, this.#options.override ?? {}, this.#options.store.label);
		this.#accept(credentials);
		await this.#shown.checkWarning();
		this.#shown.event('loaded');
	}

	start(): void {
		const {credentials} = this.#held;
		if (this.#running || !credentials) {
			return;
		}

		this.#running = true;
		this.#abort = new AbortController();
		this.#scheduleRefresh(refreshDueAt(credentials.issuedAt, credentials.expiresAt));
		this.#watch.start();
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#abort.abort();
		this.#options.clock.clearTimeout(this.#refreshTimer);
		this.#refreshTimer = undefined;
		this.#watch.stop();
		this.#persistence.stop();
		// A refresh under way must finish writing the file: its refresh token is already spent.
		await this.#queue.idle();
		this.changes.clear();
		this.#shown.events.clear();
	}

	networkRecovered(): void {
		if (this.#running && this.#inFlight === undefined && this.#lastFailure === 'network' && this.#shown.refresh.phase === 'retrying') {
			void this.#refreshNow();
		}
	}

	async rejected(token: string): Promise<boolean> {
		const {credentials} = this.#held;
		if (!credentials || this.#shown.refresh.phase === 'pairing-needed') {
			return false;
		}

		if (token !== credentials.accessToken) {
			// A newer token is already in use: the request that failed carried an old one.
			return true;
		}

		if (this.#inFlight) {
			return this.#inFlight;
		}

		const now = this.#options.clock.now();
		if (this.#refreshedForRefusalAt !== undefined && now - this.#refreshedForRefusalAt < freshTokenMs) {
			return false;
		}

		this.#refreshedForRefusalAt = now;
		return this.#refreshNow();
	}

	#scheduleRefresh(at: number): void {
		const {clock} = this.#options;
		clock.clearTimeout(this.#refreshTimer);
		this.#refreshTimer = clock.setTimeout(() => {
			this.#refreshTimer = undefined;
			void this.#refreshNow();
		}, at - clock.now());
		this.#shown.updateRefresh({nextRefreshAt: at});
	}

	/** One refresh at a time; a second caller waits for the first. */
	async #refreshNow(): Promise<boolean> {
		this.#inFlight ??= this.#queue.run(async () => {
			try {
				return await this.#refreshOnce();
			} finally {
				this.#inFlight = undefined;
			}
		});
		return this.#inFlight;
	}

	async #refreshOnce(): Promise<boolean> {
		this.#options.clock.clearTimeout(this.#refreshTimer);
		this.#shown.updateRefresh({phase: 'refreshing', nextRefreshAt: null});
		this.#shown.event('refreshing');
		const outcome = await exchangeUnderLock({
			...this.#options, credentials: this.#held.client!, held: this.#held.credentials!, heldSaved: this.#persistence.unsaved === undefined,
			retired: this.#held.retired, lock: this.#shown.lockOptions(this.#abort.signal),
			beforeSpending: () => {
				this.#persistence.saved(true);
			},
		});
		this.#shown.updateRefresh({lockWait: null});
		return this.#settle(outcome);
	}

	#settle(outcome: ExchangeOutcome): boolean {
		switch (outcome.kind) {
			case 'failed': {
				if (this.#running) {
					this.#failed(outcome.error);
				}

				return false;
			}

			case 'cannot-save': {
				this.#lastFailure = 'other';
				this.#shown.updateRefresh({phase: 'retrying', lastError: cannotSaveWords(outcome.why)});
				const nextTryAt = this.#persistence.cannotSave(outcome.why);
				if (this.#running) {
					this.#scheduleRefresh(nextTryAt);
				}

				return false;
			}

			case 'adopted': {
				this.#take(outcome.credentials, 'changed');
				return true;
			}

			case 'refreshed': {
				if (outcome.saveError === undefined) {
					this.#persistence.saved(true);
				} else {
					this.#persistence.heldUnsaved(outcome.credentials, outcome.saveError);
				}

				this.#take(outcome.credentials, 'refreshed');
				return true;
			}
		}
	}

	#failed(error: RefreshFailure): void {
		const {clock} = this.#options;
		const {dead, network, message} = failureVerdict(error);
		this.#lastFailure = network ? 'network' : 'other';
		if (dead) {
			this.#shown.updateRefresh({phase: 'pairing-needed', lastError: message});
			this.#shown.event('pairing-needed', `pairing needed: run c2c-status pair (${message})`);
			this.#scheduleRefresh(clock.now() + deadRefreshRetryMs);
			return;
		}

		this.#shown.updateRefresh({phase: 'retrying', lastError: message});
		this.#shown.event('refresh-failed', message);
		this.#scheduleRefresh(clock.now() + this.#backoff.next());
	}

	/** A new pair in use: refreshed here (`refreshed`), or taken from the file (`changed`: another process's refresh, a new pairing). */
	#take(credentials: Credentials, event: 'refreshed' | 'changed'): void {
		this.#backoff.reset();
		this.#lastFailure = undefined;
		this.#accept(credentials);
		this.#shown.refreshed();
		this.#shown.event(event);
		if (this.#running) {
			this.#scheduleRefresh(refreshDueAt(credentials.issuedAt, credentials.expiresAt));
		}

		void this.#shown.checkWarning();
		this.changes.emit();
	}

	async #writeAgain(): Promise<void> {
		if (!this.#running) {
			return;
		}

		const newer = await this.#persistence.writeAgain(this.#options.store, this.#held.retired, this.#shown.lockOptions(this.#abort.signal));
		this.#shown.updateRefresh({lockWait: null});
		if (newer) {
			this.#persistence.saved(false);
			this.#take(newer, 'changed');
		} else {
			await this.#shown.checkWarning();
		}
	}

	/** Every few seconds: a newer pair another process wrote is taken at once; a file gone bad is said. */
	async #looked(result: LookResult): Promise<void> {
		this.#shown.readError(result.ok ? null : result.error);
		if (!result.ok) {
			return;
		}

		await this.#shown.checkWarning();
		const {credentials} = this.#held;
		if (this.#running && this.#inFlight === undefined && credentials && isNewerPair(result.credentials, credentials, this.#held.retired)) {
			// Another process refreshed (or the device was paired again): take its pair instead of spending ours.
			this.#persistence.saved(false);
			this.#take(result.credentials, 'changed');
		}
	}

	#accept(credentials: Credentials): void {
		this.#held.accept(credentials);
		this.#shown.accepted(credentials);
	}
}
