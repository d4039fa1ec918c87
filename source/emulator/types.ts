import type {Clock} from '../core/clock.js';
import type {IdentityStatus, PhoenixRef} from '../protocol/phoenix-message.js';
import type {AuditBreach, AuditReport} from './audit/audit-report.js';
import type {AuthErrorCode} from './http/error-bodies.js';

/** One emulated C2C device: its identity, the access token it accepts, and whether it is paused. */
export type DeviceSeed = {
	readonly id: string;
	readonly token: string;
	readonly name?: string;
	readonly projectId?: string;
	readonly projectName?: string;
	readonly creatorName?: string;
	/** ISO 8601, or null for a connection that never expires (the default). */
	readonly expiresAt?: string | null;
	readonly paused?: boolean;
};

/** `{"ok": true}` as the status guide shows, or `{"status": "ok"}` as the API reference documents. */
export type HealthShape = 'ok' | 'status';

export type EmulatorOptions = {
	/** 0 (the default) picks a free port. */
	readonly port?: number;
	/** Defaults to 127.0.0.1. */
	readonly host?: string;
	/** The default device's token; defaults to "demo". Ignored when `devices` is given. */
	readonly token?: string;
	/** The default device's id; a fixed UUID by default. Ignored when `devices` is given. */
	readonly deviceId?: string;
	/** Several devices; the first is the default one that control calls act on. */
	readonly devices?: readonly DeviceSeed[];
	/** Close a socket that has sent nothing for this long. Default 60. */
	readonly idleTimeoutSeconds?: number;
	readonly healthShape?: HealthShape;
	/** Answer identity requests closer than 60 s apart (per token) with 429 instead of only counting them. */
	readonly strictRateLimit?: boolean;
	/** The client_secret that pairing, refresh and revoke require. Default "emulator-secret". */
	readonly clientSecret?: string;
	/**
	The lifetime of access tokens issued by pairing and refresh (and their `expires_in`): more than 0,
	at most 28800 (the default, Frame.io's 8 hours). Refresh tokens last 14 days whatever it is.
	*/
	readonly tokenTtlSeconds?: number;
	/** Time source for activity, rate-limit windows, token expiry and the idle timeout. */
	readonly clock?: Clock;
	/** Where the emulator reports what happens (connections, malformed frames). Silent by default. */
	readonly log?: (line: string) => void;
	/**
	Run the referee (`--audit`): record what every client does and judge it against Frame.io's rules.
	Each rule a client breaks goes to `onBreach` once, as it happens (to `log` as one line without it).
	Off by default: then no hook records anything.
	*/
	readonly audit?: boolean | {readonly onBreach?: (breach: AuditBreach) => void};
};

export type EmulatorFaults = {
	/** Heartbeats get no reply; everything else works. */
	readonly silentHeartbeats: boolean;
	/** Half-open: every inbound frame is ignored and nothing is sent; the socket stays open. */
	readonly halfOpen: boolean;
	/** Every reply waits this long before it is sent. */
	readonly replyDelayMs: number;
	/** Replies are held in pairs and sent newest first. */
	readonly reorderReplies: boolean;
	/** Status_updated events are not delivered. */
	readonly dropEvents: boolean;
	/** Every phx_join is answered with an error reply, {"reason": "unauthorized"}. */
	readonly refuseJoins: boolean;
	/** Websocket upgrades are cut (socket destroyed) until this time (ms since epoch), or null. */
	readonly refuseConnectionsUntil: number | null;
	/** Websocket upgrades are answered 403, whatever the token, until this time (ms since epoch), or null. */
	readonly forbidConnectionsUntil: number | null;
	/** Every HTTP response waits this long. */
	readonly httpLatencyMs: number;
	/** The auth endpoints (device code, token, revoke) answer 503 until this time (ms since epoch), or null. */
	readonly authUnavailableUntil: number | null;
};

