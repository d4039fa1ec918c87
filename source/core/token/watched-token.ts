import type {Clock, TimerHandle} from '../clock.js';
import {Emitter} from '../emitter.js';
import {Store} from '../store.js';
import {describeError} from '../utils/describe-error.js';
import {readTokenFile, TokenError} from './token-file.js';
import {persistenceOk, type TokenEvent, type TokenOrigin, type TokenSnapshot, type TokenSource} from './token-source.js';

export const tokenFilePollMs = 5000;
/** Earlier tokens kept secret: far more than a traffic log or a terminal's scrollback can hold. */
export const maxRememberedSecrets = 1000;

type WatchedOrigin = Exclude<TokenOrigin, {kind: 'credentials'}>;

/**
A token that belongs to other software: FRAMEIO_TOKEN, or a token file that the capture application
rewrites when it refreshes (every 8 hours). The file is re-read every few seconds, and a new token
reaches the identity poller (fetch at once) and the socket. It is never refreshed here.
*/
export class WatchedToken implements TokenSource {
	readonly events = new Emitter<TokenEvent>();
	readonly changes = new Emitter<void>();
	readonly #origin: WatchedOrigin;
	readonly #clock: Clock;
	readonly #pollMs: number;
	readonly #store: Store<TokenSnapshot>;
	#token = '';
	/** Every token this source has held, newest last: each stays secret after it is replaced. */
	#seen: readonly string[] = [];
	#timer: TimerHandle | undefined;
	#running = false;

	constructor(origin: WatchedOrigin, clock: Clock, pollMs = tokenFilePollMs) {
		this.#origin = origin;
		this.#clock = clock;
		this.#pollMs = pollMs;
		const label = origin.kind === 'env' ? `$${origin.variable}` : (origin.kind === 'file' ? origin.path : origin.label);
		this.#store = new Store<TokenSnapshot>({source: origin.kind, label, version: 0, changedAt: null, error: null, warning: null, expiresAt: null, refresh: null, persistence: persistenceOk});
		if (origin.kind !== 'file') {
			this.#accept(origin.token);
		}
	}

	readonly subscribe = (listener: () => void) => this.#store.subscribe(listener);
	readonly getSnapshot = () => this.#store.getSnapshot();

	getToken(): string {
		return this.#token;
	}

	/** The current token and every earlier one (the same array until a new token arrives). */
	secrets(): readonly string[] {
		return this.#seen;
	}

	async load(): Promise<void> {
		if (this.#origin.kind === 'file') {
			this.#accept(await readTokenFile(this.#origin.path));
		}

		this.#event('loaded');
	}

	/** Starts watching the token file (nothing to watch for the others). */
	start(): void {
		if (this.#origin.kind === 'file' && !this.#running) {
			this.#running = true;
			this.#schedule();
		}
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.changes.clear();
		this.events.clear();
	}

	/** The token is someone else's to refresh: only a rewritten file can cure a refusal. */
	networkRecovered(): void {
		// A watched token is never refreshed here: nothing to try again.
	}

	async rejected(): Promise<boolean> {
		return false;
	}

	#schedule(): void {
		this.#timer = this.#clock.setTimeout(() => {
			void this.#poll();
		}, this.#pollMs);
	}

	async #poll(): Promise<void> {
		if (this.#origin.kind !== 'file') {
			return;
		}

		try {
			const token = await readTokenFile(this.#origin.path);
			if (!this.#running) {
				return;
			}

			this.#readable();
			if (token !== this.#token) {
				this.#accept(token);
				this.#event('changed');
				this.changes.emit();
			}
		} catch (error) {
			this.#unreadable(error instanceof TokenError ? error.reason : describeError(error));
		}

		if (this.#running) {
			this.#schedule();
		}
	}

	/** The file cannot be read (or holds no token): said once, in the snapshot and as an `unreadable` event; the last token stays in use. */
	#unreadable(why: string): void {
		if (!this.#running || why === this.#store.getSnapshot().error) {
			return;
		}

		this.#store.update({error: why});
		this.#event('unreadable', `${why}, still using the last token`);
	}

	#readable(): void {
		if (this.#store.getSnapshot().error !== null) {
			this.#store.update({error: null});
			this.#event('readable');
		}
	}

	#accept(token: string): void {
		this.#token = token;
		if (!this.#seen.includes(token)) {
			this.#seen = [...this.#seen.slice(-(maxRememberedSecrets - 1)), token];
		}

		this.#store.update(previous => ({...previous, version: previous.version + 1, changedAt: this.#clock.now()}));
	}

	#event(event: TokenEvent['event'], error?: string): void {
		this.events.emit({event, at: this.#clock.now(), source: this.#origin.kind, expiresAt: null, ...(error === undefined ? {} : {error})});
	}
}
