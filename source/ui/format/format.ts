import {formatDuration} from '../../core/history/history-text.js';

/** 5s, 4m 12s, 3h 05m, 2d 4h: two units at most, so columns stay narrow (the one format, shared with the history's text). */
export {formatDuration} from '../../core/history/history-text.js';

/** "12s ago", or "never" when there is no time. */
export function ago(at: number | null | undefined, now: number): string {
	return at === null || at === undefined ? 'never' : `${formatDuration(now - at)} ago`;
}

/** "in 12s", "now" when due. */
export function countdown(at: number | null | undefined, now: number): string {
	if (at === null || at === undefined) {
		return '-';
	}

	return at <= now ? 'now' : `in ${formatDuration(at - now + 999)}`;
}

/** Local time of day, HH:MM:SS. */
export function timeOfDay(at: number): string {
	const date = new Date(at);
	return [date.getHours(), date.getMinutes(), date.getSeconds()].map(part => String(part).padStart(2, '0')).join(':');
}

export function formatMs(ms: number | null | undefined): string {
	if (ms === null || ms === undefined) {
		return '-';
	}

	return ms < 10 ? `${Math.round(ms * 10) / 10} ms` : `${Math.round(ms)} ms`;
}

/** An ISO date as "2026-12-01 18:00 (in 3d 4h)", or "never" for null. */
export function formatExpiry(expiresAt: string | null, now: number): string {
	if (expiresAt === null) {
		return 'never';
	}

	const at = Date.parse(expiresAt);
	if (Number.isNaN(at)) {
		return expiresAt;
	}

	const date = new Date(at);
	const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
	const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
	return `${day} ${time} (${at > now ? `in ${formatDuration(at - now)}` : 'expired'})`;
}
