import {describe, expect, it} from 'vitest';
import {localClock} from '../../../source/core/history/local-clock.js';
import {outageText} from '../../../source/core/history/window-text.js';
import {ms} from './journal-lines.js';

describe('an outage in words', () => {
	const clock = localClock(ms('10:00:00'), 'UTC');

	it('gives its start, end and length', () => {
		expect(outageText({kind: 'not-connected', from: ms('10:30:00'), to: ms('10:32:10'), ms: 130_000}, clock)).toBe('10:30:00 → 10:32:10 (2m 10s)');
		expect(outageText({kind: 'socket-down', from: ms('10:30:00'), to: null, ms: 360_000}, clock)).toBe('10:30:00 → still (6m 00s so far)');
	});

	it('says a gap shorter than a second is under a second, never 0s', () => {
		expect(outageText({kind: 'not-monitored', from: ms('10:30:00'), to: ms('10:30:00.400'), ms: 400}, clock)).toBe('10:30:00 → 10:30:00 (under 1s)');
	});
});
