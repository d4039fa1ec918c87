import {escapeSequences} from '../../text/escape-sequences.js';
import {displayWidth, graphemes} from '../format/text-width.js';

// eslint-disable-next-line no-control-regex -- ESC and the other C0 controls are ASCII and pass through
const asciiText = /^[\u0000-\u007F]*$/;

/**
Ink marks a cut line with "…", which becomes "~"; any other non-ASCII character (from the server's
names and payloads, or the replacement mark for a control character) becomes as many "?" as the
cells Ink laid it out in: one for most, two for a CJK character or an emoji, so the columns after it
stay where Ink put them.
*/
export function asciiOnly(text: string): string {
	const marked = text.replaceAll('…', '~');
	if (asciiText.test(marked)) {
		return marked;
	}

	// What Ink writes besides text (SGR styles, cursor moves and erases, hyperlinks) is kept whole: a
	// combining mark right after an escape sequence must not take its last byte along.
	let ascii = '';
	let last = 0;
	for (const match of marked.matchAll(escapeSequences)) {
		ascii += asciiCells(marked.slice(last, match.index)) + match[0];
		last = match.index + match[0].length;
	}

	return ascii + asciiCells(marked.slice(last));
}

function asciiCells(text: string): string {
	return graphemes(text).map(grapheme => (asciiText.test(grapheme) ? grapheme : '?'.repeat(displayWidth(grapheme)))).join('');
}
