import {isIdentityStatus, type StatusUpdate} from '../protocol/phoenix-message.js';

/**
The two things a user needs, as Frame.io's guide asks them to be shown instead of the raw
online/offline status:
- Paused: the device was paused in the C2C Connections tab (from status_updated events and the identity's status).
- Connected: the device can reach Frame.io (the latest /health check succeeded).
*/
export type PausedState = {
	/** Null until the first evidence arrives. */
	readonly value: boolean | null;
	/** When the value last changed. */
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

/**
Whether anything confirms Paused now (issue 15). Paused is confirmed while the device's channel is
joined (a status_updated event would arrive) or while the newest identity is under about 75 s old;
otherwise the last value is kept but said to be unconfirmed, with why and since when.
*/
export type PausedConfidence = {
	readonly confirmed: boolean;
	/** When Paused was last confirmed (null if never): the newest evidence, or the last moment the channel was joined. */
	readonly confirmedAt: number | null;
	/** Why it is not confirmed, in words for people (`socket refused`, `identity failing`); empty while confirmed. */
	readonly reasons: readonly string[];
	/** What the newest accepted evidence was (an event, or an identity), which may differ from what set the value. */
	readonly lastEvidence: 'event' | 'identity' | null;
};

export type DerivedStatus = {
	readonly paused: PausedState;
	readonly confidence: PausedConfidence;
	readonly connected: ConnectedState;
	/** The identity's raw status (online, offline, paused), kept as a detail only. */
	readonly identityStatus: {readonly value: string | null; readonly at: number} | null;
};

export type Observation =
	| {readonly kind: 'identity'; readonly status: string | null; readonly requestedAt: number; readonly receivedAt: number}
	| {readonly kind: 'status-event'; readonly value: StatusUpdate; readonly at: number}
	| {readonly kind: 'health'; readonly ok: boolean; readonly at: number};

export const unknownStatus: DerivedStatus = {
	paused: {value: null, since: null, source: null, evidenceAt: null},
	connected: {value: null, since: null, source: null, evidenceAt: null},
	confidence: {confirmed: false, confirmedAt: null, reasons: [], lastEvidence: null},
	identityStatus: null,
};

/**
Folds one observation into the status. Events can be missed or arrive out of order, so the newest
evidence wins: an identity whose request started after the last event overrides it, while an
identity requested before a fresh event (even if its answer arrives later) does not undo it.
*/
export function deriveStatus(previous: DerivedStatus, observation: Observation): DerivedStatus {
	switch (observation.kind) {
		case 'status-event': {
			const {paused} = previous;
			if (paused.evidenceAt !== null && observation.at < paused.evidenceAt) {
				return previous;
			}

			return {...previous, paused: settle(paused, {value: observation.value === 'paused', source: 'event', evidenceAt: observation.at, changedAt: observation.at})};
		}

		case 'identity': {
			const detail = previous.identityStatus && previous.identityStatus.at > observation.receivedAt
				? previous.identityStatus
				: {value: observation.status, at: observation.receivedAt};
			const {paused} = previous;
			// A missing or undocumented status says nothing about pausing: keep it as a detail only.
			const known = isIdentityStatus(observation.status);
			const newer = known && (paused.evidenceAt === null
				|| observation.requestedAt > paused.evidenceAt
				|| (paused.source === 'identity' && observation.requestedAt === paused.evidenceAt));
			if (!newer) {
				return {...previous, identityStatus: detail};
			}

			return {
				...previous,
				identityStatus: detail,
				paused: settle(paused, {value: observation.status === 'paused', source: 'identity', evidenceAt: observation.requestedAt, changedAt: observation.receivedAt}),
			};
		}

		case 'health': {
			const {connected} = previous;
			if (connected.evidenceAt !== null && observation.at < connected.evidenceAt) {
				return previous;
			}

			return {...previous, connected: settle(connected, {value: observation.ok, source: 'health', evidenceAt: observation.at, changedAt: observation.at})};
		}
	}
}

type Evidence<S extends PausedState | ConnectedState> = {
	readonly value: boolean;
	readonly source: NonNullable<S['source']>;
	/** How fresh the evidence is (see PausedState.evidenceAt). */
	readonly evidenceAt: number;
	/** When the value changed, if it did. */
	readonly changedAt: number;
};

/** The state after accepted evidence: the value (and since when, and from where) or just its freshness. */
function settle<S extends PausedState | ConnectedState>(state: S, {value, source, evidenceAt, changedAt}: Evidence<S>): S {
	if (state.value === value) {
		return {...state, evidenceAt};
	}

	return {...state, value, since: changedAt, source, evidenceAt};
}
