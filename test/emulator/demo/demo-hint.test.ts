import {describe, expect, it} from 'vitest';
import {nextDemoStep} from '../../../source/emulator/demo/demo-hint.js';

const start = Date.parse('2026-11-27T09:00:00.000Z');
const at = (seconds: number) => start + (seconds * 1000);

describe('nextDemoStep', () => {
	it('names what the built-in demo does next, token steps included, and when', () => {
		expect(nextDemoStep(start, at(0))).toEqual({next: 'pause', at: at(20)});
		expect(nextDemoStep(start, at(90))).toEqual({next: 'token expires', at: at(105)});
		expect(nextDemoStep(start, at(105))).toEqual({next: 'auth back', at: at(190)});
		expect(nextDemoStep(start, at(190))).toEqual({next: 'the demo starts over', at: at(240)});
		// The next loop.
		expect(nextDemoStep(start, at(240 + 106))).toEqual({next: 'auth back', at: at(240 + 190)});
	});
});
