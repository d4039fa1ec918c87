import {describe, expect, it} from 'vitest';
import {Backoff} from '../../source/core/backoff.js';
import {RingBuffer} from '../../source/core/utils/ring-buffer.js';

describe('Backoff', () => {
	it('doubles from min to max without jitter and resets', () => {
		const backoff = new Backoff({minMs: 1000, maxMs: 30_000, jitter: 0});
		expect([1, 2, 3, 4, 5, 6, 7].map(() => backoff.next())).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
		expect(backoff.attempts).toBe(7);
		backoff.reset();
		expect(backoff.next()).toBe(1000);
	});

	it('lengthens each delay by at most the jitter fraction, never shortens it', () => {
		const low = new Backoff({minMs: 1000, maxMs: 30_000, jitter: 0.3, random: () => 0});
		const high = new Backoff({minMs: 1000, maxMs: 30_000, jitter: 0.3, random: () => 0.999_999});
		expect([low.next(), low.next()]).toEqual([1000, 2000]);
		expect([high.next(), high.next()]).toEqual([1300, 2600]);
	});

	it('never retries sooner than minMs, whatever the random draw (a reconnect under 1 s is a storm)', () => {
		// The old jitter drew from [0.7 d, d]: the first reconnect could come 700 ms after a failure.
		for (const draw of [0, 0.25, 0.5, 0.75, 0.999_999]) {
			const backoff = new Backoff({minMs: 1000, maxMs: 30_000, jitter: 0.3, random: () => draw});
			const delays = Array.from({length: 8}, () => backoff.next());
			expect(Math.min(...delays), `draw ${draw}`).toBeGreaterThanOrEqual(1000);
			expect(delays[0]).toBeLessThanOrEqual(1300);
			expect(Math.max(...delays), `draw ${draw}`).toBeLessThanOrEqual(30_000);
		}
	});

	it('never waits longer than maxMs either: at the ceiling the jitter shortens the delay (a refresh retried within 30 s)', () => {
		const low = new Backoff({minMs: 5000, maxMs: 30_000, jitter: 0.3, random: () => 0});
		const high = new Backoff({minMs: 5000, maxMs: 30_000, jitter: 0.3, random: () => 0.999_999});
		expect(Array.from({length: 5}, () => low.next())).toEqual([5000, 10_000, 20_000, 21_000, 21_000]);
		expect(Array.from({length: 5}, () => high.next())).toEqual([6500, 13_000, 26_000, 30_000, 30_000]);
	});
});

describe('RingBuffer', () => {
	it('keeps the newest items up to its capacity, oldest first', () => {
		const ring = new RingBuffer<number>(3);
		for (const n of [1, 2, 3, 4, 5]) {
			ring.push(n);
		}

		expect(ring.toArray()).toEqual([3, 4, 5]);
		expect(ring.length).toBe(3);
	});

	it('returns the same frozen view until the next push', () => {
		const ring = new RingBuffer<number>(2);
		ring.push(1);
		const view = ring.toArray();
		expect(ring.toArray()).toBe(view);
		expect(Object.isFrozen(view)).toBe(true);
		ring.push(2);
		expect(ring.toArray()).not.toBe(view);
		expect(ring.toArray()).toEqual([1, 2]);
	});

	it('refuses a capacity that is not a positive integer', () => {
		expect(() => new RingBuffer(0)).toThrow(RangeError);
	});
});
