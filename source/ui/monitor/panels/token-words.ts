import type {TokenSnapshot} from '../../../core/token/token-source.js';
import {countdown, formatDuration} from '../../format/format.js';
import {displayWidth, firstThatFits, truncateMiddle} from '../../format/text-width.js';

/** What the Identity panel draws about the token, made safe (redacted, sanitized) before it is measured. */
export type TokenWordsContext = {
	readonly now: number;
	readonly separator: string;
	readonly warningMark: string;
	/** Redacts and sanitizes text that came from outside (paths, errors), as SafeText will draw it. */
	readonly screenText: (text: string) => string;
};

/**
A problem with the token: `text` says all of it (the Identity panel wraps it over two lines when it
has them), `line` the most of it that fits one line of the width given.
*/
export type TokenProblem = {readonly text: string; readonly line: string; readonly color: 'red' | 'yellow'};

/** A path is cut no shorter than this; below it the shorter wording goes first. */
const shortestPath = 12;

/**
The Token row: where the token comes from, and for owned credentials when the token expires and is
refreshed. A path is cut in its middle, never the facts after it; the fullest wording that fits the
`room` cells is used.
*/
export function tokenRowText(token: TokenSnapshot, room: number, context: TokenWordsContext): string {
	const {separator: sep, screenText} = context;
	const label = screenText(token.label);
	if (token.source !== 'credentials') {
		// A fixed token (the demo's) is the label alone: it neither expires nor changes.
		return withLabel(label, token.source === 'fixed' ? [''] : [' (watched: refreshed elsewhere)', ' (watched)'], room);
	}

	const expires = expiryWords(token.expiresAt, context.now);
	const refresh = refreshWords(token, context.now);
	const facts = [expires.full, refresh.full].filter(Boolean).join(` ${sep} `);
	const compact = [expires.short, refresh.short].filter(Boolean).join(` ${sep} `);
	const head = `credentials ${sep} ${facts}`;
	const pathRoom = room - displayWidth(`${head} ${sep} `);
	return firstThatFits([
		...(pathRoom >= shortestPath ? [`${head} ${sep} ${truncateMiddle(label, pathRoom)}`] : []),
		head,
		facts,
		compact,
	], room);
}

/** The label with the first suffix it fits whole with, the label cut in its middle to make room. */
function withLabel(label: string, suffixes: readonly string[], room: number): string {
	for (const suffix of suffixes) {
		const labelRoom = room - displayWidth(suffix);
		if (displayWidth(label) <= labelRoom || labelRoom >= shortestPath) {
			return truncateMiddle(label, labelRoom) + suffix;
		}
	}

	return truncateMiddle(label, room);
}

function expiryWords(expiresAt: number | null, now: number): {readonly full: string; readonly short: string} {
	if (expiresAt === null) {
		return {full: 'expiry unknown', short: ''};
	}

	return expiresAt > now
		? {full: `expires in ${formatDuration(expiresAt - now)}`, short: `exp ${formatDuration(expiresAt - now)}`}
		: {full: `expired ${formatDuration(now - expiresAt)} ago`, short: 'expired'};
}

function refreshWords({refresh}: TokenSnapshot, now: number): {readonly full: string; readonly short: string} {
	switch (refresh?.phase) {
		case undefined: {
			return {full: '', short: ''};
		}

		case 'scheduled': {
			const when = countdown(refresh.nextRefreshAt, now);
			return {full: `refresh ${when}`, short: `refresh ${when.replace(/^in /, '')}`};
		}

		case 'refreshing': {
			return {full: 'refreshing now', short: 'refreshing now'};
		}

		case 'retrying': {
			return {full: `refresh retry ${countdown(refresh.nextRefreshAt, now)}`, short: 'retrying'};
		}

		case 'pairing-needed': {
			// Said in full above the headline; here only what became of the refresh.
			return {full: 'refresh refused', short: 'refresh refused'};
		}
	}
}

/**
What is wrong with the token, the reason first, most serious first: the token or credentials file
unreadable, a refresh that failed and is retried, then a warning (a credentials file others can read).
Pairing needed and credentials that cannot be saved are not here: they stand above everything, in the
headline's alert lines (alert-words.ts), and are said once.
*/
export function tokenProblem(token: TokenSnapshot, room: number, context: TokenWordsContext): TokenProblem | undefined {
	const {separator: sep, warningMark: mark, screenText, now} = context;
	const {refresh} = token;
	if (token.error !== null) {
		const file = token.source === 'credentials' ? 'credentials file' : 'token file';
		const text = `${mark} ${file}: ${screenText(token.error)}, still using the last token ${sep} ${screenText(token.label)}`;
		return {text, line: text, color: 'red'};
	}

	if (refresh?.phase === 'retrying') {
		const why = screenText(refresh.lastError ?? 'no answer');
		const when = countdown(refresh.nextRefreshAt, now);
		const text = `${mark} token refresh failed: ${why}, retrying ${when}`;
		// Short of room, when it is tried again goes before the error's words (which the line's end then cuts).
		const line = firstThatFits([text, `${mark} refresh failed: ${why}, retry ${when}`, `${mark} refresh failed, retry ${when}: ${why}`], room);
		return {text, line, color: 'yellow'};
	}

	if (token.warning === null) {
		return undefined;
	}

	const text = `${mark} ${screenText(token.warning)}`;
	return {text, line: text, color: 'yellow'};
}
