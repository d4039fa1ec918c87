import {describe, expect, it} from 'vitest';
import {deriveStatus, nextReassessAt, pausedFreshMs, reassess, unknownStatus, type DerivedStatus, type Observation} from '../../source/core/derive-status.js';

const event = (value: 'paused' | 'resumed', at: number): Observation => ({kind: 'status-event', value, at});
const identity = (status: string | null, requestedAt: number, receivedAt = requestedAt + 100): Observation => ({kind: 'identity', status, requestedAt, receivedAt});
const health = (ok: boolean, at: number): Observation => ({kind: 'health', ok, at});
const fold = (...observations: Observation[]): DerivedStatus => {
	let status = unknownStatus;
	for (const observation of observations) {
		status = deriveStatus(status, observation);
	}

	return status;
};

describe('deriveStatus: paused', () => {
	it('is unknown until the first evidence', () => {
		expect(unknownStatus.paused.value).toBeNull();
		expect(fold(health(true, 1)).paused.value).toBeNull();
	});

	it('takes a status_updated event as the first evidence', () => {
		expect(fold(event('paused', 10)).paused).toEqual({value: true, since: 10, source: 'event', evidenceAt: 10});
		expect(fold(event('resumed', 10)).paused).toEqual({value: false, since: 10, source: 'event', evidenceAt: 10});
	});

	it('reads paused from status "paused", and not paused from online or offline', () => {
		expect(fold(identity('paused', 5, 9)).paused).toEqual({value: true, since: 9, source: 'identity', evidenceAt: 5});
		expect(fold(identity('online', 5)).paused.value).toBe(false);
		expect(fold(identity('offline', 5)).paused.value).toBe(false);
	});

	it('takes a missing or undocumented status as no evidence either way', () => {
		expect(fold(identity('unheard-of', 5)).paused.value).toBeNull();
		expect(fold(identity(null, 5)).paused.value).toBeNull();
		const status = fold(event('paused', 10), identity(null, 20, 21));
		expect(status.paused).toEqual({value: true, since: 10, source: 'event', evidenceAt: 10});
		expect(status.identityStatus).toEqual({value: null, at: 21});
	});

	it('lets an identity fetched after the last event win', () => {
		const status = fold(event('paused', 10), identity('online', 11, 20));
		expect(status.paused).toEqual({value: false, since: 20, source: 'identity', evidenceAt: 11});
	});

	it('does not let an identity requested before a fresh event undo it, even when its answer arrives later', () => {
		const status = fold(event('paused', 10), identity('online', 9, 30));
		expect(status.paused).toEqual({value: true, since: 10, source: 'event', evidenceAt: 10});
	});

	it('keeps the event when an identity was requested at the very moment the event arrived', () => {
		expect(fold(event('paused', 10), identity('online', 10, 15)).paused.value).toBe(true);
	});

	it('lets a later event override an identity', () => {
		expect(fold(identity('paused', 10, 12), event('resumed', 13)).paused).toEqual({value: false, since: 13, source: 'event', evidenceAt: 13});
	});

	it('ignores an event older than the evidence it would replace (out of order)', () => {
		const status = fold(event('resumed', 20), event('paused', 15));
		expect(status.paused).toEqual({value: false, since: 20, source: 'event', evidenceAt: 20});
	});

	it('ignores an identity answer that overtook a newer one', () => {
		// B was requested later but answered first; A's older view must not win.
		const status = fold(identity('online', 20, 25), identity('paused', 10, 30));
		expect(status.paused.value).toBe(false);
		expect(status.paused.evidenceAt).toBe(20);
	});

	it('reconciles a missed event through the next identity', () => {
		// Resumed was missed: the UI shows paused until an identity requested later says otherwise.
		expect(fold(event('paused', 10), identity('online', 70, 71)).paused.value).toBe(false);
	});

	it('keeps since and source when evidence only confirms the value', () => {
		const status = fold(event('paused', 10), identity('paused', 50, 52));
		expect(status.paused).toEqual({value: true, since: 10, source: 'event', evidenceAt: 50});
	});
});

