import {describe, expect, it} from 'vitest';
import {inspectFrame} from '../../../source/emulator/audit/frame-shape.js';
import {judgeQueryAuthorization, rawQueryAuthorization} from '../../../source/emulator/audit/query-authorization.js';

describe('inspectFrame', () => {
	it('reads the guide\'s frames', () => {
		expect(inspectFrame('{"topic":"phoenix", "event":"heartbeat", "payload":"", "ref":"heartbeat"}', false))
			.toEqual({problem: undefined, topic: 'phoenix', event: 'heartbeat', ref: 'heartbeat'});
		expect(inspectFrame('{"topic":"devices:x","event":"phx_join","payload":{},"ref":null}', false))
			.toEqual({problem: undefined, topic: 'devices:x', event: 'phx_join', ref: null});
	});

	it('says what is wrong with anything else', () => {
		expect(inspectFrame('{"topic":"phoenix","event":"heartbeat"}', false).problem).toBe('missing payload, ref');
		expect(inspectFrame('{"topic":1,"event":"heartbeat","payload":"","ref":{}}', false).problem)
			.toBe('topic is not a string; ref is not a string, a number or null');
		expect(inspectFrame('[null,"1","phoenix","heartbeat",{}]', false).problem).toBe('a JSON array (Phoenix V2 frames are not what the guide shows)');
		expect(inspectFrame('"heartbeat"', false).problem).toBe('not a JSON object');
		expect(inspectFrame('{', false).problem).toBe('not JSON');
		expect(inspectFrame('{}', true).problem).toBe('a binary frame');
		// Inherited keys are not keys of the frame.
		expect(inspectFrame('{"__proto__":{"payload":1},"topic":"a","event":"b","ref":1}', false).problem).toBe('missing payload');
	});
});

describe('the socket token in the query', () => {
	it('is read from the request target as sent, not decoded', () => {
		expect(rawQueryAuthorization('/devices/websocket?vsn=1.0.0&Authorization=Bearer%20abc')).toEqual({value: 'Bearer%20abc', otherCase: false});
		expect(rawQueryAuthorization('/devices/websocket?Authorization=Bearer+abc&Authorization=x')).toEqual({value: 'Bearer+abc', otherCase: false});
		expect(rawQueryAuthorization('/devices/websocket?authorization=Bearer%20abc')).toEqual({value: undefined, otherCase: true});
		expect(rawQueryAuthorization('/devices/websocket')).toEqual({value: undefined, otherCase: false});
		expect(rawQueryAuthorization('/devices/websocket?Authorization')).toEqual({value: '', otherCase: false});
	});

	it('is judged against Authorization=Bearer%20<token>, showing the form and never the token', () => {
		const cases: Array<[string | undefined, string, string, string]> = [
			['Bearer%20abc', 'kept', 'Authorization=Bearer%20<token>', ''],
			['Bearer+abc', 'warning', 'Authorization=Bearer+<token>', 'a + for the space, which form decoding reads as a space; the guide writes %20'],
			['bearer%20abc', 'warning', 'Authorization=bearer%20<token>', 'the scheme spelled bearer; the guide writes Bearer'],
			['Bearer%2520abc', 'broken', 'Authorization=Bearer%2520<token>', 'the space encoded twice'],
			['Bearer%2Babc', 'broken', 'Authorization=Bearer%2B<token>', 'the space is not encoded as %20'],
			['Basic%20abc', 'broken', 'Authorization=<5 characters>%20<token>', 'not a Bearer token'],
			['abcdef%20Bearer', 'broken', 'Authorization=<6 characters>%20<token>', 'not a Bearer token'],
			['Bearer%20', 'broken', 'Authorization=Bearer%20<token>', 'no token after the scheme'],
			['abc', 'broken', 'Authorization=<3 characters>', 'no "Bearer " before the token'],
			['Bearerabc', 'broken', 'Authorization=<9 characters>', 'no "Bearer " before the token'],
			['a.b-c', 'broken', 'Authorization=<5 characters>', 'no "Bearer " before the token'],
			['', 'broken', 'Authorization=<0 characters>', 'no "Bearer " before the token'],
		];
		for (const [value, verdict, shown, why] of cases) {
			expect(judgeQueryAuthorization(value, false, false), value).toEqual({verdict, shown, why});
		}

		expect(judgeQueryAuthorization(undefined, true, true).why).toBe('no Authorization in the query (only a parameter named authorization in another case)');
		expect(judgeQueryAuthorization(undefined, false, false).why).toBe('no Authorization in the query');
	});
});
