/**
The characters that must never reach a terminal raw, as one pattern: the C0 and C1 controls and DEL
(line breaks and tabs included); the text-direction marks (U+200E, U+200F, U+061C), embeddings,
overrides and isolates, which can reorder what a line appears to say or make one name look like
another; and the Unicode line and paragraph separators. Terminals disagree with string-width on
several of them (xterm.js draws U+061C and the isolates one cell wide, string-width counts none).
Global: use it with `replaceAll`, `matchAll` and `search`, which do not depend on its `lastIndex`.
*/
// eslint-disable-next-line no-control-regex -- control characters are what it finds
export const controlCharacters = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

/**
The invisible characters that change nothing a terminal shows, except where the columns fall: the
zero-width space (U+200B), non-joiner (U+200C), word joiner (U+2060), byte order mark (U+FEFF), soft
hyphen (U+00AD, which xterm.js draws one cell wide and string-width counts as none), and the
zero-width joiner (U+200D) outside an emoji sequence (inside one, as in 👩‍💻, it makes the emoji).
Global, as above.
*/
export const invisibleCharacters = /[\u00AD\u200B\u200C\u2060\uFEFF]|(?<!\p{Extended_Pictographic}|\uFE0F|\p{Emoji_Modifier})\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** Half a surrogate pair with no other half: UTF-8 cannot carry it, so the terminal gets (and draws) U+FFFD. Global, as above. */
export const loneSurrogates = /[\uD800-\uDFFF]/gu;

/** Whether the text holds a control character (see controlCharacters). */
export function hasControlCharacter(text: string): boolean {
	return text.search(controlCharacters) !== -1;
}

/** Whether one control character (as controlCharacters finds them) is a C0 or C1 control or DEL, rather than an invisible formatting character. */
export function isC0OrC1Control(character: string): boolean {
	return (character.codePointAt(0) ?? 0) <= 0x9F;
}
