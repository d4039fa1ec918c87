import type {Key} from 'ink';

export type KeyAction =
	| 'quit' | 'help' | 'refresh' | 'reconnect' | 'toggle-follow' | 'up' | 'down' | 'page-up' | 'page-down'
	| 'oldest' | 'newest' | 'filter' | 'escape' | 'heartbeats' | 'details' | 'timeline';

export type KeyBinding<Action extends string = KeyAction> = {
	readonly action: Action;
	/** How the keys are written in the help and the footer. */
	readonly keys: string;
	readonly description: string;
	/** Short label for the footer; bindings without one appear only in the help. */
	readonly hint?: string;
	/** How the footer writes the keys, when not as the first of `keys` ("Up/Down"). */
	readonly hintKeys?: string;
	/** Its hint comes first in the footer and stays there even while a notice is shown. */
	readonly pinned?: true;
	/** False for the second key of a pair the help lists on one line (Up, Down). */
	readonly inHelp?: false;
	readonly matches: (input: string, key: Key) => boolean;
};

/**
The one keymap: it drives the input handler, the footer hints and the help overlay, so the three
cannot disagree.
*/
export const keymap: readonly KeyBinding[] = [
	{
		action: 'quit', keys: 'q, Ctrl+C', description: 'quit (closes the socket cleanly)', hint: 'quit', pinned: true,
		matches: (input, key) => (input === 'q' && !key.ctrl) || (key.ctrl && input === 'c'),
	},
	{action: 'help', keys: '?', description: 'show or hide this help', hint: 'help', pinned: true, matches: input => input === '?'},
	{action: 'refresh', keys: 'r', description: 'refresh the identity (at most once a minute)', hint: 'refresh', matches: (input, key) => input === 'r' && !key.ctrl},
	{action: 'reconnect', keys: 'c', description: 'reconnect the socket now', hint: 'reconnect', matches: (input, key) => input === 'c' && !key.ctrl},
	{action: 'toggle-follow', keys: 'Space', description: 'pause or resume following the log', hint: 'pause log', matches: input => input === ' '},
	{action: 'up', keys: 'Up, Down', description: 'select an older or newer frame', matches: (_input, key) => key.upArrow},
	{action: 'down', keys: 'Down', description: 'select a newer frame', inHelp: false, matches: (_input, key) => key.downArrow},
	{action: 'page-up', keys: 'PgUp, PgDn', description: 'a page older or newer', matches: (_input, key) => key.pageUp},
	{action: 'page-down', keys: 'PgDn', description: 'a page newer', inHelp: false, matches: (_input, key) => key.pageDown},
	{action: 'oldest', keys: 'Home, End', description: 'oldest or newest frame (End follows); in a panel: top or end', matches: (_input, key) => key.home},
	{action: 'newest', keys: 'End', description: 'newest frame, following; in a panel: its end', inHelp: false, matches: (_input, key) => key.end},
	{action: 'filter', keys: '/', description: 'filter the log (Enter keeps, Esc clears)', hint: 'filter', matches: input => input === '/'},
	{action: 'escape', keys: 'Esc', description: 'close a panel, or clear the filter', matches: (_input, key) => key.escape},
	{action: 'heartbeats', keys: 'h', description: 'hide or show heartbeats in the log', hint: 'heartbeats', matches: input => input === 'h'},
	{action: 'details', keys: 'Enter', description: 'the selected frame in full (Up/Down scroll)', hint: 'details', matches: (_input, key) => key.return},
	{action: 'timeline', keys: 't', description: 'the timeline: every pause window and outage, newest first', matches: (input, key) => input === 't' && !key.ctrl},
];

/**
Ctrl+L, as in every full-screen terminal program: the whole screen drawn again, so that what another
program wrote on the terminal (a `wall` message, a stray warning) is gone. It works on every screen
(the live view, the fleet table, pairing, with any panel open), so it is not in the keymaps above: the
screen writer's own key handler (ui/screen/RepaintKey.tsx) answers it, and every help lists it.
*/
export const repaintBinding: KeyBinding<'repaint'> = {
	action: 'repaint', keys: 'Ctrl+L', description: 'draw the whole screen again (after another program wrote on it)',
	matches: (input, key) => key.ctrl && input === 'l',
};

/**
The keymap of a device opened from the fleet table: Esc, with no panel or filter to close, goes back to
the table, and the footer always says so.
*/
export const deviceInFleetKeymap: readonly KeyBinding[] = keymap.map(binding => binding.action === 'escape'
	? {...binding, description: 'close a panel, clear the filter, or back to the fleet table', hint: 'fleet', pinned: true}
	: binding);

export function findAction(input: string, key: Key): KeyAction | undefined {
	return keymap.find(binding => binding.matches(input, key))?.action;
}
