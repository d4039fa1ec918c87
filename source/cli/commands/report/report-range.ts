import type {Interval} from '../../../core/history/intervals.js';
import {dayMs} from '../../../core/history/journal-paths.js';
import {printable} from '../../../text/sanitize.js';
import {UsageError} from '../../usage-error.js';

export type RangeFlags = {
	readonly since?: string | undefined;
	readonly from?: string | undefined;
	readonly to?: string | undefined;
};

/** Without --since, --from or --to: the last 24 hours, a whole shoot day however late the wrap. */
export const defaultSinceMs = dayMs;

/** The longest range a report covers (a journal keeps 30 days unless told). */
const maxRangeMs = 400 * dayMs;

const unitMs = {s: 1000, m: 60_000, h: 3_600_000, d: dayMs} as const;

/**
The report's range. `--since 12h` (also `90m`, `1h30m`, `2d`) ends now. `--from TIME [--to TIME]`
takes what a DIT types at wrap, in local time: `14:00` (or `14:00:30`) is the latest such moment not
after now (so `--from 07:00` at 01:30 means yesterday morning), and as `--to` the first such moment
after `--from`; `2026-11-27` is that day's midnight; `2026-11-27 14:00` or `2026-11-27T14:00` a local
moment; an ISO time with `Z` or an offset is taken as given; `now` is now.
*/
export function parseReportRange(flags: RangeFlags, now: number): Interval {
	if (flags.since !== undefined && (flags.from !== undefined || flags.to !== undefined)) {
		throw new UsageError('--since names the range\'s start and its end (now): leave out --from and --to, or --since.');
	}

	if (flags.to !== undefined && flags.from === undefined) {
		throw new UsageError('--to needs --from (or use --since for a range that ends now).');
	}

	if (flags.from === undefined) {
		const ms = flags.since === undefined ? defaultSinceMs : parseDuration(flags.since);
		return {from: now - ms, to: now};
	}

	const from = parseTime('from', flags.from, now, undefined);
	if (from > now) {
		throw new UsageError(`--from ${printable(flags.from)} lies in the future.`);
	}

	const to = flags.to === undefined ? now : parseTime('to', flags.to, now, from);
	if (to <= from) {
		throw new UsageError(`--to ${printable(flags.to ?? '')} must come after --from ${printable(flags.from)}.`);
	}

	if (to - from > maxRangeMs) {
		throw new UsageError('the range is longer than 400 days.');
	}

	return {from, to};
}

/** `12h`, `90m`, `1h30m`, `2d`, `45s`: at least a second, at most 400 days. */
export function parseDuration(text: string): number {
	const trimmed = text.trim().toLowerCase();
	if (!/^(?:\d+(?:\.\d+)?[smhd])+$/.test(trimmed)) {
		throw new UsageError(`--since must be a duration such as 12h, 90m, 1h30m or 2d, got "${printable(text)}".`);
	}

	let ms = 0;
	for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)) {
		ms += Number(amount) * unitMs[unit as keyof typeof unitMs];
	}

	if (ms < 1000 || ms > maxRangeMs) {
		throw new UsageError(`--since must be from 1s to 400d, got "${printable(text)}".`);
	}

	return Math.round(ms);
}

const clockPattern = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const localPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const zonedPattern = /^\d{4}-\d{2}-\d{2}t\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})$/i;

/** One moment, as described above; `after` is --from's moment when parsing --to. */
function parseTime(flag: 'from' | 'to', text: string, now: number, after: number | undefined): number {
	const trimmed = text.trim();
	if (trimmed.toLowerCase() === 'now') {
		return now;
	}

	const bad = () => new UsageError(`--${flag} must be a time such as 14:00, 2026-11-27 14:00 or 2026-11-27T14:00:00Z, got "${printable(text)}".`);
	const clock = clockPattern.exec(trimmed);
	if (clock) {
		const [hours, minutes, seconds] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
		if (hours > 23 || minutes > 59 || seconds > 59) {
			throw bad();
		}

		const today = new Date(now);
		let at = new Date(today.getFullYear(), today.getMonth(), today.getDate(), hours, minutes, seconds).getTime();
		if (after === undefined) {
			// The latest such moment not after now.
			at = at > now ? dayBefore(at) : at;
		} else {
			// The first such moment after --from.
			while (at <= after) {
				at = dayAfter(at);
			}

			while (dayBefore(at) > after) {
				at = dayBefore(at);
			}
		}

		return at;
	}

	if (zonedPattern.test(trimmed)) {
		const at = Date.parse(trimmed);
		if (Number.isFinite(at)) {
			return at;
		}

		throw bad();
	}

	const local = localPattern.exec(trimmed);
	if (!local) {
		throw bad();
	}

	const [year, month, day, hours, minutes, seconds] = local.slice(1).map(part => Number(part ?? 0)) as [number, number, number, number, number, number];
	const date = new Date(year, month - 1, day, hours, minutes, seconds);
	if (date.getMonth() !== month - 1 || date.getDate() !== day || hours > 23 || minutes > 59 || seconds > 59) {
		throw bad();
	}

	return date.getTime();
}

/** The same local time a day earlier or later (23 or 25 hours across a change of summer time). */
function dayBefore(at: number): number {
	const date = new Date(at);
	date.setDate(date.getDate() - 1);
	return date.getTime();
}

function dayAfter(at: number): number {
	const date = new Date(at);
	date.setDate(date.getDate() + 1);
	return date.getTime();
}
