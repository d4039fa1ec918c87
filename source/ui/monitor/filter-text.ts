import {isPrintable} from '../../text/sanitize.js';
import {graphemes} from '../format/text-width.js';

/** The longest filter kept, in characters. */
export const maxFilterCharacters = 80;

const deleteKeys = new Set(['\u007F', '\b']);

/**
The filter after what one read of the terminal brought, character by character: a key press, or many
at once (key repeat, a paste, a laggy SSH link). DEL and BS each delete one character, printable
characters are added, and every other control character is dropped.
*/
export function typeIntoFilter(filter: string, input: string): string {
	let text = filter;
	for (const character of input) {
		if (deleteKeys.has(character)) {
			text = deleteLastCharacter(text);
		} else if (isPrintable(character) && text.length < maxFilterCharacters * 4) {
			text += character;
		}
	}

	return graphemes(text).slice(0, maxFilterCharacters).join('');
}

/** The filter without its last character (an emoji or an accented letter counts as one). */
export function deleteLastCharacter(filter: string): string {
	return graphemes(filter).slice(0, -1).join('');
}
