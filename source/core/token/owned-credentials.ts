import type {KyInstance} from 'ky';
import {Backoff} from '../backoff.js';
import type {Clock, TimerHandle} from '../clock.js';
import {Emitter} from '../emitter.js';
import {Store} from '../store.js';
import {describeError} from '../utils/describe-error.js';
import {type AuthFailure, type Client, refreshTokenPair, type TokenPair} from './auth-endpoints.js';
import {type Credentials, CredentialsError} from './credentials-file.js';
import type {CredentialsStore} from './credentials-store.js';
import {refreshDueAt} from './refresh-schedule.js';
import {persistenceOk, type ClientCredentials, type RefreshState, type TokenEvent, type TokenSnapshot, type TokenSource} from './token-source.js';
import {maxRememberedSecrets} from './watched-token.js';

/** How often the file is looked at for a pair another process wrote (a refresh, or a new pairing). */
export const credentialsWatchMs = 5000;
/** With a dead refresh token, it is tried again only this often (a newly paired file is taken at once). */
export const deadRefreshRetryMs = 60_000;
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

/** Why a refresh gave nothing: Frame.io's answer or the network (auth-endpoints.ts), or this machine (the lock). */
type RefreshFailure = AuthFailure | {readonly kind: 'local'; readonly message: string};

type Outcome =
	| {readonly kind: 'refreshed' | 'adopted'; readonly credentials: Credentials; readonly saveError?: string}
	| {readonly kind: 'failed'; readonly error: RefreshFailure};

/** Codes that mean the refresh token (or the client) is dead: a person must pair again. */
const deadCodes = new Set(['invalid_grant', 'invalid_request', 'invalid_client', 'unauthorized']);

/**
Credentials that `c2c-status pair` left, kept alive: the access token is refreshed ahead of expiry (and
at once when Frame.io refuses it), the new pair is written to the file before it is used, and a refresh
runs under the file's lock after reading the file again, so that processes sharing the file never spend
the same refresh token twice: the one that comes second adopts what the first wrote.
*/
export class OwnedCredentials implements TokenSource {
	readonly events = new Emitter<TokenEvent>();
	readonly changes = new Emitter<void>();
	readonly #options: OwnedCredentialsOptions;
	readonly #store: Store<TokenSnapshot>;
	readonly #backoff = new Backoff({minMs: 5000, maxMs: 2 * 60_000});
	#credentials: Credentials | undefined;
	#client: Client | undefined;
	#seen: readonly string[] = [];
	#refreshTimer: TimerHandle | undefined;
	#watchTimer: TimerHandle | undefined;
	#inFlight: Promise<boolean> | undefined;
	/** A refreshed pair the file could not take: written again at the next look. */
	#unsaved: Credentials | undefined;
	/** When a refusal last led to a refresh. */
	#refreshedForRefusalAt: number | undefined;
	#running = false;

