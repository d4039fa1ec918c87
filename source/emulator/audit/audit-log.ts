import {createHash} from 'node:crypto';
import {ruleIds, type RuleId} from './audit-rules.js';
import type {CloseKind, TokenSource} from './observation.js';
import type {RecentSet} from './recent-set.js';
import {emptyTally, type Note, type Tally} from './tally.js';

/**
How much the log keeps, whatever the length of the session: an integrator may leave a device on the
emulator for hours. Beyond these, the oldest entries are forgotten (rules keep running aggregates).
*/
export const auditLimits = {
	/** Clients told apart by address and user agent (requests without a token a device knows). */
	peers: 256,
	/** Access tokens, and refresh tokens, remembered per device. */
	tokensPerDevice: 64,
	/** Open sockets (a socket is forgotten when it closes). */
	sockets: 1024,
	/** Closes still waiting for a rejoin. */
	pendingCloses: 64,
	/** Device codes from pairing. */
	deviceCodes: 32,
	/** Refs remembered per socket, to tell a reused one. */
	refsPerSocket: 64,
	/** User agents shown per client. */
	userAgents: 4,
} as const;

/** A short one-way hash: the log tells tokens apart without holding them. */
export function secretKey(secret: string): string {
	return createHash('sha256').update(secret).digest('base64url').slice(0, 22);
}

export type TokenWatch = {
	/** 1, 2, 3 … per device, in the order the audit met them: how evidence names a token. */
	readonly index: number;
	/** How the emulator gave it out; `configured` for one it never issued here (the `--token` seed). */
	readonly source: TokenSource | 'configured';
	readonly expiresAt: number | null;
	firstUsedAt: number | null;
	/** The first identity request with it. */
	identityAt: number | null;
	lastIdentityAt: number | null;
	/** When a refresh replaced it. */
	supersededAt: number | null;
};

export type RefreshWatch = {
	readonly index: number;
	/** The access token issued with it (a refresh with it replaces that token). */
	readonly accessKey: string;
	spentAt: number | null;
};

export type SocketWatch = {
	readonly id: number;
	readonly deviceId: string;
	readonly openedAt: number;
	/** The first join of its own topic. */
	joinedAt: number | null;
	/** The last heartbeat on a joined socket (the join itself to begin with). */
	lastBeatAt: number | null;
	/** The current heartbeat gap has already been counted as an offence. */
	beatOverdue: boolean;
	/** The socket has already been counted as never joining. */
	joinOverdue: boolean;
	/** When it closed or the emulator began to close it: its heartbeats are no longer watched. */
	closedAt: number | null;
	readonly refs: RecentSet<string | number>;
};

export type PendingClose = {
	readonly clientKey: string;
	readonly deviceId: string;
	readonly socketId: number;
	readonly closeKind: CloseKind;
	readonly at: number;
	/** A reconnect and a join must come before this (moved on while the emulator cuts upgrades). */
	dueAt: number;
	reconnectedAt: number | null;
};

export type AwaitedIdentity = {
	readonly clientKey: string;
	readonly tokenKey: string;
	readonly firstUsedAt: number;
};

export type CodeWatch = {
	readonly index: number;
	/** The client that asked for the code. */
	readonly peerKey: string;
	/** The device it was approved for, once it has been. */
	deviceId: string | null;
	readonly intervalMs: number;
	/** The interval, 5 s more for each slow_down. */
	requiredMs: number;
	slowDowns: number;
	lastPollAt: number | null;
	readonly tally: Tally;
};

/** One client: a device (every request with one of its tokens), or a peer (address and user agent) for the rest. */
export type ClientLog = {
	readonly key: string;
	readonly deviceId: string | null;
	readonly address: string | null;
	readonly userAgents: string[];
	readonly tallies: Record<RuleId, Tally>;
	/** Heartbeats sent on a topic other than `phoenix` (they do not count as heartbeats). */
	misdirectedHeartbeats: number;
	/**
	The last upgrade of this client that was refused or cut, until its next attempt; with the hash of
	its token when it was refused with 403 (a fault's too: the device cannot tell) and was not itself
	the quick retry with a new token that such a refusal allows.
	*/
	lastFailedUpgrade: (Note & {readonly refusedTokenKey: string | null}) | null;
	readonly tokens: Map<string, TokenWatch>;
	nextTokenIndex: number;
	readonly refreshTokens: Map<string, RefreshWatch>;
	nextRefreshIndex: number;
	/** Sockets whose own topic was joined. */
	joinedSockets: number;
};

export type AuditLog = {
	/** By key: `device:<id>` or `peer:<address> <user agent>`, in the order first seen. */
	readonly clients: Map<string, ClientLog>;
	/** Peer key → the devices whose tokens it used. */
	readonly links: Map<string, Set<string>>;
	readonly sockets: Map<number, SocketWatch>;
	readonly pendingCloses: PendingClose[];
	/** Tokens first used and not yet followed by an identity request, by `<client key> <token key>`. */
	readonly awaitedIdentity: Map<string, AwaitedIdentity>;
	/** By device-code hash. */
	readonly codes: Map<string, CodeWatch>;
	nextCodeIndex: number;
	/** Closes forgotten because too many were waiting, peers forgotten beyond the limit. */
	forgotten: {closes: number; peers: number};
};

export function emptyAuditLog(): AuditLog {
	return {
		clients: new Map(),
		links: new Map(),
		sockets: new Map(),
		pendingCloses: [],
		awaitedIdentity: new Map(),
		codes: new Map(),
		nextCodeIndex: 1,
		forgotten: {closes: 0, peers: 0},
	};
}

export function emptyClientLog(key: string, deviceId: string | null, address: string | null): ClientLog {
	const tallies = Object.fromEntries(ruleIds.map(rule => [rule, emptyTally()])) as Record<RuleId, Tally>;
	return {
		key,
		deviceId,
		address,
		userAgents: [],
		tallies,
		misdirectedHeartbeats: 0,
		lastFailedUpgrade: null,
		tokens: new Map(),
		nextTokenIndex: 1,
		refreshTokens: new Map(),
		nextRefreshIndex: 1,
		joinedSockets: 0,
	};
}

export function deviceKey(deviceId: string): string {
	return `device:${deviceId}`;
}

export function peerKey(address: string, userAgent: string | undefined): string {
	return `peer:${address} ${userAgent ?? ''}`;
}
