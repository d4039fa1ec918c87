import {randomBytes} from 'node:crypto';
import type {Clock} from '../core/clock.js';
import {accessTokenLifetimeMs, refreshTokenLifetimeMs} from '../core/frameio-rules.js';

type AccessRecord = {readonly deviceId: string; readonly expiresAt: number | null; revoked: boolean};
type RefreshRecord = {readonly deviceId: string; readonly accessToken: string; readonly expiresAt: number; used: boolean};

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
	| {readonly kind: 'reused' | 'unknown' | 'expired'};

function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/**
Access and refresh tokens. Seed tokens never expire on their own; paired ones last 8 h.
Refresh tokens last 14 days and work once: a refresh also ends the previous access token.
Tokens never leave this class except in a token response.
*/
export class TokenIssuer {
	readonly #clock: Clock;
	readonly #access = new Map<string, AccessRecord>();
	readonly #refresh = new Map<string, RefreshRecord>();

	constructor(clock: Clock) {
		this.#clock = clock;
	}

	addStatic(token: string, deviceId: string): void {
		this.#access.set(token, {deviceId, expiresAt: null, revoked: false});
	}

	/** A new access token for the device that never expires on its own. */
	issueStatic(deviceId: string): string {
		const token = newToken();
		this.addStatic(token, deviceId);
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

	issue(deviceId: string): IssuedTokens {
		const now = this.#clock.now();
		const accessToken = newToken();
		const refreshToken = newToken();
		this.#access.set(accessToken, {deviceId, expiresAt: now + accessTokenLifetimeMs, revoked: false});
		this.#refresh.set(refreshToken, {deviceId, accessToken, expiresAt: now + refreshTokenLifetimeMs, used: false});
		return {access_token: accessToken, expires_in: accessTokenLifetimeMs / 1000, refresh_token: refreshToken, token_type: 'bearer'};
	}

	refresh(refreshToken: string): RefreshOutcome {
		const record = this.#refresh.get(refreshToken);
		if (!record) {
			return {kind: 'unknown'};
		}

		if (record.used) {
			return {kind: 'reused'};
		}

		if (this.#clock.now() >= record.expiresAt) {
			return {kind: 'expired'};
		}

		record.used = true;
		const previous = this.#access.get(record.accessToken);
		if (previous) {
			previous.revoked = true;
		}

		return {kind: 'ok', deviceId: record.deviceId, tokens: this.issue(record.deviceId)};
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
}
