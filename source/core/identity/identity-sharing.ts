import process from 'node:process';
import {identityMinIntervalMs} from '../frameio-rules.js';
import type {IdentityMemory, Transaction} from '../state/identity-state-file.js';
import type {DeviceMemory, IdentityRequestClaim, RememberedFailure, RememberedIdentity, Writer} from '../state/device-memory.js';
import {processAlive} from '../utils/process-alive.js';
import type {IdentityFailure} from './identity-request.js';
import type {IdentityOrigin} from './identity-types.js';

/**
A process that took another's identity asks this much later than the window allows, so that the one
that asked last asks again first, and the follower finds its answer instead of asking at the same moment.
*/
export const followerGraceMs = 2000;

/** While another process's request is out, its answer is looked for this often. */
export const claimedRequestPollMs = 1000;

/** What to do instead of, or before, an identity request, decided under the state file's lock. */
export type ShareDecision =
	/** Another process fetched the identity within the window: take its answer. */
	| {readonly kind: 'adopt'; readonly remembered: RememberedIdentity}
	/** Another process's request failed within the window: report its failure. */
	| {readonly kind: 'adopt-failure'; readonly failure: RememberedFailure}
	/** Another process has the request out: wait for its answer. */
	| {readonly kind: 'wait'; readonly claim: IdentityRequestClaim}
	/** The window is not over yet. */
	| {readonly kind: 'not-yet'}
	/** The request is ours: claimed in the file at `claimedAt` (unless it cannot be written), so the others wait for our answer. */
	| {readonly kind: 'ask'; readonly claimedAt?: number};

export type ShareContext = {
	readonly tokenHash: string;
	readonly now: number;
	/** The start of our own current window (undefined: none); waiting for another's claim starts it at the claim. */
	readonly windowStart: number | undefined;
	/**
	When the newest answer this process already has came (its own, or one it took; undefined: none for
	this token). An answer in the file that is not newer is one we have. Not the window's start: an
	answer to a claim we waited for may come in the claim's own millisecond, and must still be taken.
	*/
	readonly seenAt: number | undefined;
	/** The earliest moment our own window (and any Retry-After) allows a request. */
	readonly allowedAt: number;
	/** When we last claimed a request ourselves (our own claim is not another's). */
	readonly ownClaimAt: number | undefined;
};

/** Who is writing: this process. */
export function thisWriter(): Writer {
	return {pid: process.pid};
}

/**
The one decision every process sharing the device makes before an identity request, under the file's
lock so that no two make it at once: take an answer another process got within the window, wait while
another's request is out (until the window it opened is over), or claim the request.
*/
export function decideRequest(memory: DeviceMemory, context: ShareContext): Transaction<ShareDecision> {
	const {tokenHash, now, allowedAt} = context;
	const windowStart = context.windowStart ?? Number.NEGATIVE_INFINITY;
	const newest = newestOutcome(memory, tokenHash);
	if (newest && newest.at > (context.seenAt ?? Number.NEGATIVE_INFINITY) && now - newest.at < identityMinIntervalMs) {
		return {result: newest.decision};
	}

	const claim = memory.lastRequest;
	if (claim?.tokenHash === tokenHash && claim.at >= windowStart && claim.at !== context.ownClaimAt
		&& now - claim.at < identityMinIntervalMs && (newest?.requestedAt ?? Number.NEGATIVE_INFINITY) < claim.at) {
		return {result: {kind: 'wait', claim}};
	}

	if (now < allowedAt) {
		return {result: {kind: 'not-yet'}};
	}

	return {result: {kind: 'ask', claimedAt: now}, write: {lastRequest: {at: now, tokenHash, by: thisWriter()}}};
}

/**
What the memory says to do, decided under its lock (`context` is read once the lock is held); without a
memory, or when it cannot be locked or written (it says so itself), no process can be told: the request
is ours, within our own window. The next decision tries the lock again.
*/
export async function decideShared(memory: IdentityMemory | undefined, context: () => ShareContext): Promise<ShareDecision> {
	if (memory) {
		try {
			return await memory.transact(kept => decideRequest(kept, context()));
		} catch {}
	}

	const {now, allowedAt} = context();
	return now < allowedAt ? {kind: 'not-yet'} : {kind: 'ask'};
}

type Outcome = {readonly at: number; readonly requestedAt: number; readonly decision: ShareDecision};

/** The newest answer (an identity, or a failure) any process got with this token. */
function newestOutcome({identity, lastFailure}: DeviceMemory, tokenHash: string): Outcome | undefined {
	const fetched: Outcome | undefined = identity?.tokenHash === tokenHash
		? {at: identity.fetchedAt, requestedAt: identity.requestedAt, decision: {kind: 'adopt', remembered: identity}}
		: undefined;
	const failed: Outcome | undefined = lastFailure?.tokenHash === tokenHash
		? {at: lastFailure.at, requestedAt: lastFailure.requestedAt, decision: {kind: 'adopt-failure', failure: lastFailure}}
		: undefined;
	if (!fetched || !failed) {
		return fetched ?? failed;
	}

	return failed.at > fetched.at ? failed : fetched;
}

/**
Where an answer found in the state file came from: `pair` fetched it right after pairing; another
process did while this one runs (or before, and is still running); else the last run left it.
*/
export function originOf(by: Writer | undefined, at: number, startedAt: number): IdentityOrigin {
	if (by?.pairing) {
		return 'pairing';
	}

	if (at >= startedAt) {
		return 'other-process';
	}

	return by !== undefined && by.pid !== process.pid && processAlive(by.pid) ? 'other-process' : 'last-run';
}

/** The failure another process's request met, as this process reports it. */
export function failureOf({kind, message, status, retryAfterMs}: RememberedFailure): IdentityFailure {
	return {kind, message, ...(status === undefined ? {} : {status}), ...(retryAfterMs === undefined ? {} : {retryAfterMs})};
}
