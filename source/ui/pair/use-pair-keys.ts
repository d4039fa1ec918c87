import {useRef} from 'react';
import type {PairingSnapshot} from '../../core/token/pairing-types.js';
import useKeyPresses from '../shared/use-key-presses.js';
import useKeysActive from '../shared/use-keys-active.js';
import {findPairAction, type PairAction} from './pair-keymap.js';

export type PairCommands = Readonly<Record<PairAction, () => void>>;

/**
Routes key presses on the pairing screen through its keymap. A new code or the start is asked for
once per snapshot: a key repeated, or pressed twice before the screen changed, is not a second request.
Quitting always works.
*/
export default function usePairKeys(pairing: PairingSnapshot, commands: PairCommands): void {
	const latest = useRef({pairing, commands});
	latest.current = {pairing, commands};
	const actedOn = useRef<PairingSnapshot | undefined>(undefined);
	const keysActive = useKeysActive();
	useKeyPresses(press => {
		const {pairing: current, commands: run} = latest.current;
		const action = findPairAction(current.phase, press.input, press.key);
		if (action === 'quit') {
			run.quit();
		} else if (action !== undefined && actedOn.current !== current) {
			actedOn.current = current;
			run[action]();
		}
	}, keysActive);
}
