import {describe, expect, it} from 'vitest';
import {createRedactor, redactSecrets, redactedMarker, redactValue} from '../../source/core/redact.js';
import {buildSocketUrl, socketBase} from '../../source/core/socket-url.js';

describe('socket URL', () => {
	it('derives wss from https with the token as a percent-encoded Bearer query', () => {
		expect(buildSocketUrl(new URL('https://api.frame.io'), 'abc.DEF-123')).toBe('wss://api.frame.io/devices/websocket?Authorization=Bearer%20abc.DEF-123');
	});

	it('derives ws from http and keeps a port and a path prefix', () => {
		expect(buildSocketUrl(new URL('http://127.0.0.1:4010'), 't')).toBe('ws://127.0.0.1:4010/devices/websocket?Authorization=Bearer%20t');
		expect(socketBase(new URL('https://proxy.example/frameio/'))).toBe('wss://proxy.example/frameio/devices/websocket');
	});

	it('percent-encodes characters of the token that mean something in a query', () => {
		expect(buildSocketUrl(new URL('https://api.frame.io'), 'a+b/c=d&e')).toBe('wss://api.frame.io/devices/websocket?Authorization=Bearer%20a%2Bb%2Fc%3Dd%26e');
	});

	it('loses the token to the redactor in the form the URL carries it', () => {
		const url = buildSocketUrl(new URL('https://api.frame.io'), 'secret token+/');
		expect(redactSecrets(url, ['secret token+/'])).toBe(`wss://api.frame.io/devices/websocket?Authorization=Bearer%20${redactedMarker}`);
	});
});

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

	it('redacts every string of a value and the keys below the top level, and keeps it JSON', () => {
		const redact = createRedactor(() => ['e']);
		const value = redactValue({time: 'e', n: 1, list: ['e', 2, null], nested: {e: true}}, redact);
		expect(value).toEqual({time: redactedMarker, n: 1, list: [redactedMarker, 2, null], nested: {[redactedMarker]: true}});
		expect(() => JSON.parse(JSON.stringify(value)) as unknown).not.toThrow();
	});
});