/** What `POST /_emulator/faults` (and `control.setFaults`) accepts. */
export type FaultsRequest = Partial<Omit<EmulatorFaults, 'refuseConnectionsUntil' | 'forbidConnectionsUntil' | 'authUnavailableUntil'>> & {
	/** Refuse websocket upgrades for this many seconds from now (0 stops refusing). */
	readonly refuseConnectionsForSeconds?: number;
	/** Answer websocket upgrades 403 for this many seconds from now, whatever the token (0 ends it). */
	readonly forbidConnectionsForSeconds?: number;
	/** The auth endpoints answer 503 for this many seconds from now (0 ends the outage). */
	readonly authUnavailableForSeconds?: number;
	/** One-shot: send each kind of malformed frame to every open socket now. */
	readonly sendMalformed?: boolean;
	/** One-shot: send an event with this name on every joined device topic now. */
	readonly sendUnknownEvent?: string;
	/** Clear every fault first. */
	readonly reset?: boolean;
};

export type IdentityRequestRecord = {
	readonly at: number;
	/** Closer than 60 s after the previous identity request with the same token. */
	readonly tooSoon: boolean;
	readonly status: number;
};

export type DeviceState = {
	readonly id: string;
	readonly name: string;
	readonly paused: boolean;
	/** What `/v2/devices/me` would answer now: paused, online (active within 5 min) or offline. */
	readonly status: IdentityStatus;
	readonly lastActivityAt: number | null;
	/** Identity requests made with one of this device's tokens (the most recent 500; `identityTooSoon` counts all). */
	readonly identityRequests: readonly IdentityRequestRecord[];
	readonly identityTooSoon: number;
	readonly statusEventsSent: number;
	/** Upgrades accepted, and refused with 403 for one of this device's tokens that has expired. */
	readonly connectionsAccepted: number;
	readonly connectionsRejected: number;
} & TokenCounts;

/** What happened to a device's tokens at the auth endpoints (never the tokens themselves). */
export type TokenCounts = {
	/** Token pairs issued: by pairing and by refresh (not by the issue-token control). */
	readonly tokensIssued: number;
	/** Successful refreshes. */
	readonly refreshes: number;
	/**
	Refreshes refused with one of this device's refresh tokens, by the error code answered, e.g.
	`{"invalid_request": 1}` for a reused one. A refresh token no device knows is counted nowhere.
	*/
	readonly refreshesRefused: Readonly<Partial<Record<AuthErrorCode, number>>>;
	/** `POST /v2/auth/revoke` calls that named one of this device's tokens. */
	readonly revocations: number;
};

export type HeartbeatRecord = {
	readonly at: number;
	readonly ref: PhoenixRef;
};

export type ConnectionState = {
	readonly id: number;
	readonly deviceId: string;
	readonly connectedAt: number;
	readonly lastReceivedAt: number;
	readonly joinedTopics: readonly string[];
	/** Heartbeats received, answered or not (the most recent 500). */
	readonly heartbeats: readonly HeartbeatRecord[];
	readonly framesIn: number;
	readonly framesOut: number;
};

export type PendingCodeState = {
	readonly userCode: string;
	readonly deviceId: string | null;
	readonly approved: boolean;
	readonly expiresAt: number;
};

export type EmulatorState = {
	readonly now: number;
	/** `checks`: GET /health requests answered, either way. */
	readonly health: {readonly ok: boolean; readonly shape: HealthShape; readonly checks: number};
	readonly strictRateLimit: boolean;
	readonly faults: EmulatorFaults;
	readonly devices: readonly DeviceState[];
	/** Open sockets only. */
	readonly connections: readonly ConnectionState[];
	readonly pendingCodes: readonly PendingCodeState[];
	/** Frames received that were not valid Phoenix messages. */
	readonly malformedReceived: number;
	/**
	Upgrades refused with 403 for a missing, unknown or expired token: the sum of every device's
	connectionsRejected (its own tokens, expired) and upgradesRejectedUnknownToken.
	*/
	readonly upgradesRejected: number;
	/** Upgrades refused with 403 for a token that no device knows (or none at all). */
	readonly upgradesRejectedUnknownToken: number;
};

/** What a flood does once every frame has been written: pause the device (the default), resume it, or nothing. */
export type FloodAfterwards = 'pause' | 'resume' | 'none';