describe('deriveStatus: connected and the raw identity status', () => {
	it('follows the latest health check', () => {
		expect(fold(health(true, 1)).connected).toEqual({value: true, since: 1, source: 'health', evidenceAt: 1});
		expect(fold(health(true, 1), health(false, 2)).connected).toEqual({value: false, since: 2, source: 'health', evidenceAt: 2});
		expect(fold(health(true, 1), health(true, 2)).connected).toEqual({value: true, since: 1, source: 'health', evidenceAt: 2});
	});

	it('ignores a health check older than the latest', () => {
		expect(fold(health(false, 5), health(true, 3)).connected.value).toBe(false);
	});

	it('is independent of paused', () => {
		const status = fold(event('paused', 1), health(false, 2));
		expect(status.paused.value).toBe(true);
		expect(status.connected.value).toBe(false);
		expect(fold(health(true, 1), event('paused', 2)).connected.value).toBe(true);
	});

	it('keeps the raw identity status only as a detail, whatever wins', () => {
		const status = fold(event('paused', 10), identity('offline', 9, 30));
		expect(status.identityStatus).toEqual({value: 'offline', at: 30});
		expect(status.paused.value).toBe(true);
		expect(fold(identity('online', 1)).connected.value).toBeNull();
	});

	it('keeps the newest raw status when answers arrive out of order', () => {
		expect(fold(identity('online', 20, 40), identity('paused', 10, 30)).identityStatus).toEqual({value: 'online', at: 40});
	});

	it('returns the same object for an observation that changes nothing', () => {
		const status = fold(health(false, 5));
		expect(deriveStatus(status, health(true, 3))).toBe(status);
	});
});

describe('deriveStatus: newest evidence wins over every arrival order', () => {
	type Arrival = {observation: Observation; evidence: number; isEvent: boolean};
	const candidates: Arrival[] = [
		{observation: event('paused', 10), evidence: 10, isEvent: true},
		{observation: event('resumed', 20), evidence: 20, isEvent: true},
		{observation: identity('paused', 15, 25), evidence: 15, isEvent: false},
		{observation: identity('online', 22, 40), evidence: 22, isEvent: false},
		{observation: identity('offline', 5, 35), evidence: 5, isEvent: false},
	];

	function * permutations<T>(items: T[]): Generator<T[]> {
		if (items.length <= 1) {
			yield items;
			return;
		}

		for (const [index, item] of items.entries()) {
			for (const rest of permutations([...items.slice(0, index), ...items.slice(index + 1)])) {
				yield [item, ...rest];
			}
		}
	}

	const pausedOf = (observation: Observation) => observation.kind === 'status-event' ? observation.value === 'paused' : observation.kind === 'identity' && observation.status === 'paused';

	it('ends on the value of the freshest evidence for all 325 non-empty orderings', () => {
		let checked = 0;
		for (let mask = 1; mask < 2 ** candidates.length; mask++) {
			// Bit `index` of `mask` says whether candidate `index` is in this subset.
			const chosen = candidates.filter((_, index) => Math.floor(mask / (2 ** index)) % 2 === 1);
			for (const order of permutations(chosen)) {
				let newest = chosen[0]!;
				for (const candidate of chosen) {
					if (candidate.evidence > newest.evidence) {
						newest = candidate;
					}
				}

				const result = fold(...order.map(arrival => arrival.observation));
				expect(result.paused.value, `order ${order.map(arrival => JSON.stringify(arrival.observation)).join(' → ')}`).toBe(pausedOf(newest.observation));
				checked++;
			}
		}

		expect(checked).toBe(325);
	});
});

describe('deriveStatus: when Paused began (pausedSince, pausedSinceEarliest)', () => {
	it('bounds a change seen by an event to its arrival', () => {
		const status = fold(identity('online', 5, 6), event('paused', 30));
		expect(status.paused.since).toBe(30);
		expect(status.evidence.sinceEarliest).toBe(30);
	});

	it('bounds a change an identity revealed between the last evidence of the other value and the answer', () => {
		// Online as of 5 (confirmed again as of 50), paused as of the request at 110, answered at 111.
		const status = fold(identity('online', 5, 6), identity('online', 50, 51), identity('paused', 110, 111));
		expect(status.paused).toMatchObject({value: true, since: 111, evidenceAt: 110});
		expect(status.evidence.sinceEarliest).toBe(50);
	});

	it('has no earliest moment for a value first learned, and keeps both bounds while evidence only confirms it', () => {
		const first = fold(identity('paused', 10, 12));
		expect(first.paused.since).toBe(12);
		expect(first.evidence.sinceEarliest).toBeNull();
		const confirmed = fold(identity('online', 1, 2), event('paused', 20), identity('paused', 80, 81));
		expect(confirmed.paused).toMatchObject({since: 20, evidenceAt: 80});
		expect(confirmed.evidence.sinceEarliest).toBe(20);
	});
});

