/**
The characters that must never reach a terminal raw, as one pattern: the C0 and C1 controls and DEL
(line breaks and tabs included); the text-direction marks, embeddings, overrides and isolates, which can
reorder what a line appears to say or make one name look like another; and the Unicode line and
paragraph separators. Global: use it with `replaceAll`, `matchAll` and `search`, which do not depend
on its `lastIndex`.
*/
// eslint-disable-next-line no-control-regex -- control characters are what it finds
export const controlCharacters = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

/** Whether the text holds a control character (see controlCharacters). */
export function hasControlCharacter(text: string): boolean {
	return text.search(controlCharacters) !== -1;
}

/** Whether one control character (as controlCharacters finds them) is a C0 or C1 control or DEL, rather than an invisible formatting character. */
export function isC0OrC1Control(character: string): boolean {
	return (character.codePointAt(0) ?? 0) <= 0x9F;
}
