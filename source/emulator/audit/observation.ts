/**
What the emulator sees of a client, as the audit records it. Every observation carries `at`, the time
from the emulator's injected Clock. Tokens, refresh tokens and device codes arrive here as received; the
recorder keeps only a hash of each, and no observation's secret ever reaches a verdict.
*/

/** Who sent a request: the TCP peer's address and its User-Agent header (undefined when absent). */
export type Peer = {
	readonly address: string;
	readonly userAgent: string | undefined;
};

/** A bearer token as the emulator resolved it. */
export type TokenUse = {
	readonly token: string;
	/** The device the token belongs to; undefined when no device knows it. */
	readonly deviceId: string | undefined;
	/** What the emulator made of it (expired also covers a token it ended early: a refresh, a revoke, a control). */
	readonly state: 'valid' | 'expired' | 'unknown';
};

/** Every HTTP request (control routes under `/_emulator/` excepted), with the answer's status. */
export type HttpObservation = {
	readonly kind: 'http';
	readonly at: number;
	readonly peer: Peer;
	readonly method: string;
	/** The path without the query. */
	readonly path: string;
	/** The x-client-version header's value, or undefined when absent. */
	readonly clientVersion: string | undefined;
	/** The bearer token of the Authorization header, when one was sent. */
	readonly auth?: TokenUse;
	/** The device a request without a bearer token concerned (a refresh, a device-code poll), when known. */
	readonly deviceId?: string;
	readonly status: number;
};

/** `POST /v2/auth/device/code` answered 200: the code and the `interval` the client was told. */
export type PairingCodeObservation = {
	readonly kind: 'pairing-code';
	readonly at: number;
	readonly peer: Peer;
	readonly deviceCode: string;
	readonly intervalSeconds: number;
};

export type PairingAnswer = 'authorization_pending' | 'slow_down' | 'approved' | 'expired_token' | 'invalid_grant';

/** One poll of `POST /v2/auth/token` with a device code. */
export type PairingPollObservation = {
	readonly kind: 'pairing-poll';
	readonly at: number;
	readonly peer: Peer;
	readonly deviceCode: string;
	readonly answer: PairingAnswer;
	/** The device the code was approved for, once it has been. */
	readonly deviceId?: string;
};

/** `POST /v2/auth/token` with `grant_type=refresh_token`. */
export type RefreshObservation = {
	readonly kind: 'refresh';
	readonly at: number;
	readonly peer: Peer;
	readonly refreshToken: string;
	/** The device that issued the refresh token, whatever its state; undefined when none did. */
	readonly deviceId: string | undefined;
	/** The refresh token had been spent by an earlier refresh. */
	readonly spentBefore: boolean;
	readonly outcome: 'ok' | 'reused' | 'expired' | 'revoked' | 'unknown' | 'refused';
};

export type TokenSource = 'pairing' | 'refresh' | 'control';

/** The emulator issued an access token (with a refresh token, from pairing or a refresh). */
export type TokenIssuedObservation = {
	readonly kind: 'token-issued';
	readonly at: number;
	readonly deviceId: string;
	readonly accessToken: string;
	readonly refreshToken?: string;
	/** When the access token expires (what `expires_in` told the client), or null for never. */
	readonly expiresAt: number | null;
	readonly source: TokenSource;
};

/** A websocket upgrade request and what the emulator did with it. */
export type UpgradeObservation = {
	readonly kind: 'upgrade';
	readonly at: number;
	readonly peer: Peer;
	/**
	The value of the first `Authorization` parameter of the request's query exactly as received, not
	decoded (e.g. `Bearer%20<token>`); undefined when the query has none.
	*/
	readonly queryAuthorization: string | undefined;
	/** The query had an `authorization` parameter in another case (and none named `Authorization`). */
	readonly queryAuthorizationOtherCase?: boolean;
	/** The upgrade request carried an Authorization header. */
	readonly authorizationHeader: boolean;
	/** The token the emulator decoded from the query, when it found one. */
	readonly auth?: TokenUse;
	/** Accepted (101), refused with an HTTP status, or cut without an answer (the refuse-connections fault). */
	readonly outcome: 'accepted' | 'refused' | 'cut';
	readonly status?: number;
	/**
	Refused (or cut) by one of the emulator's faults, whatever the token: the device could not have
	reconnected then, so its time to rejoin starts again. A cut is always a fault.
	*/
	readonly byFault?: boolean;
	/** For a refusal or cut by a fault: when the fault ends (ms since epoch), so the time to rejoin runs from then. */
	readonly faultUntil?: number;
	/** The new socket's id, when accepted. */
	readonly socketId?: number;
};

/** What a received frame looked like, from `inspectFrame`. */
export type FrameShape = {
	/** Why it is not a frame with all four keys; undefined when it is one. */
	readonly problem: string | undefined;
	/** Present only when a string. */
	readonly topic?: string;
	readonly event?: string;
	/** Present only when a string, a number or null. */
	readonly ref?: string | number | null;
};

export type FrameObservation = {
	readonly kind: 'frame';
	readonly at: number;
	readonly socketId: number;
	readonly deviceId: string;
	readonly shape: FrameShape;
};

/** A close the emulator made: a hard drop, a close 1000 (the drop control), 4001, the idle timeout, another. */
export type CloseKind = 'drop' | '1000' | '4001' | 'idle' | 'other';

/** The emulator closed (or cut) a socket; `at` is when it started to. */
export type EmulatorCloseObservation = {
	readonly kind: 'emulator-close';
	readonly at: number;
	readonly socketId: number;
	readonly deviceId: string;
	readonly closeKind: CloseKind;
};

/** A socket closed, whoever closed it (the end of its record). */
export type SocketClosedObservation = {
	readonly kind: 'socket-closed';
	readonly at: number;
	readonly socketId: number;
	readonly deviceId: string;
	readonly code: number;
};

export type Observation =
	| HttpObservation
	| PairingCodeObservation
	| PairingPollObservation
	| RefreshObservation
	| TokenIssuedObservation
	| UpgradeObservation
	| FrameObservation
	| EmulatorCloseObservation
	| SocketClosedObservation;
