// eslint-disable-next-line no-control-regex
const escapeSequences = /\u001B(?:\[[\d;?:<=>]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|[@-Z\\-_])|\u009B[\d;?:<=>]*[ -/]*[@-~]/g;
// C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what a line appears to say.
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
Makes any string safe to put on the terminal: escape sequences (CSI, OSC, DCS …) are removed and
every other control character becomes a visible `�`. Tabs and newlines become spaces, since each
field is drawn on one line. Every string the UI draws passes through here (see SafeText).
*/
export function sanitize(text: string): string {
	return text.replace(escapeSequences, '').replace(/[\t\n\r]/g, ' ').replace(controls, '\uFFFD');
}
