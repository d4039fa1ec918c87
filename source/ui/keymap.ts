import type {Key} from 'ink';

export type KeyAction =
	| 'quit' | 'help' | 'refresh' | 'reconnect' | 'toggle-follow' | 'up' | 'down' | 'page-up' | 'page-down'
	| 'newest' | 'filter' | 'escape' | 'heartbeats' | 'details';

export type KeyBinding = {
	readonly action: KeyAction;
	/** How the keys are written in the help and the footer. */
	readonly keys: string;
	readonly description: string;
	/** Short label for the footer; bindings without one appear only in the help. */
	readonly hint?: string;
	readonly matches: (input: string, key: Key) => boolean;
};

/**
The one keymap: it drives the input handler, the footer hints and the help overlay, so the three
cannot disagree.
*/
export const keymap: readonly KeyBinding[] = [
	{action: 'quit', keys: 'q, Ctrl+C', description: 'quit (closes the socket cleanly)', hint: 'quit', matches: (input, key) => (input === 'q' && !key.ctrl) || (key.ctrl && input === 'c')},
	{action: 'help', keys: '?', description: 'show or hide this help', hint: 'help', matches: input => input === '?'},
	{action: 'refresh', keys: 'r', description: 'refresh the identity (within the 60 s rule)', hint: 'refresh', matches: (input, key) => input === 'r' && !key.ctrl},
	{action: 'reconnect', keys: 'c', description: 'reconnect the socket now', hint: 'reconnect', matches: (input, key) => input === 'c' && !key.ctrl},
	{action: 'toggle-follow', keys: 'Space', description: 'pause or resume following the traffic log', hint: 'pause log', matches: input => input === ' '},
	{action: 'up', keys: 'Up', description: 'select the previous frame', matches: (_input, key) => key.upArrow},
	{action: 'down', keys: 'Down', description: 'select the next frame', matches: (_input, key) => key.downArrow},
	{action: 'page-up', keys: 'PgUp', description: 'one page up', matches: (_input, key) => key.pageUp},
	{action: 'page-down', keys: 'PgDn', description: 'one page down', matches: (_input, key) => key.pageDown},
	{action: 'newest', keys: 'End', description: 'jump to the newest frame and follow', matches: (_input, key) => key.end},
	{action: 'filter', keys: '/', description: 'filter the traffic log by text (Enter keeps it, Esc clears it)', hint: 'filter', matches: input => input === '/'},
	{action: 'escape', keys: 'Esc', description: 'close a panel, or clear the filter', matches: (_input, key) => key.escape},
	{action: 'heartbeats', keys: 'h', description: 'hide or show heartbeats in the traffic log', hint: 'heartbeats', matches: input => input === 'h'},
	{action: 'details', keys: 'Enter', description: 'show the selected frame\'s full JSON', hint: 'details', matches: (_input, key) => key.return},
];

export function findAction(input: string, key: Key): KeyAction | undefined {
	return keymap.find(binding => binding.matches(input, key))?.action;
}
