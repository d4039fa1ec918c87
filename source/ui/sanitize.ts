// eslint-disable-next-line no-control-regex -- the escape sequences to remove are made of control characters
const escapeSequences = /\u001B(?:\[[\d;?:<=>]*[ -/]*[@-~]|][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|[@-Z\\-_])|\u009B[\d;?:<=>]*[ -/]*[@-~]/g;
// C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what a line appears to say.
const controlCharacters = String.raw`\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069`;
const controls = new RegExp(`[${controlCharacters}]`, 'g');
const lineBreaks = /[\t\n\r]/;
const control = new RegExp(`[${controlCharacters}]`);

/**
Makes any string safe to put on the terminal: escape sequences (CSI, OSC, DCS …) are removed and
every other control character becomes a visible `�`. Tabs and newlines become spaces, since each
field is drawn on one line. Every string the UI draws passes through here (see SafeText).
*/
export function sanitize(text: string): string {
	return text.replaceAll(escapeSequences, '').replaceAll(/[\t\n\r]/g, ' ').replaceAll(controls, '\uFFFD');
}

/** Whether a character typed or pasted may be kept as text: no control character, tab or newline. */
export function isPrintable(character: string): boolean {
	return !control.test(character) && !lineBreaks.test(character);
}
