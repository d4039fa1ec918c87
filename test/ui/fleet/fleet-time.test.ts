import {describe, expect, it} from 'vitest';
import {countdown, formatDuration} from '../../../source/ui/format/format.js';
import {ageStep, durationStep, elapsedChangesAt, formatAge, NextChange, redrawAt, remainingChangesAt} from '../../../source/ui/fleet/fleet-time.js';
import {baseTime} from '../../../support/fake-monitor.js';

const second = 1000;
const minute = 60_000;
const hour = 3_600_000;
/** A whole second of the clock. */
const t = baseTime;

describe('NextChange', () => {
	it('is never until told, then the earliest moment it was told', () => {
		const next = new NextChange();
		expect(next.at).toBe(Number.POSITIVE_INFINITY);
		next.note(t + 5000);
		expect(next.at).toBe(t + 5000);
		next.note(t + 9000);
		expect(next.at).toBe(t + 5000);
		next.note(t + 1000);
		expect(next.at).toBe(t + 1000);
		next.note(Number.POSITIVE_INFINITY);
		expect(next.at).toBe(t + 1000);
	});
});

describe('formatAge', () => {
	it('says seconds for the first minute', () => {
		expect(formatAge(0)).toBe('0s');
		expect(formatAge(999)).toBe('0s');
		expect(formatAge(1000)).toBe('1s');
		expect(formatAge(45_000)).toBe('45s');
		expect(formatAge(59_999)).toBe('59s');
	});

	it('says whole minutes from a minute to an hour, without the seconds', () => {
		expect(formatAge(60_000)).toBe('1m');
		expect(formatAge(123_000)).toBe('2m');
		expect(formatAge((14 * minute) + 59_999)).toBe('14m');
		expect(formatAge(hour - 1)).toBe('59m');
	});

	it('says what formatDuration says from an hour on', () => {
		expect(formatAge(hour)).toBe('1h 00m');
		expect(formatAge((3 * hour) + (5 * minute) + 30_000)).toBe('3h 05m');
		expect(formatAge((48 * hour) - 1)).toBe('47h 59m');
		expect(formatAge(48 * hour)).toBe('2d 0h');
		expect(formatAge((52 * hour) + (30 * minute))).toBe('2d 4h');
		for (const ms of [hour, (3 * hour) + 7, 50 * hour, 1000 * hour]) {
			expect(formatAge(ms), String(ms)).toBe(formatDuration(ms));
		}
	});

	it('says 0s for a time a little in the future (clocks that disagree)', () => {
		expect(formatAge(-1500)).toBe('0s');
	});
});

describe('ageStep and durationStep', () => {
	it('moves ages by the second for a minute, by the minute up to two days, then by the hour', () => {
		expect(ageStep(0)).toBe(second);
		expect(ageStep(59_999)).toBe(second);
		expect(ageStep(60_000)).toBe(minute);
		expect(ageStep(hour)).toBe(minute);
		expect(ageStep((48 * hour) - 1)).toBe(minute);
		expect(ageStep(48 * hour)).toBe(hour);
	});

	it('moves durations by the second for an hour ("4m 12s"), by the minute up to two days, then by the hour', () => {
		expect(durationStep(0)).toBe(second);
		expect(durationStep(59 * minute)).toBe(second);
		expect(durationStep(hour - 1)).toBe(second);
		expect(durationStep(hour)).toBe(minute);
		expect(durationStep((48 * hour) - 1)).toBe(minute);
		expect(durationStep(48 * hour)).toBe(hour);
	});
});

describe('elapsedChangesAt', () => {
	it('moves an event 59.5 s old at the minute, then a minute later', () => {
		const at = t - 59_500;
		const first = elapsedChangesAt(at, t, ageStep);
		expect(first).toBe(at + 60_000);
		expect(first).toBe(t + 500);
		expect(elapsedChangesAt(at, first, ageStep)).toBe(at + 120_000);
		expect(elapsedChangesAt(at, first + 30_000, ageStep)).toBe(at + 120_000);
	});

	it('moves by the second in the first minute and by the minute after it', () => {
		expect(elapsedChangesAt(t - 30_000, t, ageStep)).toBe(t + 1000);
		expect(elapsedChangesAt(t - 30_400, t, ageStep)).toBe(t + 600);
		expect(elapsedChangesAt(t - 300_000, t, ageStep)).toBe(t + 60_000);
		expect(elapsedChangesAt(t - 320_000, t, ageStep)).toBe(t + 40_000);
		// 3h 05m 30s: "3h 05m" until 3h 06m.
		const at = t - ((3 * hour) + (5 * minute) + 30_000);
		expect(elapsedChangesAt(at, t, ageStep)).toBe(at + (3 * hour) + (6 * minute));
	});

	it('moves by the hour past two days, starting at the two days', () => {
		const at = t - ((47 * hour) + (59 * minute) + 30_000);
		expect(elapsedChangesAt(at, t, ageStep)).toBe(at + (48 * hour));
		expect(elapsedChangesAt(at, at + (48 * hour), ageStep)).toBe(at + (49 * hour));
	});

	it('takes an event in the future as just now', () => {
		expect(elapsedChangesAt(t + 5000, t, ageStep)).toBe(t + 6000);
	});

	it('is the very moment formatAge reads differently, and not before', () => {
		const at = t - 7;
		for (const elapsed of [0, 999, 1000, 45_500, 59_000, 59_999, 60_000, 61_000, 3_599_999, hour, 5_000_123, (48 * hour) - 1, 48 * hour, 60 * hour]) {
			const now = at + elapsed;
			const changes = elapsedChangesAt(at, now, ageStep);
			expect(changes, String(elapsed)).toBeGreaterThan(now);
			expect(formatAge(changes - 1 - at), String(elapsed)).toBe(formatAge(elapsed));
			expect(formatAge(changes - at), String(elapsed)).not.toBe(formatAge(elapsed));
		}
	});
});

