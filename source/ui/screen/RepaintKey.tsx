import {repaintBinding} from '../shared/keymap.js';
import useKeyPresses from '../shared/use-key-presses.js';
import useKeysActive from '../shared/use-keys-active.js';

type Props = {
	/** Draws the whole screen again (the screen writer's `repaint`). */
	readonly onRepaint: () => void;
};

/**
Ctrl+L on any screen drawn through the screen writer (the live view, the fleet table, pairing, and any
panel or help open over them): rendered once beside the screen, it draws nothing itself.
*/
export default function RepaintKey({onRepaint}: Props) {
	useKeyPresses(press => {
		if (repaintBinding.matches(press.input, press.key)) {
			onRepaint();
		}
	}, useKeysActive());
	return null;
}
