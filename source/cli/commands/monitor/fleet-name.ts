import {controlCharacters, isC0OrC1Control} from '../../../text/control-characters.js';

/** The longest device name: it is a table cell, a metrics label and a hook's C2C_DEVICE. */
export const maxDeviceNameLength = 64;

/**
Why a device name from --config cannot be used, or undefined when it can. The name reaches the table,
NDJSON, Prometheus labels and the hooks' environment: the table would draw a control character as a
replacement mark (so "A\\u001B[31mRED" and "A[31mRED" would look alike), while a label or a hook would
carry it as is. So such a name is refused rather than cleaned: no two devices may look the same.
*/
export function deviceNameProblem(name: string): string | undefined {
	// C0 and C1 controls and DEL; the text-direction controls that can make one name look like another; the Unicode line separators.
	const at = name.search(controlCharacters);
	if (at !== -1) {
		// Every character of the set is one UTF-16 unit.
		const character = name[at]!;
		const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
		const kind = isC0OrC1Control(character) ? 'a control character' : 'an invisible formatting character';
		return `the name holds ${kind} (${code}); use printable characters only`;
	}

	const {length} = [...name];
	return length > maxDeviceNameLength ? `the name is ${length} characters long; ${maxDeviceNameLength} at most` : undefined;
}