describe('remainingChangesAt', () => {
	it('is never once the moment has come', () => {
		expect(remainingChangesAt(t, t, durationStep)).toBe(Number.POSITIVE_INFINITY);
		expect(remainingChangesAt(t - 1, t, durationStep, 999)).toBe(Number.POSITIVE_INFINITY);
	});

	it('moves countdown()\'s "in 3s" on the whole seconds before the moment, and reads "now" at it', () => {
		const at = t + 3000;
		expect(countdown(at, t)).toBe('in 3s');
		expect(remainingChangesAt(at, t, durationStep, 999)).toBe(t + 1000);
		expect(countdown(at, t + 999)).toBe('in 3s');
		expect(countdown(at, t + 1000)).toBe('in 2s');
		expect(remainingChangesAt(at, t + 1000, durationStep, 999)).toBe(t + 2000);
		// "in 1s" until the moment itself.
		expect(remainingChangesAt(at, t + 2000, durationStep, 999)).toBe(at);
		expect(remainingChangesAt(at, t + 2500, durationStep, 999)).toBe(at);
		expect(countdown(at, at - 1)).toBe('in 1s');
		expect(countdown(at, at)).toBe('now');
	});

	it('moves by the minute above an hour, and by the second below it', () => {
		// "in 1h 00m" at an hour and a little less; "in 59m 59s" a second on.
		const at = t + hour;
		expect(remainingChangesAt(at, t, durationStep, 999)).toBe(t + 1000);
		expect(countdown(at, t + 999)).toBe('in 1h 00m');
		expect(countdown(at, t + 1000)).toBe('in 59m 59s');
		expect(remainingChangesAt(at, t + 1000, durationStep, 999)).toBe(t + 2000);
		const later = t + (2 * hour) + 30_000;
		expect(remainingChangesAt(later, t, durationStep, 999)).toBe(t + 31_000);
		expect(countdown(later, t + 30_999)).toBe('in 2h 00m');
		expect(countdown(later, t + 31_000)).toBe('in 1h 59m');
	});

	it('without an offset, moves one millisecond past the whole step (a token\'s expiry)', () => {
		const at = t + 90_500;
		expect(remainingChangesAt(at, t, durationStep)).toBe(t + 501);
		expect(formatDuration(at - (t + 500))).toBe('1m 30s');
		expect(formatDuration(at - (t + 501))).toBe('1m 29s');
		expect(remainingChangesAt(t + 500, t, durationStep)).toBe(t + 500);
	});

	it('is the very moment countdown() reads differently, and not before', () => {
		const at = t + (50 * hour) + 12_345;
		for (const left of [1, 999, 1000, 1001, 2500, 59_000, hour - 1, hour, hour + 1, hour + 30_000, 5_000_000, (48 * hour) - 1, 48 * hour, (48 * hour) + 1, 50 * hour]) {
			const now = at - left;
			const changes = remainingChangesAt(at, now, durationStep, 999);
			expect(changes, String(left)).toBeGreaterThan(now);
			expect(countdown(at, changes - 1), String(left)).toBe(countdown(at, now));
			expect(countdown(at, changes), String(left)).not.toBe(countdown(at, now));
		}
	});
});

describe('redrawAt', () => {
	it('rounds up to the next whole second of the clock', () => {
		expect(redrawAt(t + 500, t)).toBe(t + 1000);
		expect(redrawAt(t + 1, t)).toBe(t + 1000);
		expect(redrawAt(t + 1000, t)).toBe(t + 1000);
		expect(redrawAt(t + 1001, t + 300)).toBe(t + 2000);
		expect(redrawAt(t + 60_000, t + 250)).toBe(t + 60_000);
	});

	it('never gives a time at or before now: a change already due redraws on the next whole second', () => {
		expect(redrawAt(t + 200, t + 700)).toBe(t + 1000);
		expect(redrawAt(t + 1000, t + 1000)).toBe(t + 2000);
		expect(redrawAt(t - 5000, t + 300)).toBe(t + 1000);
		expect(redrawAt(t, t)).toBe(t + 1000);
		for (const now of [t, t + 1, t + 999, t + 1000, t + 1500]) {
			for (const at of [t - 10_000, t - 1, t, t + 1, t + 999, t + 1000, t + 1001, t + 1500]) {
				const redraw = redrawAt(at, now);
				expect(redraw, `${at - t} at ${now - t}`).toBeGreaterThan(now);
				expect(redraw % 1000, `${at - t} at ${now - t}`).toBe(0);
				expect(redraw, `${at - t} at ${now - t}`).toBeGreaterThanOrEqual(at);
			}
		}
	});
});
