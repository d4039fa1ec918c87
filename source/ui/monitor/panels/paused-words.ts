import type {DerivedStatus} from '../../../core/derive-status.js';
import type {IdentitySnapshot} from '../../../core/identity/identity-poller.js';
import {formatDuration} from '../../format/format.js';
import {displayWidth, firstThatFits, truncateToWidth} from '../../format/text-width.js';

export type PausedWordsContext = {
	readonly now: number;
	readonly separator: string;
	/** Where the identity on screen came from, and when it was fetched (for "the last run's identity, 40s ago"). */
	readonly identity?: Pick<IdentitySnapshot, 'origin' | 'fetchedAt'> | undefined;
	/** Redacts and sanitizes, as SafeText will draw it, before anything is measured. */
	readonly screenText?: (text: string) => string;
};

/** What the help says about an unconfirmed Paused, under the keys. */
export function unconfirmedHelpNote(symbol: string): string {
	return `${symbol} Paused: no (unconfirmed: ...): the last value, which nothing confirms now (the socket is not joined and no identity came `
		+ 'in the last 75 s), with why and when it was last confirmed.';
}

/** Reasons that only mean the first answers are still on their way. */
const underWay = new Set(['no device id yet', 'socket connecting', 'joining channel', 'no identity yet', 'no socket']);

/**
How long Paused has held and what confirmed it last: "for 2m 03s · from a status_updated event" while
the event that set it is the newest evidence, "for 1h 00m · confirmed by the identity 12s ago" once an
identity said the same later (issue 15.14). Of a value nothing confirms now, only where it came from:
"from the identity 2m 03s ago".
*/
export function pausedFacts(status: DerivedStatus, context: PausedWordsContext): string {
	const {paused} = status;
	if (paused.value === null) {
		// Waiting is honest only while the answers are under way; a refused token or socket will not answer soon.
		const trouble = status.confidence.reasons.filter(reason => !underWay.has(reason));
		return trouble.length === 0 ? 'waiting for the identity or a status event' : `no evidence: ${trouble.join(', ')}`;
	}

	const {now, separator} = context;
	return `for ${formatDuration(now - (paused.since ?? now))} ${separator} ${evidenceWords(status, context)}`;
}

function evidenceWords({paused, confidence}: DerivedStatus, {now, identity}: PausedWordsContext): string {
	const age = paused.evidenceAt === null ? '' : ` ${formatDuration(now - paused.evidenceAt)} ago`;
	const last = confidence.lastEvidence ?? paused.source;
	const by = confidence.confirmed ? 'confirmed by' : 'from';
	if (last === 'event') {
		return paused.source === 'event' ? 'from a status_updated event' : `${by} a status_updated event${age}`;
	}

	if (identity?.origin === 'last-run') {
		const fetched = identity.fetchedAt ?? paused.evidenceAt;
		return `from the last run's identity${fetched === null ? '' : `, ${formatDuration(now - fetched)} ago`}`;
	}

	return identity?.origin === 'other-process' ? `${by} another c2c-status's identity${age}` : `${by} the identity${age}`;
}

/**
What an unconfirmed Paused says beside its value, the fullest that fits `room` cells:
"(unconfirmed: socket refused, identity failing · last confirmed 48s ago)", then shorter; short of
room the reasons are cut, never the word "unconfirmed" or when it was last confirmed.
*/
export function unconfirmedNote(confidence: DerivedStatus['confidence'], room: number, context: PausedWordsContext): string {
	const {now, separator, screenText = (text: string) => text} = context;
	const why = screenText(confidence.reasons.join(', '));
	const age = confidence.confirmedAt === null ? undefined : formatDuration(now - confidence.confirmedAt);
	if (why === '') {
		return firstThatFits(age === undefined ? ['(unconfirmed)'] : [`(unconfirmed ${separator} last confirmed ${age} ago)`, `(unconfirmed, confirmed ${age} ago)`, '(unconfirmed)'], room);
	}

	if (age === undefined) {
		return firstThatFits([`(unconfirmed: ${why})`, cutReasons('(unconfirmed', why, room)], room);
	}

	return firstThatFits([
		`(unconfirmed: ${why} ${separator} last confirmed ${age} ago)`,
		`(unconfirmed: ${why} ${separator} confirmed ${age} ago)`,
		cutReasons(`(unconfirmed, confirmed ${age} ago`, why, room),
	], room);
}

/** `head`, the reasons cut to what is left of `room`, and ")": the parenthesis is kept whole; no room, no reasons. */
function cutReasons(head: string, why: string, room: number): string {
	const left = room - displayWidth(`${head}: )`);
	return left >= 4 ? `${head}: ${truncateToWidth(why, left)})` : `${head})`;
}
