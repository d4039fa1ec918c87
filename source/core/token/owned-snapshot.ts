import type {Clock} from '../clock.js';
import {Emitter} from '../emitter.js';
import {Store} from '../store.js';
import type {Credentials} from './credentials-file.js';
import type {LockOptions} from './credentials-lock.js';
import type {CredentialsStore} from './credentials-store.js';
import {persistenceOk, type RefreshState, type TokenEvent, type TokenPersistence, type TokenSnapshot} from './token-source.js';

/** What an owned source shows: its snapshot (for views) and its story as token events (for NDJSON, check). */
export class OwnedSnapshot {
	readonly events = new Emitter<TokenEvent>();
	readonly #store: Store<TokenSnapshot>;
	readonly #clock: Clock;
	readonly #credentialsStore: CredentialsStore;
	#expiresAt: number | null = null;

	constructor(clock: Clock, store: CredentialsStore) {
		this.#clock = clock;
		this.#credentialsStore = store;
		this.#store = new Store<TokenSnapshot>({
			source: 'credentials', label: store.label, version: 0, changedAt: null, error: null, warning: null, expiresAt: null,
			refresh: {phase: 'scheduled', nextRefreshAt: null, lastRefreshAt: null, refreshes: 0, lastError: null, lockWait: null},
			persistence: persistenceOk,
		});
	}

	readonly subscribe = (listener: () => void) => this.#store.subscribe(listener);
	readonly getSnapshot = () => this.#store.getSnapshot();

	get refresh(): RefreshState {
		return this.#store.getSnapshot().refresh!;
	}

	updateRefresh(patch: Partial<RefreshState>): void {
		this.#store.update(previous => ({...previous, refresh: {...previous.refresh!, ...patch}}));
	}

	/** A new pair is in use: one version on. */
	accepted(credentials: Credentials): void {
		this.#expiresAt = credentials.expiresAt;
		this.#store.update(snapshot => ({...snapshot, version: snapshot.version + 1, changedAt: this.#clock.now(), expiresAt: credentials.expiresAt}));
	}

	/** A refreshed pair was taken: the refresh is scheduled again, one more counted. */
	refreshed(): void {
		this.updateRefresh({phase: 'scheduled', lastRefreshAt: this.#clock.now(), refreshes: this.refresh.refreshes + 1, lastError: null});
	}

	persistence(persistence: TokenPersistence): void {
		this.#store.update({persistence});
	}

	/** Why the file could not be read on the latest look (null: it could). */
	readError(error: string | null): void {
		if (error !== this.#store.getSnapshot().error) {
			this.#store.update({error});
		}
	}

	/** The file's mode is looked at after every read and write: a warning goes once the file is 0600 again. */
	async checkWarning(): Promise<void> {
		const warning = await this.#credentialsStore.warning();
		if (warning !== this.#store.getSnapshot().warning) {
			this.#store.update({warning});
		}
	}

	/** Lock options that show the wait for another process's lock as it happens. */
	lockOptions(signal: AbortSignal): LockOptions {
		return {
			signal,
			onWait: ({since, staleMs}) => {
				// When the wait began (it is reported a second on), on this source's clock.
				this.updateRefresh({lockWait: {since: this.#clock.now() - Math.max(0, Date.now() - since), staleMs}});
				this.event('waiting-for-lock', `waiting for the lock on the credentials file, held by another process (taken over if not renewed for ${staleMs / 1000} s)`);
			},
		};
	}

	event(event: TokenEvent['event'], error?: string): void {
		this.events.emit({event, at: this.#clock.now(), source: 'credentials', expiresAt: this.#expiresAt, ...(error === undefined ? {} : {error})});
	}
}