describe('deriveStatus: whether Paused is confirmed', () => {
	const joined = (at: number): Observation => ({kind: 'channel', joined: true, trouble: null, at});
	const left = (trouble: string, at: number): Observation => ({kind: 'channel', joined: false, trouble, at});
	const failing = (trouble: string | null, at: number): Observation => ({kind: 'identity-trouble', trouble, at});

	it('is unconfirmed with why while nothing is known', () => {
		expect(unknownStatus.confidence).toEqual({confirmed: false, confirmedAt: null, reasons: ['no device id yet', 'no identity yet'], lastEvidence: null});
	});

	it('is confirmed by an identity for 75 s after its request, then unconfirmed at once', () => {
		const status = fold(identity('online', 1000, 1100));
		expect(status.confidence).toEqual({confirmed: true, confirmedAt: 1000, reasons: [], lastEvidence: 'identity'});
		expect(nextReassessAt(status)).toBe(1000 + pausedFreshMs);
		expect(reassess(status, 1000 + pausedFreshMs - 1)).toBe(status);
		expect(reassess(status, 1000 + pausedFreshMs).confidence).toEqual({confirmed: false, confirmedAt: 1000, reasons: ['no device id yet', 'identity stale'], lastEvidence: 'identity'});
	});

	it('is confirmed while a channel joined in time vouches for it, and says since when once it is left', () => {
		const status = fold(identity('online', 1000, 1100), joined(1200), event('paused', 50_000));
		expect(status.confidence).toMatchObject({confirmed: true, confirmedAt: 50_000, lastEvidence: 'event'});
		// Joined, nothing needs a timer: an hour later it is still confirmed.
		expect(nextReassessAt(status)).toBeNull();
		expect(reassess(status, 3_600_000).confidence.confirmed).toBe(true);
		const refused = deriveStatus(status, left('socket closed', 3_600_000), 3_600_000);
		expect(refused.confidence).toEqual({confirmed: false, confirmedAt: 3_600_000, reasons: ['socket closed', 'identity stale'], lastEvidence: 'event'});
		expect(deriveStatus(refused, failing('token rejected', 3_600_100), 3_600_100).confidence.reasons).toEqual(['socket closed', 'token rejected']);
	});

	it('stays confirmed through a short drop while the identity is fresh, and the rejoin vouches again', () => {
		let status = fold(identity('online', 1000, 1100), joined(1200));
		status = deriveStatus(status, left('socket closed', 30_000), 30_000);
		expect(status.confidence.confirmed).toBe(true);
		status = deriveStatus(status, joined(31_000), 31_000);
		expect(status.evidence.covering).toBe(true);
		expect(reassess(status, 600_000).confidence.confirmed).toBe(true);
	});

	it('does not take a rejoin after a long gap as confirmation: a pause may have been missed meanwhile', () => {
		let status = fold(identity('online', 1000, 1100), joined(1200));
		status = deriveStatus(status, left('socket refused', 10_000), 10_000);
		status = deriveStatus(status, failing('identity failing', 70_000), 70_000);
		status = deriveStatus(status, joined(200_000), 200_000);
		expect(status.confidence).toEqual({confirmed: false, confirmedAt: 10_000, reasons: ['events may have been missed', 'identity failing'], lastEvidence: 'identity'});
		// The identity fetched after the rejoin confirms it, and the channel vouches from then on.
		status = deriveStatus(status, identity('online', 200_100, 200_200), 200_200);
		status = deriveStatus(status, failing(null, 200_200), 200_200);
		expect(status.confidence).toMatchObject({confirmed: true, reasons: []});
		expect(reassess(status, 900_000).confidence.confirmed).toBe(true);
		// So does an event on the joined channel.
		let evented = fold(identity('online', 1000, 1100), joined(500_000));
		expect(evented.confidence.confirmed).toBe(false);
		evented = deriveStatus(evented, event('paused', 500_500));
		expect(evented.confidence).toMatchObject({confirmed: true, confirmedAt: 500_500});
	});

	it('names the identity\'s trouble only while it lasts', () => {
		const status = fold(identity('online', 1000, 1100), failing('identity rate limited', 80_000));
		expect(reassess(status, 80_000).confidence.reasons).toEqual(['no device id yet', 'identity rate limited']);
		expect(reassess(deriveStatus(status, failing(null, 80_001)), 80_001).confidence.reasons).toEqual(['no device id yet', 'identity stale']);
	});
});
