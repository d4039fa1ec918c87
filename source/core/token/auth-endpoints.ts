import type {KyInstance} from 'ky';
import type {Clock} from '../clock.js';
import {apiRequest} from '../http/api-request.js';
import {errorBodyMessage} from '../http/error-body.js';
import type {RequestFailure} from '../http/request-failure.js';
import {isRecord} from '../utils/is-record.js';

/** The scope a hardware device asks for when pairing. */
export const pairingScope = 'asset_create offline';
export const deviceCodeGrant = 'urn:ietf:params:oauth:grant-type:device_code';
/** Auth requests unanswered for this long have failed (on the network: the caller keeps what it has). */
export const authTimeoutMs = 15_000;

/** A device model's client credentials, as every auth request needs them. */
export type Client = {readonly clientId: string; readonly clientSecret: string};

/** A new access and refresh token pair, with when it was issued and when its access token expires. */
export type TokenPair = {
	readonly accessToken: string;
	readonly refreshToken: string;
	readonly issuedAt: number;
	readonly expiresAt: number;
};

export type DeviceCode = {
	readonly deviceCode: string;
	readonly userCode: string;
	readonly verificationUri: string;
	readonly verificationUriComplete: string | null;
	readonly expiresAt: number;
	readonly intervalMs: number;
};

/**
Why an auth request gave no answer to use:
- refused: Frame.io answered with an OAuth error code (`{"error": "invalid_grant"}` …), to act on;
- failed: the network, a timeout, or an answer that is not what the endpoint documents (5xx, an odd
  body): nothing was decided, so the caller keeps what it has and tries again later.
*/
export type AuthFailure =
	| {readonly kind: 'refused'; readonly code: string; readonly status: number; readonly message: string}
	| {readonly kind: 'failed'; readonly failure: RequestFailure};

export type AuthResult<T> = {readonly ok: true; readonly value: T} | {readonly ok: false; readonly error: AuthFailure};

export type AuthRequestOptions = {
	readonly clock: Clock;
	/** The API's open ky instance: auth requests carry no bearer token. */
	readonly client: KyInstance;
	readonly signal?: AbortSignal;
};

/** `POST /v2/auth/device/code`: a pairing code for a person to approve in Frame.io. */
export async function requestDeviceCode(options: AuthRequestOptions, client: Client): Promise<AuthResult<DeviceCode>> {
	const result = await post(options, 'v2/auth/device/code', {client_id: client.clientId, client_secret: client.clientSecret, scope: pairingScope});
	if (!result.ok) {
		return result;
	}

	const {body, receivedAt} = result.value;
	const [deviceCode, userCode, verificationUri] = [text(body, 'device_code'), text(body, 'user_code'), text(body, 'verification_uri')];
	const expiresIn = seconds(body, 'expires_in');
	if (!deviceCode || !userCode || !verificationUri || expiresIn === undefined) {
		return badBody('the device code answer lacks device_code, user_code, verification_uri or expires_in');
	}

	return {ok: true, value: {
		deviceCode, userCode, verificationUri,
		verificationUriComplete: text(body, 'verification_uri_complete') ?? null,
		expiresAt: receivedAt + (expiresIn * 1000),
		// RFC 8628: 5 seconds when the server names no interval.
		intervalMs: (seconds(body, 'interval') ?? 5) * 1000,
	}};
}

/** `POST /v2/auth/token` with the device code: the pair once a person has approved it. */
export async function pollDeviceToken(options: AuthRequestOptions, client: Client, deviceCode: string): Promise<AuthResult<TokenPair>> {
	return tokenRequest(options, {client_id: client.clientId, client_secret: client.clientSecret, grant_type: deviceCodeGrant, device_code: deviceCode});
}

/** `POST /v2/auth/token` with the refresh token: a new pair; the old refresh token is spent either way. */
export async function refreshTokenPair(options: AuthRequestOptions, client: Client, refreshToken: string): Promise<AuthResult<TokenPair>> {
	return tokenRequest(options, {client_id: client.clientId, client_secret: client.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken});
}

/** `POST /v2/auth/revoke`: ends a token (the refresh token, at logout). */
export async function revokeToken(options: AuthRequestOptions, client: Client, token: string): Promise<AuthResult<true>> {
	const result = await post(options, 'v2/auth/revoke', {client_id: client.clientId, client_secret: client.clientSecret, token});
	return result.ok ? {ok: true, value: true} : result;
}

async function tokenRequest(options: AuthRequestOptions, fields: Record<string, string>): Promise<AuthResult<TokenPair>> {
	const result = await post(options, 'v2/auth/token', fields);
	if (!result.ok) {
		return result;
	}

	const {body, receivedAt} = result.value;
	const [accessToken, refreshToken] = [text(body, 'access_token'), text(body, 'refresh_token')];
	const expiresIn = seconds(body, 'expires_in');
	if (!accessToken || !refreshToken || expiresIn === undefined) {
		return badBody('the token answer lacks access_token, refresh_token or expires_in');
	}

	return {ok: true, value: {accessToken, refreshToken, issuedAt: receivedAt, expiresAt: receivedAt + (expiresIn * 1000)}};
}

type Answered = {readonly body: unknown; readonly receivedAt: number};

async function post(options: AuthRequestOptions, path: string, fields: Record<string, string>): Promise<AuthResult<Answered>> {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		form.append(name, value);
	}

	const answer = await apiRequest(options.client, path, {clock: options.clock, timeoutMs: authTimeoutMs, form, ...(options.signal ? {signal: options.signal} : {})});
	if (!answer.ok) {
		return {ok: false, error: {kind: 'failed', failure: answer.failure}};
	}

	const {status, body} = answer;
	if (status >= 200 && status <= 299) {
		return {ok: true, value: {body, receivedAt: options.clock.now()}};
	}

	// OAuth's answers: {"error": "<code>"} with 400 (401 for a refused client or dead credentials).
	const code = isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
	if (code !== undefined && (status === 400 || status === 401)) {
		return {ok: false, error: {kind: 'refused', code, status, message: describeAuthError(code)}};
	}

	if (status === 401) {
		return {ok: false, error: {kind: 'refused', code: 'unauthorized', status, message: describeAuthError('unauthorized')}};
	}

	const detail = errorBodyMessage(body);
	return {ok: false, error: {kind: 'failed', failure: {kind: 'http', status, message: `HTTP ${status}${detail ? `: ${detail}` : ''}`}}};
}

const authErrorWords: Readonly<Record<string, string>> = {
	authorization_pending: 'waiting for someone to approve the code in Frame.io',
	slow_down: 'asked to poll more slowly',
	expired_token: 'the code expired before anyone approved it',
	invalid_client: 'the client id or client secret was refused',
	invalid_grant: 'the grant was refused: the code or the refresh token is no longer valid',
	invalid_request: 'the request was refused (a refresh token that was already used, or a missing field)',
	unauthorized: 'the credentials were refused (HTTP 401)',
};

/** A plain sentence for an OAuth error code, naming the code. */
export function describeAuthError(code: string): string {
	return `${authErrorWords[code] ?? 'refused'} (${code})`;
}

function badBody(message: string): {readonly ok: false; readonly error: AuthFailure} {
	return {ok: false, error: {kind: 'failed', failure: {kind: 'bad-body', message}}};
}

function text(body: unknown, key: string): string | undefined {
	const value = isRecord(body) ? body[key] : undefined;
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function seconds(body: unknown, key: string): number | undefined {
	const value = isRecord(body) ? body[key] : undefined;
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
