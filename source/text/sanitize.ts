import {controlCharacters, hasControlCharacter, invisibleCharacters, loneSurrogates} from './control-characters.js';
import {escapeSequences} from './escape-sequences.js';

const lineBreaks = /[\t\n\r]/g;

/**
Makes any string safe to put on the terminal: escape sequences (CSI, OSC, DCS …) are removed and
every other control character (see controlCharacters: C0, C1, DEL, the bidirectional controls, the
Unicode line separators) becomes a visible `�`. Tabs and newlines become spaces, since each field is
drawn on one line. Invisible characters (see invisibleCharacters: zero-width ones, the soft hyphen)
are removed, and a lone surrogate becomes the `�` a terminal would draw for it: what is left is
measured (ui/format/text-width.ts) as terminals draw it. Every string drawn passes through here: the
view's (see SafeText), the CLI's echo of what a person typed (`printable`), a hook's stderr and
environment.
*/
export function sanitize(text: string): string {
	// Escape sequences first: an ESC left over (one that starts no sequence) is a control character like any other.
	return text.replaceAll(escapeSequences, '').replaceAll(lineBreaks, ' ').replaceAll(invisibleCharacters, '')
		.replaceAll(controlCharacters, '\uFFFD').replaceAll(loneSurrogates, '\uFFFD');
}

/**
A value the person typed (a flag, a file's contents, an argument), made safe to echo back in a message:
sanitized as above, so a pasted escape sequence cannot act on the terminal, and cut to `max` characters
(code points: never half a surrogate pair). Unlike the view, an echo drops nothing unseen: each escape
sequence and each invisible character shows as one `�`, as every other control character does, so that
`--bad<ESC>[31mred` reads `--bad�red`, not a `--badred` the person never typed.
*/
export function printable(value: string, max = 80): string {
	const safe = sanitize(value.replaceAll(escapeSequences, '\uFFFD').replaceAll(invisibleCharacters, '\uFFFD'));
	if (safe.length <= max) {
		return safe;
	}

	const characters = [...safe];
	return characters.length > max ? `${characters.slice(0, max - 1).join('')}…` : safe;
}

/** Whether a character typed or pasted may be kept as text: no control character, tab or newline, nothing invisible, no lone surrogate. */
export function isPrintable(character: string): boolean {
	return !hasControlCharacter(character) && sanitize(character) === character;
}
