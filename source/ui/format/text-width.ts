import {eastAsianWidthType} from 'get-east-asian-width';
import stringWidth from 'string-width';
import {sanitize} from '../../text/sanitize.js';

/** Texts remembered by each cache below; past this the cache starts over (a screen holds far fewer). */
const cacheLimit = 2000;
/** Longer texts (a payload) are not remembered: they seldom come again. */
const rememberedLength = 200;

/** A bounded memo: the same few hundred texts are measured and cut on every redraw. */
function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
	let value = cache.get(key);
	if (value === undefined) {
		value = compute();
		if (cache.size >= cacheLimit) {
			cache.clear();
		}

		cache.set(key, value);
	}

	return value;
}

const widths = new Map<string, number>();
const cuts = new Map<string, string>();

/**
Terminal cells, not UTF-16 code units: a CJK character or an emoji takes two cells, a combining mark
none. Every width the UI computes goes through here, measured as Ink measures (string-width), on what
the sanitizer leaves of the text (text/sanitize.ts): what is measured is what is drawn, also for a
character the sanitizer changes (a soft hyphen, which xterm.js draws one cell wide and string-width
counts as none, is removed; a lone surrogate, counted as none and drawn as U+FFFD, becomes U+FFFD).
*/
export function displayWidth(text: string): number {
	// Printable ASCII is one cell a character; the rest (symbols, names) is measured once and remembered.
	if (/^[\u0020-\u007E]*$/.test(text)) {
		return text.length;
	}

	return text.length > rememberedLength ? measure(text) : remember(widths, text, () => measure(text));
}

function measure(text: string): number {
	return stringWidth(sanitize(text));
}

/**
Whether terminals disagree on how many cells a grapheme takes, so that the columns after it on its line
are not known for sure:
- a grapheme of several code points (an emoji with U+FE0F, a ZWJ sequence, a flag, a letter with a
  combining mark): string-width counts ✔️ as two cells, tmux and xterm.js draw it in one;
- an East Asian ambiguous-width character (─ · ‖ ▶ → … █ �): one cell in most terminals, two in one
  set up for CJK text (an "ambiguous width: wide" setting).
*/
export function widthIsUncertain(grapheme: string): boolean {
	const codePoint = grapheme.codePointAt(0) ?? 0;
	return grapheme.length > (codePoint > 0xFF_FF ? 2 : 1) || (codePoint > 0x7E && eastAsianWidthType(codePoint) === 'ambiguous');
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
Longest piece of text handed to Intl.Segmenter at once: V8's segmenter (Node 20) takes time that grows
with the square of the text's length (8,000 characters in 100 ms, 64,000 in 3.9 s), and one large
frame's payload froze the view in it.
*/
const pieceLength = 256;

/**
The characters as a person sees them: an emoji sequence or a letter with its accents is one. A long
text is taken apart a piece at a time; each piece's last grapheme may go on past the piece, so it is
left to the next piece, which starts where it starts (the boundaries before it are certain: UAX #29
decides each from the characters before it and the one after).
*/
export function graphemes(text: string): string[] {
	const characters: string[] = [];
	for (let start = 0; start < text.length;) {
		let end = Math.min(text.length, start + pieceLength);
		// Never half a surrogate pair at the end: the boundary before it is decided by the code point after it.
		end += end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!) ? 1 : 0;
		const piece = Array.from(segmenter.segment(text.slice(start, end)), segment => segment.segment);
		if (end < text.length && piece.length > 1) {
			piece.pop();
		}

		for (const grapheme of piece) {
			characters.push(grapheme);
			start += grapheme.length;
		}
	}

	return characters;
}

/**
The text cut to `width` cells, ending in "…" when cut. It is cut between characters, never inside a
surrogate pair or an emoji sequence, so nothing half-drawn reaches the terminal.

A long text (a payload of a megabyte) is cut before it is measured: only its first `lookedAt(width)`
code units are looked at, so the work is bounded by the width, not by the text. Past that it counts as
cut, even if what follows would take no cells (combining marks, by the thousand).
*/
export function truncateToWidth(text: string, width: number): string {
	if (width <= 0) {
		return displayWidth(text) === 0 ? text : '';
	}

	if (text.length > rememberedLength) {
		return cutLong(text, width);
	}

	return displayWidth(text) <= width ? text : remember(cuts, `${width}:${text}`, () => cutToWidth(graphemes(text), width));
}

/** Code units of a long text looked at to cut it to `width` cells: more than any line of that width holds, short of the pathological. */
export function lookedAt(width: number): number {
	return (width * 8) + 64;
}

function cutLong(text: string, width: number): string {
	const limit = lookedAt(width);
	if (text.length <= limit && displayWidth(text) <= width) {
		return text;
	}

	const characters = graphemes(text.slice(0, limit));
	if (text.length > limit) {
		// The last one may have been cut in two.
		characters.pop();
	}

	return cutToWidth(characters, width);
}

function cutToWidth(characters: readonly string[], width: number): string {
	let kept = '';
	let used = 0;
	for (const grapheme of characters) {
		const cells = displayWidth(grapheme);
		if (used + cells > width - 1) {
			break;
		}

		kept += grapheme;
		used += cells;
	}

	return `${kept}…`;
}

/** The text cut to `width` cells and padded with spaces to exactly that many, for aligned columns. */
export function fitToWidth(text: string, width: number): string {
	const cut = truncateToWidth(text, width);
	return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/**
The first of the variants (longest and fullest first) that fits in `width` cells, or the last one: a
message says less, rather than losing its end, when the line is short.
*/
export function firstThatFits(variants: readonly string[], width: number): string {
	return variants.find(variant => displayWidth(variant) <= width) ?? variants.at(-1) ?? '';
}

/** Words laid out on lines of at most `width` cells; a word longer than a line is cut. */
export function wrapToWidth(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ').filter(Boolean)) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if (displayWidth(candidate) <= width) {
			line = candidate;
			continue;
		}

		if (line !== '') {
			lines.push(line);
		}

		line = truncateToWidth(word, width);
	}

	lines.push(line);
	return lines;
}

/**
The text cut in its middle to `width` cells, with "…" where it was cut: for a path, whose start (the
folder) and end (the file's name) say the most.
*/
export function truncateMiddle(text: string, width: number): string {
	if (displayWidth(text) <= width) {
		return text;
	}

	if (width <= 1) {
		return truncateToWidth(text, width);
	}

	const characters = graphemes(text);
	const room = width - 1;
	const headRoom = Math.ceil(room / 2);
	let head = '';
	for (const grapheme of characters) {
		if (displayWidth(head + grapheme) > headRoom) {
			break;
		}

		head += grapheme;
	}

	let tail = '';
	for (const grapheme of characters.toReversed()) {
		if (displayWidth(head + tail + grapheme) > room) {
			break;
		}

		tail = grapheme + tail;
	}

	return `${head}…${tail}`;
}

/**
A text with no spaces to wrap at (an address) laid out on lines of at most `width` cells, whole:
broken between characters, nothing cut off.
*/
export function breakToWidth(text: string, width: number): string[] {
	if (displayWidth(text) <= width) {
		return [text];
	}

	const lines: string[] = [];
	let line = '';
	let used = 0;
	for (const grapheme of graphemes(text)) {
		const cells = displayWidth(grapheme);
		if (line !== '' && used + cells > width) {
			lines.push(line);
			line = '';
			used = 0;
		}

		line += grapheme;
		used += cells;
	}

	lines.push(line);
	return lines;
}
