import {describe, expect, it} from 'vitest';
import {parseDuration, parseReportRange} from '../../../../source/cli/commands/report/report-range.js';
import {UsageError} from '../../../../source/cli/usage-error.js';

/** A local moment, as the person at the machine reads it: `local('2026-11-27 19:30')`. */
function local(text: string): number {
	const [year, month, day, hours = 0, minutes = 0, seconds = 0] = text.split(/[- :]/).map(Number) as [number, number, number, number?, number?, number?];
	return new Date(year, month - 1, day, hours, minutes, seconds).getTime();
}

describe('the report\'s range', () => {
	const now = local('2026-11-27 19:30');

	it('is the last 24 hours by default, and --since a duration up to now', () => {
		expect(parseReportRange({}, now)).toEqual({from: now - (24 * 3_600_000), to: now});
		expect(parseReportRange({since: '12h'}, now)).toEqual({from: now - (12 * 3_600_000), to: now});
		expect(parseDuration('1h30m')).toBe(90 * 60_000);
		expect(parseDuration('90m')).toBe(90 * 60_000);
		expect(parseDuration('2d')).toBe(2 * 86_400_000);
		expect(parseDuration('45s')).toBe(45_000);
	});

	it('reads HH:MM as today\'s, or yesterday\'s when it has not come yet; --to as the first such moment after --from', () => {
		expect(parseReportRange({from: '07:00'}, now)).toEqual({from: local('2026-11-27 07:00'), to: now});
		expect(parseReportRange({from: '07:00', to: '19:00'}, now)).toEqual({from: local('2026-11-27 07:00'), to: local('2026-11-27 19:00')});
		// A night shoot, reported at 01:30: 18:00 was yesterday, and 02:00 comes after it.
		const night = local('2026-11-28 01:30');
		expect(parseReportRange({from: '18:00', to: '02:00'}, night)).toEqual({from: local('2026-11-27 18:00'), to: local('2026-11-28 02:00')});
		expect(parseReportRange({from: '21:15:30'}, now).from).toBe(local('2026-11-26 21:15:30'));
	});

	it('reads dates, local date-times, ISO times with a zone, and now', () => {
		expect(parseReportRange({from: '2026-11-27'}, now).from).toBe(local('2026-11-27'));
		expect(parseReportRange({from: '2026-11-27 14:00', to: '2026-11-27T16:30:15'}, now)).toEqual({from: local('2026-11-27 14:00'), to: local('2026-11-27 16:30:15')});
		expect(parseReportRange({from: '2026-11-27T13:00:00Z', to: 'now'}, now)).toEqual({from: Date.parse('2026-11-27T13:00:00Z'), to: now});
		expect(parseReportRange({from: '2026-11-27T13:00:00+01:00'}, now).from).toBe(Date.parse('2026-11-27T12:00:00Z'));
	});

	it.each([
		[{since: '12h', from: '07:00'}, '--since names the range\'s start and its end (now): leave out --from and --to, or --since.'],
		[{to: '19:00'}, '--to needs --from (or use --since for a range that ends now).'],
		[{since: 'yesterday'}, '--since must be a duration such as 12h, 90m, 1h30m or 2d, got "yesterday".'],
		[{since: '0s'}, '--since must be from 1s to 400d, got "0s".'],
		[{from: '25:00'}, '--from must be a time such as 14:00, 2026-11-27 14:00 or 2026-11-27T14:00:00Z, got "25:00".'],
		[{from: '2026-02-30'}, '--from must be a time such as 14:00, 2026-11-27 14:00 or 2026-11-27T14:00:00Z, got "2026-02-30".'],
		[{from: 'noon\u001B[2J'}, '--from must be a time such as 14:00, 2026-11-27 14:00 or 2026-11-27T14:00:00Z, got "noon\uFFFD".'],
		[{from: '2026-11-28'}, '--from 2026-11-28 lies in the future.'],
		[{from: '2026-11-27 18:00', to: '2026-11-27 17:00'}, '--to 2026-11-27 17:00 must come after --from 2026-11-27 18:00.'],
	])('refuses %j: %s', (flags, message) => {
		expect(() => parseReportRange(flags, now)).toThrow(new UsageError(message));
	});
});
