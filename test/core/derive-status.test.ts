import {describe, expect, it} from 'vitest';
import {deriveStatus, unknownStatus, type DerivedStatus, type Observation} from '../../source/core/derive-status.js';

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
