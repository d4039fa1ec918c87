import {describe, expect, it} from 'vitest';
import {createRedactor, redactSecrets, redactedMarker, redactValue} from '../../../source/core/token/redact.js';

describe('redactSecrets', () => {
	it('removes a secret in plain, URL-encoded, form-encoded and JSON-escaped form', () => {
		const secret = 'a b/c+"d';
		const text = `plain ${secret} url ${encodeURIComponent(secret)} form ${encodeURIComponent(secret).replaceAll('%20', '+')} json ${JSON.stringify(secret)}`;
		const result = redactSecrets(text, [secret]);
		expect(result).not.toContain('a b/c');
		expect(result).not.toContain(encodeURIComponent(secret));
		expect(result.split(redactedMarker)).toHaveLength(5);
	});

	it('skips empty and missing secrets', () => {
		expect(redactSecrets('nothing here', ['', undefined])).toBe('nothing here');
	});

	it('follows a secret that changes', () => {
		let secret = 'first-secret';
		const redact = createRedactor(() => [secret]);
		expect(redact('a first-secret b')).toBe(`a ${redactedMarker} b`);
		secret = 'second-secret';
		expect(redact('first-secret second-secret')).toBe(`first-secret ${redactedMarker}`);
	});

	it('replaces a secret shorter than 8 characters only where it stands as a whole token, a longer one everywhere', () => {
		const redact = createRedactor(() => ['it', 'demo', 'a-long-token-0123']);
		// Inside a word it is not the token: "identity" stays whole, and so does a path with "demos" in it.
		expect(redact('identity, editing, demos, /srv/demo_2, audit')).toBe('identity, editing, demos, /srv/demo_2, audit');
		// Standing alone, after an escape (the socket URL's Bearer%20, JSON's \n) or between punctuation, it is.
		expect(redact('it')).toBe(redactedMarker);
		expect(redact('?Authorization=Bearer%20it&vsn=2.0.0')).toBe(`?Authorization=Bearer%20${redactedMarker}&vsn=2.0.0`);
		expect(redact(String.raw`{"a":"line
it","b":"it","c":"x"demo"}`)).toBe(String.raw`{"a":"line
${redactedMarker}","b":"${redactedMarker}","c":"x"${redactedMarker}"}`);
		expect(redact('token=demo; dir=/home/demo')).toBe(`token=${redactedMarker}; dir=/home/${redactedMarker}`);
		// A long secret goes wherever it is, inside a word too.
		expect(redact('xa-long-token-0123y')).toBe(`x${redactedMarker}y`);
		expect(redactSecrets('identity it', ['it'])).toBe(`identity ${redactedMarker}`);
	});

	it('redacts every string of a value and the keys below the top level, and keeps it JSON', () => {
		const redact = createRedactor(() => ['e']);
		const value = redactValue({time: 'e', n: 1, list: ['e', 2, null], nested: {e: true}}, redact);
		expect(value).toEqual({time: redactedMarker, n: 1, list: [redactedMarker, 2, null], nested: {[redactedMarker]: true}});
		// eslint-disable-next-line unicorn/prefer-structured-clone -- the JSON round trip is what is tested, not a deep copy
		expect(() => JSON.parse(JSON.stringify(value)) as unknown).not.toThrow();
	});
});
