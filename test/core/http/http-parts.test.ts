import {describe, expect, it} from 'vitest';
import {errorBodyMessage} from '../../../source/core/http/error-body.js';
import {classifyRequestError, RequestTimeoutError} from '../../../source/core/http/request-failure.js';
import {retryAfterMs} from '../../../source/core/http/retry-after.js';

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
		const aggregate = Object.assign(new TypeError('fetch failed'), {cause: new AggregateError([Object.assign(new Error('a'), {code: 'ECONNREFUSED'})], 'every address refused')});
		expect(classifyRequestError(aggregate).kind).toBe('refused');
		expect(classifyRequestError(new RequestTimeoutError(5000))).toEqual({kind: 'timeout', message: 'no answer within 5 s'});
		expect(classifyRequestError(new Error('odd')).kind).toBe('network');
	});
});
