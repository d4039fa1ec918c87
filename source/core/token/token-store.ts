import type {Clock, TimerHandle} from '../clock.js';
import {Emitter} from '../emitter.js';
import {Store} from '../store.js';
import {describeError} from '../utils/describe-error.js';
import {readTokenFile, TokenError} from './token-file.js';

export type TokenSource =
	| {readonly kind: 'env'; readonly variable: string; readonly token: string}
	| {readonly kind: 'file'; readonly path: string}
	| {readonly kind: 'fixed'; readonly token: string; readonly label: string};

/** What may be shown about the token: where it comes from and when it changed, never the token. */
export type TokenSnapshot = {
	readonly source: 'env' | 'file' | 'fixed';
	readonly label: string;
	/** 1 for the first token, +1 each time the file gives a different one. */
	readonly version: number;
	readonly changedAt: number | null;
	/** Why the file could not be read on the latest check ("permission denied"); the previous token stays in use. */
	readonly error: string | null;
};

export const tokenFilePollMs = 5000;
/** Earlier tokens kept secret: far more than a traffic log or a terminal's scrollback can hold. */
const maxRememberedTokens = 1000;

/**
Holds the access token. A token file is read at start and re-read every few seconds, so a tool that
refreshes the token (every 8 hours) only has to rewrite the file: a change reaches the identity
poller (fetch at once) and the socket (used on its next connect).
*/
export class TokenStore {
	readonly changes = new Emitter<void>();
	readonly #source: TokenSource;
	readonly #clock: Clock;
	readonly #pollMs: number;
	readonly #store: Store<TokenSnapshot>;
	#token = '';
	/** Every token this store has held, newest last: each stays secret after it is replaced. */
	#seen: readonly string[] = [];
	#timer: TimerHandle | undefined;
	#running = false;

	constructor(source: TokenSource, clock: Clock, pollMs = tokenFilePollMs) {
		this.#source = source;
		this.#clock = clock;
		this.#pollMs = pollMs;
		const label = source.kind === 'env' ? `$${source.variable}` : (source.kind === 'file' ? source.path : source.label);
		this.#store = new Store<TokenSnapshot>({source: source.kind, label, version: 0, changedAt: null, error: null});
		if (source.kind !== 'file') {
			this.#accept(source.token);
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

	/** Reads the token for the first time; throws a TokenError when there is none to be had. */
	async load(): Promise<void> {
		if (this.#source.kind === 'file') {
			this.#accept(await readTokenFile(this.#source.path));
		}
	}

	/** Starts watching the token file (no-op for other sources). */
	start(): void {
		if (this.#source.kind === 'file' && !this.#running) {
			this.#running = true;
			this.#schedule();
		}
	}

	stop(): void {
		this.#running = false;
		this.#clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.changes.clear();
	}

	#schedule(): void {
		this.#timer = this.#clock.setTimeout(() => {
			void this.#poll();
		}, this.#pollMs);
	}

	async #poll(): Promise<void> {
		if (this.#source.kind !== 'file') {
			return;
		}

		try {
			const token = await readTokenFile(this.#source.path);
			if (!this.#running) {
				return;
			}

			this.#store.update({error: null});
			if (token !== this.#token) {
				this.#accept(token);
				this.changes.emit();
			}
		} catch (error) {
			this.#store.update({error: error instanceof TokenError ? error.reason : describeError(error)});
		}

		if (this.#running) {
			this.#schedule();
		}
	}

	#accept(token: string): void {
		this.#token = token;
		if (!this.#seen.includes(token)) {
			this.#seen = [...this.#seen.slice(-(maxRememberedTokens - 1)), token];
		}

		this.#store.update(previous => ({...previous, version: previous.version + 1, changedAt: this.#clock.now()}));
	}
}
