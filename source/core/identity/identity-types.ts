import type {KyInstance} from 'ky';
import type {Clock} from '../clock.js';
import type {IdentityMemory} from '../state/identity-state-file.js';
import type {Identity} from './identity.js';
import type {IdentityFailure} from './identity-request.js';

/**
Where an identity (or a failed request) came from: this process fetched it; the last run left it in
the state file; another process sharing the device (a `check` from cron, a second monitor) fetched it,
and at start that process is still running; or `c2c-status pair` fetched it right after pairing.
*/
export type IdentityOrigin = 'fetched' | 'last-run' | 'other-process' | 'pairing';

/** Waiting for another process's identity request (it claimed the request first) instead of sending our own. */
export type IdentityWait = {
	/** When the other process claimed the request. */
	readonly claimedAt: number;
	/**
	When we send our own if no answer has come by then: when the window its request opened is over (the
	60 s rule). Its request gives up within 10 s, and its answer or failure is written at once, so only a
	process that died with the request out leaves the wait to run its course.
	*/
	readonly ownRequestAt: number;
};

export type IdentitySnapshot = {
	readonly phase: 'idle' | 'fetching' | 'ok' | 'error' | 'stopped';
	/** The last good identity; kept (and marked stale) when later fetches fail. */
	readonly identity: Identity | null;
	/** Where the identity came from (or, with no identity, the latest failure). */
	readonly origin: IdentityOrigin | null;
	/** Fields of the last good identity that were missing or ill-typed. */
	readonly problems: readonly string[];
	readonly fetchedAt: number | null;
	readonly lastAttemptAt: number | null;
	/** The latest attempt's failure, or null when it succeeded. */
	readonly error: IdentityFailure | null;
	readonly stale: boolean;
	/** When the next request goes out (while waiting for another process: our own fallback request). */
	readonly nextFetchAt: number | null;
	/** The earliest moment the 60 s rule allows the next request. */
	readonly nextAllowedAt: number | null;
	/** A manual refresh is waiting for nextAllowedAt. */
	readonly refreshQueued: boolean;
	/** Requests sent since start. */
	readonly requests: number;
	/**
	Another process sharing the device has the request out: its answer is awaited (looked for once a
	second) instead of a request of our own, until `ownRequestAt`. Null otherwise.
	*/
	readonly waitingForOther: IdentityWait | null;
};

export type IdentityResult =
	| {
		readonly ok: true;
		readonly origin: IdentityOrigin;
		readonly identity: Identity;
		readonly problems: readonly string[];
		readonly requestedAt: number;
		readonly receivedAt: number;
		/** Null for an identity this process did not fetch itself. */
		readonly latencyMs: number | null;
	}
	| {
		readonly ok: false;
		/** `fetched`, or `other-process` / `last-run` for a failure another process's request met (within the window). */
		readonly origin: IdentityOrigin;
		readonly failure: IdentityFailure;
		readonly requestedAt: number;
		readonly receivedAt: number;
	};

/** What a manual refresh did: fetched now, queued for the end of the 60 s window, or nothing. */
export type RefreshOutcome = 'now' | 'queued' | 'in-flight' | 'stopped';

export type IdentityPollerOptions = {
	readonly clock: Clock;
	/** The API's authorized ky instance (api-client.ts). */
	readonly client: KyInstance;
	/** The token in use now (the window is counted per token). */
	readonly getToken: () => string;
	/** Keeps the last identity across restarts and processes (the state file); it reports its own write problems. */
	readonly memory?: IdentityMemory;
	readonly timeoutMs?: number;
};

export const idleIdentity: IdentitySnapshot = {
	phase: 'idle', identity: null, origin: null, problems: [], fetchedAt: null, lastAttemptAt: null, error: null,
	stale: false, nextFetchAt: null, nextAllowedAt: null, refreshQueued: false, requests: 0, waitingForOther: null,
};
