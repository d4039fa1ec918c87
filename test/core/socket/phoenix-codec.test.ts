import {Buffer} from 'node:buffer';
import {describe, expect, it} from 'vitest';
import {decodeMessage, encodeMessage, readReason, readReply} from '../../../source/core/socket/phoenix-codec.js';

const decode = (text: string) => decodeMessage(text, Buffer.byteLength(text));

describe('phoenix codec', () => {
	it('encodes the four V1 keys on one line', () => {
		const text = encodeMessage({topic: 'devices:abc', event: 'phx_join', payload: '', ref: '1'});
		expect(text).toBe('{"topic":"devices:abc","event":"phx_join","payload":"","ref":"1"}');
		expect(text).not.toContain('\n');
	});

	it('decodes the reply shown in the guide', () => {
		expect(decode('{"event":"phx_reply","payload":{"response":{},"status":"ok"},"ref":"channel_connect","topic":"devices:YOUR_DEVICE_ID"}')).toEqual({
			ok: true,
			message: {topic: 'devices:YOUR_DEVICE_ID', event: 'phx_reply', payload: {response: {}, status: 'ok'}, ref: 'channel_connect'},
		});
	});

	it('accepts formatted JSON, numeric and null refs, and a pushed event without ref', () => {
		expect(decode('{\n  "topic": "phoenix",\n  "event": "phx_reply",\n  "payload": {},\n  "ref": 7\n}')).toMatchObject({ok: true, message: {ref: 7}});
		expect(decode('{"topic":"devices:a","event":"status_updated","payload":"paused","ref":null}')).toMatchObject({ok: true, message: {ref: null}});
		expect(decode('{"topic":"devices:a","event":"status_updated","payload":"paused"}')).toMatchObject({ok: true, message: {ref: null, payload: 'paused'}});
	});

	it.each([
		['not json', 'not-json'],
		['[1,2]', 'not-object'],
		['"text"', 'not-object'],
		['null', 'not-object'],
		['{"event":"x","payload":""}', 'missing-key'],
		['{"topic":"t","payload":""}', 'missing-key'],
		['{"topic":"t","event":"x"}', 'missing-key'],
		['{"topic":1,"event":"x","payload":""}', 'wrong-type'],
		['{"topic":"t","event":{},"payload":""}', 'wrong-type'],
		['{"topic":"t","event":"x","payload":"","ref":{}}', 'wrong-type'],
		['{"topic":"t","event":"x","payload":"","ref":true}', 'wrong-type'],
	])('rejects %s as %s', (text, kind) => {
		const result = decode(text);
		expect(result.ok).toBe(false);
		expect(result).toMatchObject({kind});
	});

	it('rejects a payload nested too deep to print, at any depth', () => {
		const deep = (levels: number) => `{"topic":"t","event":"x","payload":${'['.repeat(levels)}${']'.repeat(levels)},"ref":null}`;
		expect(decode(deep(64)).ok).toBe(true);
		expect(decode(deep(65))).toMatchObject({ok: false, kind: 'too-deep'});
		expect(decode(deep(100_000))).toMatchObject({ok: false, kind: 'too-deep', detail: '"payload" is nested deeper than 64 levels'});
	});

	it('rejects a frame over 1 MiB without parsing it', () => {
		expect(decodeMessage('', (1024 * 1024) + 1)).toMatchObject({ok: false, kind: 'oversized'});
		expect(decode(`{"topic":"t","event":"x","payload":"${'a'.repeat((1024 * 1024) - 40)}"}`).ok).toBe(true);
	});

	it('reads reply payloads and reasons', () => {
		expect(readReply({status: 'ok', response: {}})).toEqual({status: 'ok', response: {}});
		expect(readReply({status: 'error'})).toEqual({status: 'error', response: null});
		expect(readReply({status: 'maybe'})).toBeUndefined();
		expect(readReply('ok')).toBeUndefined();
		expect(readReason({status: 'error', response: {reason: 'unmatched topic'}})).toBe('unmatched topic');
		expect(readReason({reason: 'channel_crash'})).toBe('channel_crash');
		expect(readReason({})).toBeUndefined();
		expect(readReason(null)).toBeUndefined();
	});
});
