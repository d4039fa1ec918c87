import type {IdentitySnapshot} from '../../../core/identity/identity-poller.js';
import {ago, countdown, formatExpiry} from '../../format/format.js';

/** "12s ago · next in 48s", with a queued refresh or a fetch under way. */
export function describeFetch(snapshot: IdentitySnapshot, now: number, separator: string): string {
	const when = snapshot.fetchedAt === null ? 'never' : ago(snapshot.fetchedAt, now);
	return `${when} ${separator} ${fetchActivity(snapshot, now)}`;
}

/**
What the identity's requests are doing now: one under way, one another c2c-status has out for this
device (its answer is shared through the state file; this process asks itself if none comes by
`nextFetchAt`), or when the next goes out.
*/
function fetchActivity(snapshot: IdentitySnapshot, now: number): string {
	if (snapshot.phase === 'fetching') {
		return 'fetching now';
	}

	if (snapshot.waitingForOther) {
		return `waiting for another c2c-status's request, own ${countdown(snapshot.nextFetchAt, now)}`;
	}

	return `${snapshot.refreshQueued ? 'queued, ' : 'next '}${countdown(snapshot.nextFetchAt, now)}`;
}

/** What is wrong with the identity, on one line, what matters first: a half-width panel cuts its end. */
export function describeIdentityProblem(snapshot: IdentitySnapshot, mark: string, now: number): string | undefined {
	const {error} = snapshot;
	if (error) {
		// A 429 says how long it asked for; what a person waits for is the next try.
		return error.kind === 'rate-limited' && snapshot.nextFetchAt !== null
			? `${mark} next try ${countdown(snapshot.nextFetchAt, now)}: ${error.message}`
			: `${mark} ${error.message}`;
	}

	return snapshot.problems.length > 0 ? `${mark} ${snapshot.problems.length} field problem(s): ${snapshot.problems.join('; ')}` : undefined;
}

/** The identity's facts as the panel words them, with "not in the identity" for a field it lacks and "-" before any identity. */
export type IdentityFacts = {
	readonly project: string;
	readonly creator: string;
	readonly expires: string;
	readonly device: string;
	/** All of it on one line, for two lines or fewer: "Testbed · by Harry Potter · expires never". */
	readonly summary: string;
};

export function identityFacts({identity}: IdentitySnapshot, now: number, separator: string): IdentityFacts {
	if (identity === null) {
		return {project: '-', creator: '-', expires: '-', device: '-', summary: 'no identity yet'};
	}

	const unknown = 'not in the identity';
	const project = identity.projectName ?? unknown;
	const creator = identity.creatorName ?? unknown;
	const expires = formatExpiry(identity.expiresAt, now);
	return {project, creator, expires, device: identity.id, summary: `${project} ${separator} by ${creator} ${separator} expires ${expires}`};
}
