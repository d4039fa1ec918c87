import {randomBytes} from 'node:crypto';
import type {Clock} from '../../core/clock.js';
import {accessTokenLifetimeSeconds, refreshTokenLifetimeMs} from '../frameio-server-rules.js';

/** `clientId`: the client_id that paired for the token (a refresh passes it on); null for a seed or a control's token. */
type AccessRecord = {readonly deviceId: string; readonly clientId: string | null; readonly expiresAt: number | null; revoked: boolean};
type RefreshRecord = {
	readonly deviceId: string;
	readonly clientId: string | null;
	/** The access token issued with it: a refresh or a revoke of this refresh token ends it. */
	readonly accessToken: string;
	readonly expiresAt: number;
	state: 'live' | 'used' | 'revoked';
};

export type TokenCheck =
	| {readonly kind: 'valid'; readonly deviceId: string}
	| {readonly kind: 'expired'; readonly deviceId: string}
	| {readonly kind: 'unknown'};

export type IssuedTokens = {
	readonly access_token: string;
	readonly expires_in: number;
	readonly refresh_token: string;
	readonly token_type: 'bearer';
};

export type RefreshOutcome =
	| {readonly kind: 'ok'; readonly deviceId: string; readonly tokens: IssuedTokens}
	| {readonly kind: 'reused' | 'expired' | 'revoked'; readonly deviceId: string}
	| {readonly kind: 'unknown'};

export type RevokeOutcome =
	| {readonly kind: 'access' | 'refresh'; readonly deviceId: string}
	/** The token was issued to another client_id: nothing is revoked. */
	| {readonly kind: 'other-client'; readonly deviceId: string}
	| {readonly kind: 'unknown'};

/** How a token pair (or a lone access token) came to be: for the audit, which judges what a device does with it. */
export type TokenIssue = {
	readonly deviceId: string;
	readonly accessToken: string;
	readonly refreshToken?: string;
	readonly expiresAt: number | null;
	readonly source: 'pairing' | 'refresh' | 'control';
};

function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/**
Access and refresh tokens. Seed tokens never expire on their own; paired and refreshed ones last
`accessLifetimeSeconds` (8 h by default). Refresh tokens last 14 days and work once: a refresh also
ends the previous access token. Tokens never leave this class except in a token response.
*/
export class TokenIssuer {
	readonly #clock: Clock;
	readonly #accessLifetimeSeconds: number;
	readonly #access = new Map<string, AccessRecord>();
	readonly #refresh = new Map<string, RefreshRecord>();
	readonly #onIssue: ((issue: TokenIssue) => void) | undefined;

	constructor(clock: Clock, accessLifetimeSeconds = accessTokenLifetimeSeconds, onIssue?: (issue: TokenIssue) => void) {
		this.#clock = clock;
		this.#accessLifetimeSeconds = accessLifetimeSeconds;
		this.#onIssue = onIssue;
	}

	addStatic(token: string, deviceId: string): void {
		this.#access.set(token, {deviceId, clientId: null, expiresAt: null, revoked: false});
	}

	/** A new access token for the device that never expires on its own (the issue-token control's). */
	issueStatic(deviceId: string): string {
		const token = newToken();
		this.addStatic(token, deviceId);
		this.#onIssue?.({deviceId, accessToken: token, expiresAt: null, source: 'control'});
		return token;
	}

	check(token: string): TokenCheck {
		const record = this.#access.get(token);
		if (!record) {
			return {kind: 'unknown'};
		}

		const expired = record.revoked || (record.expiresAt !== null && this.#clock.now() >= record.expiresAt);
		return {kind: expired ? 'expired' : 'valid', deviceId: record.deviceId};
	}

	/** A new pair from pairing, for the client_id that redeemed the device code. */
	issue(deviceId: string, clientId: string | null = null): IssuedTokens {
		return this.#issue(deviceId, clientId, 'pairing');
	}

	/** The device a refresh token belongs to, whatever its state; undefined when none issued it. */
	refreshOwner(refreshToken: string): string | undefined {
		return this.#refresh.get(refreshToken)?.deviceId;
	}

	refresh(refreshToken: string): RefreshOutcome {
		const record = this.#refresh.get(refreshToken);
		if (!record) {
			return {kind: 'unknown'};
		}

		const {deviceId} = record;
		if (record.state !== 'live') {
			return {kind: record.state === 'used' ? 'reused' : 'revoked', deviceId};
		}

		if (this.#clock.now() >= record.expiresAt) {
			return {kind: 'expired', deviceId};
		}

		record.state = 'used';
		this.#end(record.accessToken);
		return {kind: 'ok', deviceId, tokens: this.#issue(deviceId, record.clientId, 'refresh')};
	}

	/** A refresh token was spent by an earlier refresh. */
	refreshSpent(refreshToken: string): boolean {
		return this.#refresh.get(refreshToken)?.state === 'used';
	}

	/**
	RFC 7009 revocation by `clientId`. RFC 7009 2.1: the server "verifies whether the token was issued
	to the client making the revocation request. If this validation fails, the request is refused", as
	Frame.io's is: a token paired for another client_id is left alone. A seed or a control's token, which
	no client paired for, any client may revoke. A refresh token becomes unusable and the access token
	issued with it ends; an access token ends. A token already spent stays as it was.
	*/
	revoke(token: string, clientId: string): RevokeOutcome {
		const refresh = this.#refresh.get(token);
		const access = this.#access.get(token);
		const owner = refresh ?? access;
		if (owner && owner.clientId !== null && owner.clientId !== clientId) {
			return {kind: 'other-client', deviceId: owner.deviceId};
		}

		if (refresh) {
			if (refresh.state === 'live') {
				refresh.state = 'revoked';
			}

			this.#end(refresh.accessToken);
			return {kind: 'refresh', deviceId: refresh.deviceId};
		}

		if (access) {
			access.revoked = true;
			return {kind: 'access', deviceId: access.deviceId};
		}

		return {kind: 'unknown'};
	}

	/** Ends every access token of the device (refresh tokens keep working). Returns how many. */
	expireDevice(deviceId: string): number {
		let count = 0;
		for (const record of this.#access.values()) {
			if (record.deviceId === deviceId && !record.revoked) {
				record.revoked = true;
				count++;
			}
		}

		return count;
	}

	/** Makes every unspent refresh token of the device unusable (access tokens keep working). Returns how many had not expired. */
	revokeRefreshTokens(deviceId: string): number {
		const now = this.#clock.now();
		let count = 0;
		for (const record of this.#refresh.values()) {
			if (record.deviceId === deviceId && record.state === 'live') {
				record.state = 'revoked';
				if (now < record.expiresAt) {
					count++;
				}
			}
		}

		return count;
	}

	#issue(deviceId: string, clientId: string | null, source: 'pairing' | 'refresh'): IssuedTokens {
		const now = this.#clock.now();
		const accessToken = newToken();
		const refreshToken = newToken();
		const expiresAt = now + (this.#accessLifetimeSeconds * 1000);
		this.#access.set(accessToken, {deviceId, clientId, expiresAt, revoked: false});
		this.#refresh.set(refreshToken, {deviceId, clientId, accessToken, expiresAt: now + refreshTokenLifetimeMs, state: 'live'});
		this.#onIssue?.({deviceId, accessToken, refreshToken, expiresAt, source});
		return {access_token: accessToken, expires_in: this.#accessLifetimeSeconds, refresh_token: refreshToken, token_type: 'bearer'};
	}

	#end(accessToken: string): void {
		const record = this.#access.get(accessToken);
		if (record) {
			record.revoked = true;
		}
	}
}