	constructor(options: OwnedCredentialsOptions) {
		this.#options = options;
		this.#store = new Store<TokenSnapshot>({
			source: 'credentials', label: options.store.label, version: 0, changedAt: null, error: null, warning: null, expiresAt: null,
			refresh: {phase: 'scheduled', nextRefreshAt: null, lastRefreshAt: null, refreshes: 0, lastError: null},
			persistence: persistenceOk,
		});
	}

	readonly subscribe = (listener: () => void) => this.#store.subscribe(listener);
	readonly getSnapshot = () => this.#store.getSnapshot();

	getToken(): string {
		return this.#credentials?.accessToken ?? '';
	}

	secrets(): readonly string[] {
		return this.#seen;
	}

	async load(): Promise<void> {
		const credentials = await this.#options.store.read();
		const clientId = this.#options.override?.clientId ?? credentials.clientId;
		const clientSecret = this.#options.override?.clientSecret ?? credentials.clientSecret;
		if (clientSecret === undefined) {
			const why = 'keep no client secret, and none was given: set FRAMEIO_CLIENT_SECRET or --client-secret-file, which a refresh needs';
			throw new CredentialsError(`the credentials in ${this.#options.store.label} ${why}`, 'malformed');
		}

		this.#client = {clientId, clientSecret};
		this.#remember(clientSecret);
		this.#accept(credentials);
		this.#store.update({warning: await this.#options.store.warning()});
		this.#event('loaded');
	}

	start(): void {
		if (this.#running || !this.#credentials) {
			return;
		}

		this.#running = true;
		this.#scheduleRefresh(refreshDueAt(this.#credentials.issuedAt, this.#credentials.expiresAt));
		this.#watch();
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#options.clock.clearTimeout(this.#refreshTimer);
		this.#options.clock.clearTimeout(this.#watchTimer);
		this.#refreshTimer = undefined;
		this.#watchTimer = undefined;
		// A refresh under way must finish writing the file: its refresh token is already spent.
		await this.#inFlight;
		this.changes.clear();
		this.events.clear();
	}

	networkRecovered(): void {
		// Issue 15: a refresh that failed on the network is tried again at once (another helper implements it).
	}

	async rejected(token: string): Promise<boolean> {
		const credentials = this.#credentials;
		if (!credentials || this.#refresh().phase === 'pairing-needed') {
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

	#refresh(): RefreshState {
		return this.#store.getSnapshot().refresh!;
	}

	#updateRefresh(patch: Partial<RefreshState>): void {
		this.#store.update(previous => ({...previous, refresh: {...previous.refresh!, ...patch}}));
	}

	#scheduleRefresh(at: number): void {
		const {clock} = this.#options;
		clock.clearTimeout(this.#refreshTimer);
		this.#refreshTimer = clock.setTimeout(() => {
			this.#refreshTimer = undefined;
			void this.#refreshNow();
		}, at - clock.now());
		this.#updateRefresh({nextRefreshAt: at});
	}

	/** One refresh at a time; a second caller waits for the first. */
	async #refreshNow(): Promise<boolean> {
		this.#inFlight ??= this.#runRefresh();
		return this.#inFlight;
	}

	async #runRefresh(): Promise<boolean> {
		try {
			return await this.#refreshOnce();
		} finally {
			this.#inFlight = undefined;
		}
	}

	async #refreshOnce(): Promise<boolean> {
		const {clock} = this.#options;
		this.#options.clock.clearTimeout(this.#refreshTimer);
		this.#updateRefresh({phase: 'refreshing', nextRefreshAt: null});
		this.#event('refreshing');
		const outcome = await this.#exchange();
		if (!this.#running && outcome.kind === 'failed') {
			return false;
		}

		if (outcome.kind === 'failed') {
			this.#failed(outcome.error);
			return false;
		}

		this.#backoff.reset();
		this.#accept(outcome.credentials);
		this.#updateRefresh({phase: 'scheduled', lastRefreshAt: clock.now(), refreshes: this.#refresh().refreshes + 1, lastError: null});
		if (outcome.saveError) {
			this.#unsaved = outcome.credentials;
			this.#store.update({warning: `the refreshed credentials could not be saved (${outcome.saveError}): trying again; a restart now would need pairing`});
		}

		this.#event(outcome.kind === 'refreshed' ? 'refreshed' : 'changed');
		if (this.#running) {
			this.#scheduleRefresh(refreshDueAt(outcome.credentials.issuedAt, outcome.credentials.expiresAt));
		}

		this.changes.emit();
		return true;
	}

	/** Under the lock: take what another process wrote, or spend our refresh token and write the new pair first. */
	async #exchange(): Promise<Outcome> {
		const {store, clock, client} = this.#options;
		const current = this.#credentials!;
		try {
			return await store.locked(async (): Promise<Outcome> => {
				const onDisk = await readOrNothing(store);
				if (onDisk && onDisk.refreshToken !== current.refreshToken) {
					return {kind: 'adopted', credentials: onDisk};
				}

				const result = await refreshTokenPair({clock, client}, this.#client!, current.refreshToken);
				if (!result.ok) {
					return {kind: 'failed', error: result.error};
				}

				const next = withPair(current, result.value);
				try {
					await store.write(next);
				} catch (error) {
					return {kind: 'refreshed', credentials: next, saveError: describeError(error)};
				}

				return {kind: 'refreshed', credentials: next};
			});
		} catch (error) {
			return {kind: 'failed', error: {kind: 'local', message: `the credentials file could not be locked: ${describeError(error)}`}};
		}
	}

	#failed(error: RefreshFailure): void {
		const {clock} = this.#options;
		const dead = error.kind === 'refused' && deadCodes.has(error.code);
		const message = error.kind === 'failed' ? error.failure.message : error.message;
		if (dead) {
			this.#updateRefresh({phase: 'pairing-needed', lastError: message});
			this.#event('pairing-needed', `pairing needed: run c2c-status pair (${message})`);
			this.#scheduleRefresh(clock.now() + deadRefreshRetryMs);
			return;
		}

		this.#updateRefresh({phase: 'retrying', lastError: message});
		this.#event('refresh-failed', message);
		this.#scheduleRefresh(clock.now() + this.#backoff.next());
	}

	/** Looks at the file every few seconds: a pair another process wrote is taken at once. */
	#watch(): void {
		const {clock} = this.#options;
		this.#watchTimer = clock.setTimeout(async () => {
			await this.#look();
			if (this.#running) {
				this.#watch();
			}
		}, this.#options.watchMs ?? credentialsWatchMs);
	}

	async #look(): Promise<void> {
		const {store} = this.#options;
		if (this.#unsaved) {
			await this.#saveAgain(this.#unsaved);
			return;
		}

		let onDisk: Credentials;
		try {
			onDisk = await store.read();
		} catch (error) {
			this.#store.update({error: error instanceof CredentialsError ? error.message : describeError(error)});
			return;
		}

		this.#store.update({error: null});
		if (!this.#running || this.#inFlight !== undefined || onDisk.refreshToken === this.#credentials?.refreshToken) {
			return;
		}

		// Another process refreshed (or the device was paired again): take its pair instead of spending ours.
		this.#backoff.reset();
		this.#accept(onDisk);
		this.#updateRefresh({phase: 'scheduled', lastError: null, refreshes: this.#refresh().refreshes + 1, lastRefreshAt: this.#options.clock.now()});
		this.#event('changed');
		this.#scheduleRefresh(refreshDueAt(onDisk.issuedAt, onDisk.expiresAt));
		this.changes.emit();
	}

	async #saveAgain(credentials: Credentials): Promise<void> {
		try {
			await this.#options.store.locked(async () => this.#options.store.write(credentials));
			this.#unsaved = undefined;
			this.#store.update({warning: await this.#options.store.warning()});
		} catch {}
	}

	#accept(credentials: Credentials): void {
		this.#credentials = credentials;
		this.#remember(credentials.accessToken, credentials.refreshToken);
		this.#store.update(previous => ({...previous, version: previous.version + 1, changedAt: this.#options.clock.now(), expiresAt: credentials.expiresAt}));
	}

	#remember(...secrets: string[]): void {
		const added = secrets.filter(secret => secret !== '' && !this.#seen.includes(secret));
		if (added.length > 0) {
			this.#seen = [...this.#seen, ...added].slice(-maxRememberedSecrets);
		}
	}

	#event(event: TokenEvent['event'], error?: string): void {
		this.events.emit({event, at: this.#options.clock.now(), source: 'credentials', expiresAt: this.#credentials?.expiresAt ?? null, ...(error === undefined ? {} : {error})});
	}
}

async function readOrNothing(store: CredentialsStore): Promise<Credentials | undefined> {
	try {
		return await store.read();
	} catch {
		return undefined;
	}
}

function withPair(credentials: Credentials, pair: TokenPair): Credentials {
	return {...credentials, accessToken: pair.accessToken, refreshToken: pair.refreshToken, issuedAt: pair.issuedAt, expiresAt: pair.expiresAt};
}
