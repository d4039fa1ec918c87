import {Backoff} from '../backoff.js';
import type {Clock, TimerHandle} from '../clock.js';
import {type Credentials, whyFileFailed} from './credentials-file.js';
import {saveUnderLock} from './credentials-exchange.js';
import type {LockOptions} from './credentials-lock.js';
import type {CredentialsStore} from './credentials-store.js';
import {persistenceOk, type TokenPersistence} from './token-source.js';

/** Saving is tried again 2 s, 4 s … then every 30 s: a full disk is usually freed by a person, within minutes. */
export const saveRetryMinMs = 2000;
export const saveRetryMaxMs = 30_000;

export type PairPersistenceOptions = {
	readonly clock: Clock;
	/** The state changed: fold it into the snapshot. */
	readonly changed: (persistence: TokenPersistence) => void;
	/** A token event for NDJSON (`cannot-save`, `unsaved`, `saved`). */
	readonly event: (event: 'cannot-save' | 'unsaved' | 'saved', error?: string) => void;
	/** Time to write the unsaved pair again (the owner runs it in turn with its refreshes, and calls saved() or stillUnsaved()). */
	readonly retry: () => void;
};

/**
Whether the pair in use is on disk, and what is done while it is not:
- cannot-save: a refresh was held back because the new pair could not have been saved (the test write of
  its size failed): no refresh token is spent, the current token stays in use while it lasts, and the
  refresh is tried again at nextTryAt (the owner schedules it);
- unsaved: a refresh succeeded but its pair could not be written: it is held in memory (the file's pair is
  spent and is never taken back), and the write is tried again at nextTryAt, with backoff.
*/
export class PairPersistence {
	readonly #options: PairPersistenceOptions;
	readonly #backoff = new Backoff({minMs: saveRetryMinMs, maxMs: saveRetryMaxMs});
	#state: TokenPersistence = persistenceOk;
	#unsaved: Credentials | undefined;
	#timer: TimerHandle | undefined;

	constructor(options: PairPersistenceOptions) {
		this.#options = options;
	}

	get state(): TokenPersistence {
		return this.#state;
	}

	/**
	Writes the unsaved pair again, under the lock (the `saved` event when it lands). Returns a newer pair
	found in the file instead (a new pairing), for the owner to take; then nothing is written.
	*/
	async writeAgain(store: CredentialsStore, retired: ReadonlySet<string>, lock: LockOptions): Promise<Credentials | undefined> {
		const held = this.#unsaved;
		if (!held) {
			return undefined;
		}

		try {
			const {adopted} = await saveUnderLock(store, held, retired, lock);
			if (!adopted) {
				this.saved(true);
			}

			return adopted;
		} catch (error) {
			this.#stillUnsaved(whyFileFailed(error, 'the credentials path'));
			return undefined;
		}
	}

	/** The refreshed pair that could not be written, while it is held in memory only. */
	get unsaved(): Credentials | undefined {
		return this.#unsaved;
	}

	/**
	A refresh was held back because the new pair could not have been saved; `why` is the reason alone
	("no space left on device"), as the persistence state keeps it; the event says the whole sentence.
	Returns when to try again. While an unsaved pair is held it stays the state to show (it is the worse:
	a restart now would need pairing), and the refresh follows its next write.
	*/
	cannotSave(why: string): number {
		const error = cannotSaveWords(why);
		const now = this.#options.clock.now();
		if (this.#state.state === 'unsaved') {
			this.#options.event('cannot-save', error);
			return this.#state.nextTryAt ?? now;
		}

		const nextTryAt = now + this.#backoff.next();
		const since = this.#state.state === 'cannot-save' ? this.#state.since : now;
		this.#set({state: 'cannot-save', error: why, since, nextTryAt});
		this.#options.event('cannot-save', error);
		return nextTryAt;
	}

	/** A refreshed pair could not be written: hold it, say so, and write it again with backoff. */
	heldUnsaved(credentials: Credentials, why: string): void {
		const now = this.#options.clock.now();
		this.#unsaved = credentials;
		this.#backoff.reset();
		this.#set({state: 'unsaved', error: why, since: now, nextTryAt: this.#schedule()});
		this.#options.event('unsaved', unsavedWords(why));
	}

	/**
	The pair in use is on disk: written (`written`, the `saved` event), or taken from the file (a newer
	pair another process or a new pairing left). Back to ok.
	*/
	saved(written: boolean): void {
		this.#options.clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#unsaved = undefined;
		this.#backoff.reset();
		if (this.#state.state !== 'ok') {
			this.#set(persistenceOk);
			if (written) {
				this.#options.event('saved');
			}
		}
	}

	stop(): void {
		this.#options.clock.clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	#stillUnsaved(why: string): void {
		if (this.#state.state !== 'unsaved') {
			return;
		}

		this.#set({...this.#state, error: why, nextTryAt: this.#schedule()});
	}

	#schedule(): number {
		const {clock} = this.#options;
		const delay = this.#backoff.next();
		clock.clearTimeout(this.#timer);
		this.#timer = clock.setTimeout(() => {
			this.#timer = undefined;
			this.#options.retry();
		}, delay);
		return clock.now() + delay;
	}

	#set(state: TokenPersistence): void {
		this.#state = state;
		this.#options.changed(state);
	}
}

/** What a held-back refresh is said as (the `cannot-save` event, the refresh's lastError). */
export function cannotSaveWords(why: string): string {
	return `credentials cannot be saved: ${why}`;
}

function unsavedWords(why: string): string {
	return `the refreshed credentials could not be saved: ${why}; they are held in memory and written again (a restart now would need pairing)`;
}
