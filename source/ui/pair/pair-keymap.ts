import type {Key} from 'ink';
import type {PairingSnapshot} from '../../core/token/pairing-types.js';

export type PairAction = 'start' | 'new-code' | 'quit';

type Phase = PairingSnapshot['phase'];

export type PairKeyBinding = {
	readonly action: PairAction;
	/** How the keys are written on the screen. */
	readonly keys: string;
	/** What the key does, after "to": "Enter to start monitoring". */
	readonly hint: string;
	/** The phases in which the key does something (and is offered). */
	readonly phases: readonly Phase[];
	readonly matches: (input: string, key: Key) => boolean;
};

const everyPhase: readonly Phase[] = ['requesting', 'waiting', 'paired', 'expired', 'failed'];

/**
The keys of `c2c-status pair`, in the style of the monitor's keymap: one list drives the input handler
and the line that offers the keys, so the two cannot disagree. Quit is offered last, in every phase.
*/
export const pairKeymap: readonly PairKeyBinding[] = [
	{action: 'start', keys: 'Enter', hint: 'start monitoring', phases: ['paired'], matches: (_input, key) => key.return},
	{action: 'new-code', keys: 'n', hint: 'get a new code', phases: ['expired'], matches: (input, key) => input === 'n' && !key.ctrl && !key.meta},
	{action: 'quit', keys: 'q, Ctrl+C', hint: 'quit', phases: everyPhase, matches: (input, key) => (input === 'q' && !key.ctrl) || (key.ctrl && input === 'c')},
];

/** The action of a key press in a phase, if it has one there. */
export function findPairAction(phase: Phase, input: string, key: Key): PairAction | undefined {
	return pairKeymap.find(binding => binding.phases.includes(phase) && binding.matches(input, key))?.action;
}

/** "Enter to start monitoring, q to quit": the keys that work in the phase, each by its first key. */
export function pairKeyHints(phase: Phase): string {
	return pairKeymap
		.filter(binding => binding.phases.includes(phase))
		.map(binding => `${binding.keys.split(',')[0]!} to ${binding.hint}`)
		.join(', ');
}