/** What `POST /_emulator/flood` (`{"device"}` for `deviceId`) and `control.flood` accept; every field is optional. */
export type FloodOptions = {
	/** How many frames each joined socket gets: 1 to 10,000,000, default 100,000. */
	readonly count?: number;
	/** The size of each payload's JSON, `{"seq":<n>,"pad":"xx…"}`: 0 to 524,288, default 60 (never less than with an empty pad). */
	readonly payloadBytes?: number;
	/** The event's name, default "flood" (an event the monitor does not know). */
	readonly event?: string;
	readonly afterwards?: FloodAfterwards;
	/**
	True (the default): each batch of frames (up to the high-water mark) is corked and goes out in one
	write, as a busy server's writes coalesce on a real network. False: each frame is written on its
	own, so a reader that keeps up reads (nearly) one frame at a time on loopback.
	*/
	readonly batch?: boolean;
	/** The default device when not given. */
	readonly deviceId?: string;
};

export type FloodSocketResult = {
	/** The connection's id, as in the state's `connections`. */
	readonly id: number;
	readonly sent: number;
	/** Every frame was written to the socket (false: it closed, or a send failed, first). */
	readonly complete: boolean;
};

export type FloodResult = {
	readonly device: string;
	readonly topic: string;
	readonly event: string;
	readonly count: number;
	readonly payloadBytes: number;
	/** The size of the first frame, in bytes. */
	readonly frameBytes: number;
	/** One entry per socket that had joined the topic when the flood started. */
	readonly sockets: readonly FloodSocketResult[];
	/** Frames sent, over every socket. */
	readonly sent: number;
	/** Wall time from the start until the last frame was written to every socket, in ms. */
	readonly ms: number;
	readonly afterwards: FloodAfterwards;
	readonly batch: boolean;
	/** How many sockets got the status_updated that `afterwards` caused (0 for "none", or when events are dropped). */
	readonly statusSent: number;
};

/**
The control API, in-process. `POST /_emulator/*` maps one to one onto these. An unknown device,
a missing pairing code or a bad fault value throws a `ControlError` (with the HTTP status the
control routes answer with).
*/
export type EmulatorControl = {
	pause(deviceId?: string): void;
	resume(deviceId?: string): void;
	setHealth(ok: boolean): void;
	/**
	Close every socket (of one device, when named): with a close frame, 1000 unless `code` says another
	(1000, or 4000 to 4999: 4001 say), or cut without one when hard.
	*/
	drop(options?: {readonly hard?: boolean; readonly deviceId?: string; readonly code?: number}): number;
	/** Expire every access token of the device: identity answers 401 and upgrades 403. */
	expireToken(deviceId?: string): void;
	/** A new access token for the device that does not expire on its own (no refresh token comes with it). */
	issueToken(deviceId?: string): {readonly token: string; readonly device: string};
	/**
	Makes every refresh token of the device unusable (a later refresh gets `invalid_grant`), as when
	Frame.io forgets a pairing; access tokens keep working until they expire. Returns how many were live.
	*/
	revokeRefreshTokens(deviceId?: string): number;
	/** Approve a pending pairing code (the newest when none is named), pairing it to a device. */
	approve(options?: {readonly userCode?: string; readonly deviceId?: string}): PendingCodeState;
	setFaults(request: FaultsRequest): EmulatorFaults;
	/**
	Pushes `count` frames of an unknown event to every socket joined to the device's topic, as fast as
	each socket's backpressure allows, and once the last one has been written pauses the device (as
	`pause` does: joined sockets get status_updated "paused"). Resolves when that is done. Rejects with
	a ControlError: 400 for a bad option, 404 for an unknown device, 409 when no socket has joined the
	topic, another flood is running, or the device is already in the state `afterwards` asks for.
	*/
	flood(options?: FloodOptions): Promise<FloodResult>;
	state(): EmulatorState;
	/** In-process only: calls `listener` each time a socket joins its device's topic; returns a function that stops it. */
	onJoined(listener: (deviceId: string) => void): () => void;
};

export type RunningEmulator = {
	/** Base URL, e.g. http://127.0.0.1:4010 */
	readonly url: string;
	readonly port: number;
	readonly control: EmulatorControl;
	/** The referee's verdicts so far (`GET /_emulator/audit`); undefined unless started with `audit`. */
	readonly audit: {report(): AuditReport} | undefined;
	/** Stops listening, cuts every socket and clears every timer. */
	close(): Promise<void>;
};
