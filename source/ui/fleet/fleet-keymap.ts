import type {Key} from 'ink';
import {keymap, type KeyAction, type KeyBinding} from '../shared/keymap.js';
import type {Theme} from '../shared/theme.js';

export type FleetKeyAction = 'quit' | 'help' | 'open' | 'up' | 'down' | 'page-up' | 'page-down' | 'first' | 'last' | 'escape';

/** The same keys as the monitor's for the same deeds (q, ?, arrows, Esc), so nothing is learnt twice. */
function sameAs(action: KeyAction): (input: string, key: Key) => boolean {
	return keymap.find(binding => binding.action === action)!.matches;
}

/** The fleet table's keymap: it drives the table's input handler, its footer and its help. */
export const fleetKeymap: ReadonlyArray<KeyBinding<FleetKeyAction>> = [
	{action: 'quit', keys: 'q, Ctrl+C', description: 'quit (closes every socket cleanly)', hint: 'quit', pinned: true, matches: sameAs('quit')},
	{action: 'help', keys: '?', description: 'show or hide this help', hint: 'help', pinned: true, matches: sameAs('help')},
	{action: 'open', keys: 'Enter', description: 'open the selected device: all its panels (Esc comes back here)', hint: 'open', matches: sameAs('details')},
	{action: 'up', keys: 'Up, Down', description: 'select the device above or below', hint: 'select', hintKeys: 'Up/Down', matches: sameAs('up')},
	{action: 'down', keys: 'Down', description: 'select the device below', inHelp: false, matches: sameAs('down')},
	{action: 'page-up', keys: 'PgUp, PgDn', description: 'a page of devices up or down', matches: sameAs('page-up')},
	{action: 'page-down', keys: 'PgDn', description: 'a page of devices down', inHelp: false, matches: sameAs('page-down')},
	{action: 'first', keys: 'Home, End', description: 'the first or the last device', matches: sameAs('oldest')},
	{action: 'last', keys: 'End', description: 'the last device', inHelp: false, matches: sameAs('newest')},
	{action: 'escape', keys: 'Esc', description: 'close this help', matches: sameAs('escape')},
];

/** What the table's help says under the keys: what the marks mean (in the symbols on screen), then the columns. */
export function fleetHelpNotes(symbols: Theme['symbols']): string[] {
	return [
		`Marks: ${symbols.selected} the selected device, ${symbols.paused} paused, ${symbols.running} not paused, ${symbols.connected} fine, `
		+ `${symbols.disconnected} a problem, ${symbols.warning} a warning, ${symbols.unknown} not known yet.`,
		`${symbols.unconfirmed} yes, ${symbols.unconfirmed} no: Paused's last value, which nothing confirms now `
		+ '(the socket is not joined and no identity came in the last 75 s); the device\'s panels say why.',
		'Paused: the device was paused in Frame.io (footage made meanwhile will not upload).',
		'Connected: Frame.io answers GET /health from this machine.',
		'Socket: the device websocket; only "joined" receives pause and resume events.',
		'Token: when owned credentials expire; "-" for a watched token (refreshed by other software).',
		'Last event: the newest pause or resume, socket close or refusal, /health going down or coming back, or rejected token, and how long ago.',
	];
}

export function findFleetAction(input: string, key: Key): FleetKeyAction | undefined {
	return fleetKeymap.find(binding => binding.matches(input, key))?.action;
}
