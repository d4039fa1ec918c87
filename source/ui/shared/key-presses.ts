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
	'\f': {input: 'l', key: {...noKeys, ctrl: true}},
};

const escape = '\u001B';
const escapePress: KeyPress = {input: '', key: {...noKeys, escape: true, meta: true}};

/**
Whether one input as Ink's parser hands it over is an Esc followed by another key that came in the
same read (`tmux send-keys Escape Home`, or Esc then a key typed fast over a laggy link): ESC ESC [ 1 ~,
ESC q, ESC /, ESC ESC. Ink reads these the old way, as Alt (meta) with the second key, or with no trace
of the Esc at all (ESC / is just "/"). ESC [ and ESC O start a key's own sequence (an arrow, Home).
*/
export function isEscapeThenKey(raw: string): boolean {
	return raw.length > 1 && raw.startsWith(escape) && raw[1] !== '[' && raw[1] !== 'O';
}

/**
Ink hands over one read of the terminal at a time, and one read can hold many keys: key repeat, a
paste, or a laggy SSH link that delivers "/abc" or "\x7f\x7f" at once, as one input with no key
flags. Such an input is taken apart into one press per character, as if typed one by one; other
control characters in it are dropped. A press Ink named (an arrow, Enter, Ctrl+…) is kept as is.
`escapeFirst` (see isEscapeThenKey): the input came after an Esc in the same read, which is given back
as its own press first, and the key without the meta Ink took it for.
*/
export function splitKeyPresses(input: string, key: Key, escapeFirst = false): KeyPress[] {
	if (escapeFirst) {
		return [escapePress, ...splitKeyPresses(input, {...key, meta: false})];
	}

	const characters = [...input];
	const named = Object.entries(key).some(([name, down]) => down === true && name !== 'shift');
	if (named) {
		return [{input, key}];
	}

	if (characters.length <= 1) {
		return [controlKeys[input] ?? {input, key}];
	}

	return characters.flatMap(character => {
		if (isPrintable(character)) {
			return [{input: character, key: {...noKeys, shift: /^[A-Z]$/.test(character)}}];
		}

		const control = controlKeys[character];
		return control ? [control] : [];
	});
}
