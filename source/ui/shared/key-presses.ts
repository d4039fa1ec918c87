import type {Key} from 'ink';
import {isPrintable} from '../../text/sanitize.js';

/** A key press as Ink reports one: the text it typed and which keys were down. */
export type KeyPress = {readonly input: string; readonly key: Key};

const noKeys: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};

/** The control characters a read can carry among typed text, as the one key Ink reports for each alone. */
const controlKeys: Record<string, KeyPress> = {
	'\r': {input: '', key: {...noKeys, return: true}},
	'\u007F': {input: '', key: {...noKeys, delete: true}},
	'\b': {input: '', key: {...noKeys, backspace: true}},
	'\t': {input: '', key: {...noKeys, tab: true}},
	'\u0003': {input: 'c', key: {...noKeys, ctrl: true}},
};

/**
Ink hands over one read of the terminal at a time, and one read can hold many keys: key repeat, a
paste, or a laggy SSH link that delivers "/abc" or "\x7f\x7f" at once, as one input with no key
flags. Such an input is taken apart into one press per character, as if typed one by one; other
control characters in it are dropped. A press Ink named (an arrow, Enter, Ctrl+…) is kept as is.
*/
export function splitKeyPresses(input: string, key: Key): KeyPress[] {
	const characters = [...input];
	const named = Object.entries(key).some(([name, down]) => down === true && name !== 'shift');
	if (characters.length <= 1 || named) {
		return [{input, key}];
	}

	return characters.flatMap(character => {
		if (isPrintable(character)) {
			return [{input: character, key: {...noKeys, shift: /^[A-Z]$/.test(character)}}];
		}

		const control = controlKeys[character];
		return control ? [control] : [];
	});
}
