import type {Key} from 'ink';
import {keymap, type KeyBinding} from '../../shared/keymap.js';
import type {ViewState} from '../view-state.js';

/** What the replay's own keys ask of it. */
export type ReplayControls = {
	toggle(): void;
	next(): boolean;
	previous(): boolean;
	faster(): void;
	slower(): void;
	toStart(): void;
	toEnd(): void;
};

type ReplayAction = 'replay-play' | 'replay-next' | 'replay-previous' | 'replay-faster' | 'replay-slower' | 'replay-start' | 'replay-end';

const replayBindings: ReadonlyArray<KeyBinding<ReplayAction>> = [
	{action: 'replay-play', keys: 'Space', description: 'play or pause the replay', hint: 'play', pinned: true, matches: input => input === ' '},
	{
		action: 'replay-next', keys: 'Right, Left', description: 'the next or previous change of Paused, Connected or the socket', hint: 'next change',
		hintKeys: 'Right/Left', matches: (_input, key) => key.rightArrow,
	},
	{action: 'replay-previous', keys: 'Left', description: 'the previous change', inHelp: false, matches: (_input, key) => key.leftArrow},
	{action: 'replay-faster', keys: '+, -', description: 'faster or slower (x1 to x3600)', hint: 'speed', hintKeys: '+/-', matches: input => input === '+' || input === '='},
	{action: 'replay-slower', keys: '-', description: 'slower', inHelp: false, matches: input => input === '-'},
	{action: 'replay-start', keys: 'Home, End', description: 'the start or the end of the recording', matches: (_input, key) => key.home},
	{action: 'replay-end', keys: 'End', description: 'the end', inHelp: false, matches: (_input, key) => key.end},
];

/** Keys that act on a live device: in a replay they are listed as such, with no hint. */
const liveOnly = new Set<string>(['refresh', 'reconnect']);
/** Keys the replay takes over: Space (follow the log), Home and End (the log's oldest and newest). */
const takenOver = new Set<string>(['toggle-follow', 'oldest', 'newest']);

/**
The replay's keymap, for its footer and help: its own keys first, then the live view's, but for the ones
it takes over; `r` and `c` say they act on a live device only.
*/
export const replayKeymap: ReadonlyArray<KeyBinding<string>> = [
	...keymap.filter(binding => binding.action === 'quit' || binding.action === 'help'),
	...replayBindings,
	...keymap
		.filter(binding => binding.action !== 'quit' && binding.action !== 'help' && !takenOver.has(binding.action))
		.map(binding => liveOnly.has(binding.action) ? {...binding, description: `${binding.description}: a live device's, not in a replay`, hint: undefined} : binding),
];

/**
The replay's keys, before the live view's: only over the panels (in an open overlay Home and End
scroll it, and typed text goes to the filter). True when the key was the replay's.
*/
export function replayKeyHandler(replay: ReplayControls): (input: string, key: Key, view: ViewState) => boolean {
	const actions: Record<ReplayAction, () => unknown> = {
		'replay-play'() {
			replay.toggle();
		},
		'replay-next': () => replay.next(),
		'replay-previous': () => replay.previous(),
		'replay-faster'() {
			replay.faster();
		},
		'replay-slower'() {
			replay.slower();
		},
		'replay-start'() {
			replay.toStart();
		},
		'replay-end'() {
			replay.toEnd();
		},
	};
	return (input, key, view) => {
		if (view.overlay !== 'none' || view.editingFilter) {
			return false;
		}

		const binding = replayBindings.find(candidate => candidate.matches(input, key));
		if (!binding) {
			return false;
		}

		actions[binding.action]();
		return true;
	};
}

/** What `r` and `c` say in a replay. */
export const notInReplay = {
	refresh: () => 'r acts on a live device: not in a replay',
	reconnect: () => 'c acts on a live device: not in a replay',
};
