import {describe, expect, it} from 'vitest';
import {Backoff} from '../../source/core/backoff.js';
import {errorBodyMessage} from '../../source/core/error-body.js';
import {classifyRequestError, RequestTimeoutError} from '../../source/core/request-failure.js';
import {retryAfterMs} from '../../source/core/retry-after.js';
import {RingBuffer} from '../../source/core/ring-buffer.js';

describe('Backoff', () => {
	it('doubles from min to max without jitter and resets', () => {
		const backoff = new Backoff({minMs: 1000, maxMs: 30_000, jitter: 0});
		expect([1, 2, 3, 4, 5, 6, 7].map(() => backoff.next())).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
		expect(backoff.attempts).toBe(7);
		backoff.reset();
		expect(backoff.next()).toBe(1000);
	});

	it('shortens each delay by at most the jitter fraction', () => {
		const low = new Backoff({minMs: 1000, maxMs: 30_000, jitter: 0.3, random: () => 1});
		const high = new Backoff({minMs: 1000, maxMs: 30_000, jitter: 0.3, random: () => 0});
		expect([low.next(), low.next()]).toEqual([700, 1400]);
		expect([high.next(), high.next()]).toEqual([1000, 2000]);
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

describe('retryAfterMs', () => {
	const now = Date.parse('2026-11-27T10:00:00Z');
	it('reads Retry-After in seconds or as a date, then x-ratelimit-window in ms', () => {
		expect(retryAfterMs(new Headers({'retry-after': '42'}), now)).toBe(42_000);
		expect(retryAfterMs(new Headers({'retry-after': 'Fri, 27 Nov 2026 10:00:30 GMT'}), now)).toBe(30_000);
		expect(retryAfterMs(new Headers({'x-ratelimit-window': '60000'}), now)).toBe(60_000);
		expect(retryAfterMs(new Headers({'retry-after': 'soon'}), now)).toBeUndefined();
		expect(retryAfterMs(new Headers(), now)).toBeUndefined();
	});
});

describe('errorBodyMessage', () => {
	it('reads both of Frame.io\'s error shapes', () => {
		expect(errorBodyMessage({code: 401, errors: [{code: 401, detail: 'You are not allowed to access that resource', status: 401, title: 'Not Authorized'}], message: 'Not Authorized'}))
			.toBe('Not Authorized: You are not allowed to access that resource');
		expect(errorBodyMessage({error: 'invalid_client'})).toBe('invalid_client');
		expect(errorBodyMessage({message: 'Service Unavailable', errors: []})).toBe('Service Unavailable');
		expect(errorBodyMessage('text')).toBeUndefined();
		expect(errorBodyMessage({errors: [null]})).toBeUndefined();
	});
});

describe('classifyRequestError', () => {
	const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), {cause: Object.assign(new Error('x'), {code})});
	it.each([
		['ENOTFOUND', 'dns'],
		['EAI_AGAIN', 'dns'],
		['ECONNREFUSED', 'refused'],
		['ECONNRESET', 'reset'],
		['UND_ERR_SOCKET', 'reset'],
		['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
		['CERT_HAS_EXPIRED', 'tls'],
		['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
		['EHOSTUNREACH', 'network'],
	])('classifies %s as %s', (code, kind) => {
		expect(classifyRequestError(fetchFailed(code))).toMatchObject({kind});
	});

	it('finds a code inside an AggregateError and recognises our own timeout', () => {
		const aggregate = Object.assign(new TypeError('fetch failed'), {cause: new AggregateError([Object.assign(new Error('a'), {code: 'ECONNREFUSED'})])});
		expect(classifyRequestError(aggregate).kind).toBe('refused');
		expect(classifyRequestError(new RequestTimeoutError(5000))).toEqual({kind: 'timeout', message: 'no answer within 5 s'});
		expect(classifyRequestError(new Error('odd')).kind).toBe('network');
	});
});
