import type {Emitter} from '../emitter.js';

/**
Where the monitor gets its access token. Two kinds stand behind one interface, and the monitor never
asks which it has:
- watched: the token belongs to other software (FRAMEIO_TOKEN, or a token file that the capture
  application rewrites). It is never refreshed here: refresh tokens are single-use, so a refresh by the
  monitor would log that software out.
- owned: `c2c-status pair` paired the device, and the credentials file is kept alive here (refreshed
  ahead of expiry, under a lock, written before use).
*/
export type TokenOrigin =
	| {readonly kind: 'env'; readonly variable: string; readonly token: string}
	| {readonly kind: 'file'; readonly path: string}
	| {readonly kind: 'credentials'; readonly path: string; readonly client?: ClientCredentials}
	/** A token the process made up for itself (the demo's). */
	| {readonly kind: 'fixed'; readonly token: string; readonly label: string};

/** A device model's client id and secret, from the environment or a file (never from a flag's value). */
export type ClientCredentials = {
	readonly clientId?: string;
	readonly clientSecret?: string;
};

export type TokenKind = 'env' | 'file' | 'credentials' | 'fixed';

/** An owned token's refresh, as it may be shown. */
export type RefreshState = {
	/**
	- scheduled: the next refresh is at nextRefreshAt;
	- refreshing: a refresh is under way (lockWait says when it waits for another process's lock);
	- retrying: the last one failed (the network, a 5xx, or the new pair could not have been saved: see
	  persistence); the old pair stays in use, and it is tried again at nextRefreshAt;
	- pairing-needed: the refresh token is dead (or the client was refused); someone must run c2c-status pair.
	*/
	readonly phase: 'scheduled' | 'refreshing' | 'retrying' | 'pairing-needed';
	readonly nextRefreshAt: number | null;
	readonly lastRefreshAt: number | null;
	/** Refreshes by this process (or adopted from another) since start. */
	readonly refreshes: number;
	readonly lastError: string | null;
	/**
	While a refresh waits for the credentials file's lock, held by another process: since when, and after
	how long without renewal the lock is taken over as its holder's (a dead process's). Null otherwise.
	Optional only for snapshots made before it existed.
	*/
	readonly lockWait?: {readonly since: number; readonly staleMs: number} | null;
};

/** What may be shown about the token: where it comes from and when it changes, never the token. */
export type TokenSnapshot = {
	readonly source: TokenKind;
	/** `$FRAMEIO_TOKEN`, a token file's path, or the credentials file's path. */
	readonly label: string;
	/** 1 for the first token, +1 for each new one. */
	readonly version: number;
	readonly changedAt: number | null;
	/** Why the token file or credentials file could not be read on the latest look; the previous token stays in use. */
	readonly error: string | null;
	/** Something to fix that does not stop the monitor (a credentials file others can read). */
	readonly warning: string | null;
	/** When the access token expires (owned tokens; unknown for watched ones). */
	readonly expiresAt: number | null;
	/** Null for a watched token: it is never refreshed here. */
	readonly refresh: RefreshState | null;
	/**
	Whether owned credentials can be kept on disk (always `ok` for a watched token). `error` is the reason
	alone ("no space left on device", "the credentials path is a directory, not a regular file"), for a
	view to put in its own sentence; the token events say whole sentences:
	- cannot-save: a test write of the new pair's size failed, so no refresh is spent; the current token
	  stays in use while it lasts;
	- unsaved: a refresh succeeded but its pair could not be written; it is held in memory (never the
	  older pair on disk) and the write is retried with backoff at nextTryAt.
	*/
	readonly persistence: TokenPersistence;
};

export type TokenPersistence =
	| {readonly state: 'ok'}
	| {readonly state: 'cannot-save' | 'unsaved'; readonly error: string; readonly since: number; readonly nextTryAt: number | null};

export const persistenceOk: TokenPersistence = {state: 'ok'};

/** One line of the token's story, for NDJSON `token` lines. */
export type TokenEvent = {
	/**
	Every `refreshing` is followed by one of `refreshed`, `changed` (a newer pair taken from the file
	instead), `refresh-failed`, `pairing-needed` or `cannot-save`; `waiting-for-lock` may come between.
	- cannot-save: the refresh was held back, no token spent: the new pair could not have been saved
	  (`error`: "credentials cannot be saved: no space left on device"); tried again with backoff;
	- unsaved: a refreshed pair could not be written and is held in memory (`error`); comes just before
	  its `refreshed`; written again with backoff;
	- saved: the pair in use is on disk again (an unsaved pair written at last, or a refresh held back by
	  cannot-save went through and was written);
	- waiting-for-lock: another process holds the credentials file's lock (`error` says for how long it
	  may be held before it is taken over);
	- unreadable (`error`) / readable: a watched token file could not be read, or can be again (the last
	  token stays in use meanwhile).
	*/
	readonly event: 'loaded' | 'changed' | 'refreshing' | 'refreshed' | 'refresh-failed' | 'pairing-needed'
		| 'cannot-save' | 'unsaved' | 'saved' | 'waiting-for-lock' | 'unreadable' | 'readable';
	readonly at: number;
	readonly source: TokenKind;
	readonly expiresAt: number | null;
	/** What went wrong (refresh-failed, pairing-needed, cannot-save, unsaved, unreadable, waiting-for-lock), never containing a secret. */
	readonly error?: string;
};

export type TokenSource = {
	/** Every change of the token and its refresh, in order. */
	readonly events: Emitter<TokenEvent>;
	/** A new access token is in use (from a file change, a refresh, or another process's refresh). */
	readonly changes: Emitter<void>;
	readonly subscribe: (listener: () => void) => () => void;
	readonly getSnapshot: () => TokenSnapshot;
	getToken(): string;
	/** Every secret this source has held (access tokens, refresh tokens, the client secret): the same array until one is added. */
	secrets(): readonly string[];
	/** Reads the token for the first time; throws (TokenError, CredentialsError) when there is none to be had. */
	load(): Promise<void>;
	start(): void;
	/** Cancels every timer and waits for a refresh under way (it must finish writing the file). */
	stop(): Promise<void>;
	/**
	Frame.io refused this token (HTTP 401 from the API, 403 on the socket upgrade). An owned source
	refreshes at once and resolves true once a new token is in use; a watched one resolves false.
	*/
	rejected(token: string): Promise<boolean>;
	/**
	The network came back (a `/health` check succeeded after failing): a source whose refresh failed on
	the network or a 5xx tries again at once instead of waiting out its backoff. Watched sources ignore it.
	*/
	networkRecovered(): void;
};
