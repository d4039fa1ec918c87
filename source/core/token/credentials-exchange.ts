import type {KyInstance} from 'ky';
import type {Clock} from '../clock.js';
import {describeError} from '../utils/describe-error.js';
import {type AuthFailure, type Client, refreshTokenPair, type TokenPair} from './auth-endpoints.js';
import {type Credentials, whyFileFailed} from './credentials-file.js';
import type {LockOptions} from './credentials-lock.js';
import type {CredentialsStore} from './credentials-store.js';
import {isNewerPair, nextRotation} from './pair-order.js';

/** Why a refresh gave nothing: Frame.io's answer or the network (auth-endpoints.ts), or this machine (the lock). */
export type RefreshFailure = AuthFailure | {readonly kind: 'local'; readonly message: string};

/** Codes that mean the refresh token (or the client) is dead: a person must pair again. */
const deadCodes = new Set(['invalid_grant', 'invalid_request', 'invalid_client', 'unauthorized']);

/**
What a failed refresh means: `dead` (pair again), `network` (the network or a 5xx: nothing was decided,
tried again with backoff, and at once when the network recovers), and what to say.
*/
export function failureVerdict(error: RefreshFailure): {readonly dead: boolean; readonly network: boolean; readonly message: string} {
	return {
		dead: error.kind === 'refused' && deadCodes.has(error.code),
		network: error.kind === 'failed',
		message: error.kind === 'failed' ? error.failure.message : error.message,
	};
}

/**
What one refresh attempt came to:
- adopted: the file holds a newer pair (another process refreshed, or someone paired again): no token spent;
- refreshed: a new pair, written to the file (saveError: it could not be written, so it is held in memory);
- cannot-save: nothing spent, because the new pair could not have been saved (the test write failed, or
  the unsaved pair held still cannot be written);
- failed: Frame.io refused, or the network failed, or the lock could not be had.
*/
export type ExchangeOutcome =
	| {readonly kind: 'adopted'; readonly credentials: Credentials}
	| {readonly kind: 'refreshed'; readonly credentials: Credentials; readonly saveError?: string}
	| {readonly kind: 'cannot-save'; readonly why: string}
	| {readonly kind: 'failed'; readonly error: RefreshFailure};

export type ExchangeOptions = {
	readonly store: CredentialsStore;
	readonly clock: Clock;
	readonly client: KyInstance;
	readonly credentials: Client;
	/** The pair in use, and whether it is on disk (false: a write failed, so it is held in memory only). */
	readonly held: Credentials;
	readonly heldSaved: boolean;
	/** Refresh tokens this process held and gave up: never taken back from the file. */
	readonly retired: ReadonlySet<string>;
	/** Called, holding the lock, once the new pair is known to fit (and the unsaved pair held is written), before the refresh token is spent. */
	readonly beforeSpending: () => void;
	readonly lock: LockOptions;
};

/**
One refresh, under the file's lock: read the file again and take a newer pair found there; otherwise find
out that the new pair can be saved (a test write of its size, or the unsaved pair held written at last);
only then spend the refresh token, and write the new pair before it is used.
*/
export async function exchangeUnderLock(options: ExchangeOptions): Promise<ExchangeOutcome> {
	try {
		return await options.store.locked(async () => exchange(options), options.lock);
	} catch (error) {
		return {kind: 'failed', error: {kind: 'local', message: `the credentials file could not be locked: ${describeError(error)}`}};
	}
}

async function exchange(options: ExchangeOptions): Promise<ExchangeOutcome> {
	const {store, clock, client, held, retired} = options;
	const onDisk = await readOrNothing(store);
	if (onDisk && isNewerPair(onDisk, held, retired)) {
		return {kind: 'adopted', credentials: onDisk};
	}

	try {
		await (options.heldSaved ? store.probe(held) : store.write(held));
	} catch (error) {
		return {kind: 'cannot-save', why: whyFileFailed(error, 'the credentials path')};
	}

	options.beforeSpending();
	const result = await refreshTokenPair({clock, client}, options.credentials, held.refreshToken);
	if (!result.ok) {
		return {kind: 'failed', error: result.error};
	}

	const next = withPair(held, result.value);
	try {
		await store.write(next);
	} catch (error) {
		return {kind: 'refreshed', credentials: next, saveError: whyFileFailed(error, 'the credentials path')};
	}

	return {kind: 'refreshed', credentials: next};
}

/** Writes a pair held in memory, under the lock; a newer pair found in the file is returned instead (and nothing written). */
export async function saveUnderLock(store: CredentialsStore, held: Credentials, retired: ReadonlySet<string>, lock: LockOptions): Promise<{readonly adopted?: Credentials}> {
	return store.locked(async () => {
		const onDisk = await readOrNothing(store);
		if (onDisk && isNewerPair(onDisk, held, retired)) {
			return {adopted: onDisk};
		}

		await store.write(held);
		return {};
	}, lock);
}

async function readOrNothing(store: CredentialsStore): Promise<Credentials | undefined> {
	try {
		return await store.read();
	} catch {
		return undefined;
	}
}

function withPair(credentials: Credentials, pair: TokenPair): Credentials {
	return {
		...credentials, accessToken: pair.accessToken, refreshToken: pair.refreshToken, issuedAt: pair.issuedAt, expiresAt: pair.expiresAt,
		rotation: nextRotation(credentials),
	};
}
