/**
How long an identity confirms Paused on its own (no joined channel): the 60 s identity window, plus
room for the request and its answer, so that polling once a minute keeps Paused confirmed without a gap.
*/
export const pausedFreshMs = 75_000;

/**
Whether anything confirms Paused now (issue 15). Paused is confirmed while the device channel is
joined and vouches for the value (a status_updated event would arrive), or while the newest identity
is under pausedFreshMs old; otherwise the last value is kept but said to be unconfirmed, with why and
since when. Views, NDJSON, metrics, hooks and `check` all read this one derivation.
*/
export type PausedConfidence = {
	readonly confirmed: boolean;
	/**
	When Paused was last confirmed (null while it is unknown). While confirmed: the newest evidence, or
	the moment the vouching channel joined if that is later. Once unconfirmed: the last moment it was
	confirmed, the moment the vouching channel was left or the newest evidence, whichever is later.
	*/
	readonly confirmedAt: number | null;
	/**
	Why it is not confirmed, socket first, in words for people; empty while confirmed. The socket's:
	`no socket`, `no device id yet`, `socket connecting`, `joining channel`, `join refused`, `channel lost`,
	`socket closed`, `socket refused`, `stopped`, `events may have been missed` (joined, but a pause may have been
	missed while it was down). The identity's: `token rejected`, `identity rate limited`, `identity failing`,
	`no identity yet`, `identity stale` (older than pausedFreshMs).
	*/
	readonly reasons: readonly string[];
	/** What the newest accepted evidence was (an event, or an identity), which may differ from what set the value. */
	readonly lastEvidence: 'event' | 'identity' | null;
};

/** What the confidence is derived from (the reducer's memory). */
export type PausedEvidence = {
	/** When the device channel joined, while it is joined; null while it is not. */
	readonly joinedAt: number | null;
	/** The joined channel vouches for the value: it joined while the value was confirmed, or evidence arrived since. */
	readonly covering: boolean;
	/** When a vouching channel was last left. */
	readonly coveredUntil: number | null;
	/** The request start of the newest identity accepted as evidence. */
	readonly identityAt: number | null;
	readonly lastEvidence: 'event' | 'identity' | null;
	/** Why the channel is not joined (null while it is). */
	readonly socketTrouble: string | null;
	/** Why the latest identity request failed (null after a success). */
	readonly identityTrouble: string | null;
	/**
	The earliest moment the current Paused value can have begun: an event's arrival; for an identity,
	the newest evidence that showed the other value; null when the value was first learned.
	*/
	readonly sinceEarliest: number | null;
};

export const noEvidence: PausedEvidence = {
	joinedAt: null, covering: false, coveredUntil: null, identityAt: null, lastEvidence: null,
	socketTrouble: 'no device id yet', identityTrouble: null, sinceEarliest: null,
};

type Assessed = {
	readonly paused: {readonly value: boolean | null; readonly evidenceAt: number | null};
	readonly evidence: PausedEvidence;
	readonly confidence: PausedConfidence;
};

/** The confidence as of `now`; the same object when it reads the same. */
export function assessConfidence<S extends Assessed>(status: S, now: number): S {
	const next = confidenceOf(status, now);
	const previous = status.confidence;
	const same = previous.confirmed === next.confirmed && previous.confirmedAt === next.confirmedAt
		&& previous.lastEvidence === next.lastEvidence && previous.reasons.join('\n') === next.reasons.join('\n');
	return same ? status : {...status, confidence: next};
}

/** When the confidence may next change with time alone (an identity ageing out), or null. */
export function confidenceChangesAt({paused, evidence, confidence}: Assessed): number | null {
	if (!confidence.confirmed || evidence.covering || paused.value === null || evidence.identityAt === null) {
		return null;
	}

	return evidence.identityAt + pausedFreshMs;
}

function confidenceOf({paused, evidence}: Assessed, now: number): PausedConfidence {
	const {lastEvidence} = evidence;
	if (paused.value === null) {
		return {confirmed: false, confirmedAt: null, reasons: reasonsFor(evidence, false, now), lastEvidence};
	}

	const identityFresh = evidence.identityAt !== null && now - evidence.identityAt < pausedFreshMs;
	const evidenceAt = paused.evidenceAt ?? Number.NEGATIVE_INFINITY;
	if (evidence.covering || identityFresh) {
		const joinedAt = evidence.covering ? evidence.joinedAt ?? Number.NEGATIVE_INFINITY : Number.NEGATIVE_INFINITY;
		return {confirmed: true, confirmedAt: finite(Math.max(evidenceAt, joinedAt)), reasons: [], lastEvidence};
	}

	const confirmedAt = finite(Math.max(evidenceAt, evidence.coveredUntil ?? Number.NEGATIVE_INFINITY));
	return {confirmed: false, confirmedAt, reasons: reasonsFor(evidence, true, now), lastEvidence};
}

function reasonsFor(evidence: PausedEvidence, known: boolean, now: number): string[] {
	// Joined without vouching: a pause may have been missed while the channel was down (moot while nothing is known).
	const joinedReason = evidence.covering || !known ? null : 'events may have been missed';
	const socket = evidence.joinedAt === null ? evidence.socketTrouble : joinedReason;
	let identity = evidence.identityTrouble;
	if (identity === null) {
		if (evidence.identityAt === null) {
			identity = 'no identity yet';
		} else if (now - evidence.identityAt >= pausedFreshMs) {
			identity = 'identity stale';
		}
	}

	return [socket, identity].filter((reason): reason is string => reason !== null);
}

function finite(value: number): number | null {
	return Number.isFinite(value) ? value : null;
}
