import {displayWidth, wrapToWidth} from '../format/text-width.js';
import {keymap, repaintBinding, type KeyBinding} from './keymap.js';

/** One line of the help: a key binding (its keys on its first line only) or a note. */
export type HelpLine = {readonly keys: string; readonly text: string; readonly note: boolean};

/** What the monitor's headline means, under its keys. */
export const monitorHelpNotes: readonly string[] = [
	'Paused: the device was paused in Frame.io (footage made meanwhile will not upload).',
	'Connected: Frame.io answers GET /health from this machine.',
	'The identity is fetched at most once a minute, as Frame.io asks.',
];

/** Cells for the keys column: the longest keys and two spaces. */
export function helpKeyWidth(bindings: ReadonlyArray<KeyBinding<string>> = keymap): number {
	return Math.max(...[...bindings, repaintBinding].filter(binding => binding.inHelp !== false).map(binding => displayWidth(binding.keys))) + 2;
}

/**
Every key from the keymap and Ctrl+L (it works everywhere), then the notes (what the headline means), in one column of `width` cells: long
descriptions wrap under their own column rather than being cut, and the help scrolls when it is
taller than the screen.
*/
export function helpLines(width: number, bindings: ReadonlyArray<KeyBinding<string>> = keymap, notes = monitorHelpNotes): HelpLine[] {
	const keyWidth = helpKeyWidth(bindings);
	const lines: HelpLine[] = [];
	for (const binding of [...bindings, repaintBinding].filter(binding => binding.inHelp !== false)) {
		for (const [index, text] of wrapToWidth(binding.description, width - keyWidth).entries()) {
			lines.push({keys: index === 0 ? binding.keys : '', text, note: false});
		}
	}

	for (const note of notes) {
		lines.push(...wrapToWidth(note, width).map(text => ({keys: '', text, note: true})));
	}

	return lines;
}
