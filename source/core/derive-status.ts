import {isIdentityStatus, type StatusUpdate} from '../protocol/phoenix-message.js';
import {assessConfidence, confidenceChangesAt, noEvidence, pausedFreshMs, type PausedConfidence, type PausedEvidence} from './paused-confidence.js';

export {pausedFreshMs, type PausedConfidence, type PausedEvidence} from './paused-confidence.js';

/**
The two things a user needs, as Frame.io's guide asks them to be shown instead of the raw
online/offline status:
- Paused: the device was paused in the C2C Connections tab (from status_updated events and the identity's status).
- Connected: the device can reach Frame.io (the latest /health check succeeded).
*/
export type PausedState = {
	/** Null until the first evidence arrives. */
	readonly value: boolean | null;
	/**
	When the value last changed: the latest moment it can have begun (an event's arrival; an identity
	answer's arrival). The earliest moment is `DerivedStatus.evidence.sinceEarliest`.
	*/
	readonly since: number | null;
	/** Where the current value came from. */
	readonly source: 'event' | 'identity' | null;
	/** How fresh the newest accepted evidence is: an event's arrival, or an identity request's start. */
	readonly evidenceAt: number | null;
};

export type ConnectedState = {
	readonly value: boolean | null;
	readonly since: number | null;
	readonly source: 'health' | null;
	readonly evidenceAt: number | null;
};

export type DerivedStatus = {
	readonly paused: PausedState;
	/** Whether anything confirms Paused now; derived from `evidence` (see paused-confidence.ts). */
	readonly confidence: PausedConfidence;
	readonly connected: ConnectedState;
	/** The identity's raw status (online, offline, paused), kept as a detail only. */
	readonly identityStatus: {readonly value: string | null; readonly at: number} | null;
	/** What the confidence and the change bounds are derived from: the reducer's memory. Views read `confidence`. */
	readonly evidence: PausedEvidence;
};

export type Observation =
	| {readonly kind: 'identity'; readonly status: string | null; readonly requestedAt: number; readonly receivedAt: number}
	| {readonly kind: 'status-event'; readonly value: StatusUpdate; readonly at: number}
	| {readonly kind: 'health'; readonly ok: boolean; readonly at: number}
	/** The device channel was joined, or is not (and why, in words for people: `socket refused`). */
	| {readonly kind: 'channel'; readonly joined: boolean; readonly trouble: string | null; readonly at: number}
	/** The latest identity request failed (`identity failing`), or null once one succeeds. */
	| {readonly kind: 'identity-trouble'; readonly trouble: string | null; readonly at: number};

/** Nothing known yet: unconfirmed, as no device id and no identity are known. */
export const unknownStatus: DerivedStatus = assessConfidence({
	paused: {value: null, since: null, source: null, evidenceAt: null},
	connected: {value: null, since: null, source: null, evidenceAt: null},
	confidence: {confirmed: false, confirmedAt: null, reasons: [], lastEvidence: null},
	identityStatus: null,
	evidence: noEvidence,
}, 0);

/**
Folds one observation into the status. Events can be missed or arrive out of order, so the newest
evidence wins: an identity whose request started after the last event overrides it, while an
identity requested before a fresh event (even if its answer arrives later) does not undo it.
The confidence is assessed as of `now` (by default the observation's own time).
*/
export function deriveStatus(previous: DerivedStatus, observation: Observation, now = observedAt(observation)): DerivedStatus {
	const next = fold(previous, observation);
	return next === previous ? previous : assessConfidence(next, now);
}

/** The status as of `now`: an identity ages out of confirming Paused (the same object when nothing changes). */
export function reassess(status: DerivedStatus, now: number): DerivedStatus {
	return assessConfidence(status, now);
}

/** When the confidence may next change with time alone (an identity ageing out), or null: set a timer for it. */
export function nextReassessAt(status: DerivedStatus): number | null {
	return confidenceChangesAt(status);
}

