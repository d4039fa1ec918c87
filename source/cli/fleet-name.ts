/** The longest device name: it is a table cell, a metrics label and a hook's C2C_DEVICE. */
export const maxDeviceNameLength = 64;

// C0 and C1 controls and DEL; the text-direction marks, embeddings, overrides and isolates that can
// make one name look like another (the same set sanitize() replaces); and the Unicode line separators.
// eslint-disable-next-line no-control-regex -- control characters are what the name must not hold
const forbidden = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

/**
Why a device name from --config cannot be used, or undefined when it can. The name reaches the table,
NDJSON, Prometheus labels and the hooks' environment: the table would draw a control character as a
replacement mark (so "A\\u001B[31mRED" and "A[31mRED" would look alike), while a label or a hook would
carry it as is. So such a name is refused rather than cleaned: no two devices may look the same.
*/
export function deviceNameProblem(name: string): string | undefined {
	const [character] = forbidden.exec(name) ?? [];
	if (character !== undefined) {
		const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
		// eslint-disable-next-line no-control-regex -- telling a control character from a formatting one
		const kind = /[\u0000-\u001F\u007F-\u009F]/u.test(character) ? 'a control character' : 'an invisible formatting character';
		return `the name holds ${kind} (${code}); use printable characters only`;
	}

	const {length} = [...name];
	return length > maxDeviceNameLength ? `the name is ${length} characters long; ${maxDeviceNameLength} at most` : undefined;
}
