import {controlCharacters, hasControlCharacter} from './control-characters.js';
import {escapeSequences} from './escape-sequences.js';

const lineBreaks = /[\t\n\r]/g;

/**
Makes any string safe to put on the terminal: escape sequences (CSI, OSC, DCS …) are removed and
every other control character (see controlCharacters: C0, C1, DEL, the bidirectional controls, the
Unicode line separators) becomes a visible `�`. Tabs and newlines become spaces, since each field is
drawn on one line. Every string drawn passes through here: the view's (see SafeText), the CLI's echo
of what a person typed (`printable`), a hook's stderr and environment.
*/
export function sanitize(text: string): string {
	return text.replaceAll(escapeSequences, '').replaceAll(lineBreaks, ' ').replaceAll(controlCharacters, '\uFFFD');
}

/**
A value the person typed (a flag, a file's contents, an argument), made safe to echo back in a message:
sanitized as above, so a pasted escape sequence cannot act on the terminal, and cut to `max` characters.
*/
export function printable(value: string, max = 80): string {
	const safe = sanitize(value);
	return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

/** Whether a character typed or pasted may be kept as text: no control character, tab or newline. */
export function isPrintable(character: string): boolean {
	return !hasControlCharacter(character);
}
