import {readFile} from 'node:fs/promises';
import type {Clock, TimerHandle} from '../clock.js';
import {Emitter} from '../emitter.js';
import {Store} from '../store.js';

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
	/** The file could not be read on the latest check; the previous token stays in use. */
	readonly error: string | null;
};

/** Raised when the token cannot be had at all: the message names the source, never the token. */
export class TokenError extends Error {
	override name = 'TokenError';
}

export const tokenFilePollMs = 5000;

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
			this.#store.update({error: error instanceof Error ? error.message : String(error)});
		}

		if (this.#running) {
			this.#schedule();
		}
	}

	#accept(token: string): void {
		this.#token = token;
		this.#store.update(previous => ({...previous, version: previous.version + 1, changedAt: this.#clock.now()}));
	}
}

/** A token must fit in an Authorization header and a URL query: printable ASCII without spaces. */
export function isTokenShaped(token: string): boolean {
	return /^[\u0021-\u007E]+$/.test(token);
}

/** The first line of the file, trimmed; a clear TokenError when it is unreadable or empty. */
export async function readTokenFile(path: string): Promise<string> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : (code === 'EACCES' ? 'permission denied' : (code === 'EISDIR' ? 'it is a directory' : code ?? 'unreadable'));
		throw new TokenError(`cannot read token file ${path}: ${why}`);
	}

	const token = (text.split(/\r?\n/, 1)[0] ?? '').trim().replace(/^bearer\s+/i, '');
	if (token === '') {
		throw new TokenError(`token file ${path} is empty`);
	}

	if (!isTokenShaped(token)) {
		throw new TokenError(`token file ${path} does not hold a single token on its first line (printable ASCII, no spaces)`);
	}

	return token;
}