function fold(previous: DerivedStatus, observation: Observation): DerivedStatus {
	switch (observation.kind) {
		case 'status-event': {
			const {paused, evidence} = previous;
			if (paused.evidenceAt !== null && observation.at < paused.evidenceAt) {
				return previous;
			}

			// An event arrives only on a joined channel: from now on the channel vouches for the value.
			return {
				...previous,
				paused: settlePaused(previous, {value: observation.value === 'paused', source: 'event', evidenceAt: observation.at, changedAt: observation.at}),
				evidence: {...evidence, lastEvidence: 'event', covering: evidence.joinedAt !== null, sinceEarliest: sinceEarliestAfter(previous, observation.value === 'paused', observation.at)},
			};
		}

		case 'identity': {
			return foldIdentity(previous, observation);
		}

		case 'health': {
			const {connected} = previous;
			if (connected.evidenceAt !== null && observation.at < connected.evidenceAt) {
				return previous;
			}

			const value = observation.ok;
			return {
				...previous,
				connected: connected.value === value
					? {...connected, evidenceAt: observation.at}
					: {value, since: observation.at, source: 'health', evidenceAt: observation.at},
			};
		}

		case 'channel': {
			return foldChannel(previous, observation);
		}

		case 'identity-trouble': {
			return previous.evidence.identityTrouble === observation.trouble
				? previous
				: {...previous, evidence: {...previous.evidence, identityTrouble: observation.trouble}};
		}
	}
}

function foldIdentity(previous: DerivedStatus, observation: Extract<Observation, {kind: 'identity'}>): DerivedStatus {
	const detail = previous.identityStatus && previous.identityStatus.at > observation.receivedAt
		? previous.identityStatus
		: {value: observation.status, at: observation.receivedAt};
	const {paused, evidence} = previous;
	// A missing or undocumented status says nothing about pausing: keep it as a detail only.
	const known = isIdentityStatus(observation.status);
	const newer = known && (paused.evidenceAt === null
		|| observation.requestedAt > paused.evidenceAt
		|| (paused.source === 'identity' && observation.requestedAt === paused.evidenceAt));
	if (!newer) {
		return {...previous, identityStatus: detail};
	}

	const value = observation.status === 'paused';
	const {joinedAt} = evidence;
	return {
		...previous,
		identityStatus: detail,
		paused: settlePaused(previous, {value, source: 'identity', evidenceAt: observation.requestedAt, changedAt: observation.receivedAt}),
		evidence: {
			...evidence,
			lastEvidence: 'identity',
			identityAt: observation.requestedAt,
			// A joined channel vouches for the value once no moment since it joined is left unconfirmed.
			covering: evidence.covering || (joinedAt !== null && observation.requestedAt + pausedFreshMs >= joinedAt),
			sinceEarliest: sinceEarliestAfter(previous, value, null),
		},
	};
}

function foldChannel(previous: DerivedStatus, {joined, trouble, at}: Extract<Observation, {kind: 'channel'}>): DerivedStatus {
	const {evidence} = previous;
	if (joined) {
		if (evidence.joinedAt !== null) {
			return previous;
		}

		// Joining vouches for the value only when it is confirmed at that moment: otherwise a pause may
		// have been missed while the channel was down, and only fresh evidence can say.
		const confirmedNow = previous.paused.value !== null && evidence.identityAt !== null && at - evidence.identityAt < pausedFreshMs;
		return {...previous, evidence: {...evidence, joinedAt: at, covering: confirmedNow, socketTrouble: null}};
	}

	if (evidence.joinedAt === null && evidence.socketTrouble === trouble) {
		return previous;
	}

	return {
		...previous,
		evidence: {
			...evidence,
			joinedAt: null,
			covering: false,
			coveredUntil: evidence.covering && evidence.joinedAt !== null ? at : evidence.coveredUntil,
			socketTrouble: trouble,
		},
	};
}

type Evidence = {
	readonly value: boolean;
	readonly source: 'event' | 'identity';
	/** How fresh the evidence is (see PausedState.evidenceAt). */
	readonly evidenceAt: number;
	/** When the value changed, if it did. */
	readonly changedAt: number;
};

/** Paused after accepted evidence: the value (and since when, and from where) or just its freshness. */
function settlePaused({paused}: DerivedStatus, {value, source, evidenceAt, changedAt}: Evidence): PausedState {
	if (paused.value === value) {
		return {...paused, evidenceAt};
	}

	return {value, since: changedAt, source, evidenceAt};
}

/**
The earliest moment a value can have begun: an event's own arrival; for an identity, the newest
evidence that showed the other value (null when the value was first learned: its start is unknown).
Unchanged when the value did not change.
*/
function sinceEarliestAfter({paused, evidence}: DerivedStatus, value: boolean, eventAt: number | null): number | null {
	if (paused.value === value) {
		return evidence.sinceEarliest;
	}

	if (eventAt !== null) {
		return eventAt;
	}

	return paused.value === null ? null : paused.evidenceAt;
}

function observedAt(observation: Observation): number {
	return observation.kind === 'identity' ? observation.receivedAt : observation.at;
}
