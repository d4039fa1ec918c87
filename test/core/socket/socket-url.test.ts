import {describe, expect, it} from 'vitest';
import {redactSecrets, redactedMarker} from '../../../source/core/token/redact.js';
import {buildSocketUrl, socketBase} from '../../../source/core/socket/socket-url.js';

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
