import {displayWidth, graphemes} from './text-width.js';

// eslint-disable-next-line no-control-regex -- ESC and the other C0 controls are ASCII and pass through
const asciiText = /^[\u0000-\u007F]*$/;
// What Ink writes besides text: SGR styles, cursor moves and erases (CSI), hyperlinks (OSC).
// eslint-disable-next-line no-control-regex -- escape sequences are made of control characters
const escapeSequence = /(\u001B(?:\[[0-?]*[ -/]*[@-~]|][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_]))/;

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

	// Escape sequences are kept whole: a combining mark right after one must not take its last byte along.
	return marked.split(escapeSequence).map((part, index) => (index % 2 === 1 ? part : asciiCells(part))).join('');
}

function asciiCells(text: string): string {
	return graphemes(text).map(grapheme => (asciiText.test(grapheme) ? grapheme : '?'.repeat(displayWidth(grapheme)))).join('');
}

/** The terminal stream, with every write passed through `asciiOnly`, for --ascii. */
export function asciiStdout(stream: NodeJS.WriteStream): NodeJS.WriteStream {
	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') {
				return (chunk: unknown, ...rest: unknown[]) => (target.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? asciiOnly(chunk) : chunk, ...rest);
			}

			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
