import {useInput, useStdin, type Key} from 'ink';
import {useCallback, useEffect, useRef} from 'react';
import {isEscapeThenKey, splitKeyPresses, type KeyPress} from './key-presses.js';

/**
Ink's useInput, one press at a time: several keys in one read are taken apart (see splitKeyPresses),
and an Esc that came in the same read as the next key is not lost (see isEscapeThenKey). Ink's handler
sees only the key it parsed, so the raw input is looked at first, by a listener subscribed before
useInput's own (listeners are called in the order they subscribed, and effects run in the order they
are declared).
*/
export default function useKeyPresses(onPress: (press: KeyPress) => void, isActive: boolean): void {
	const {internal_eventEmitter: inputs} = useStdin();
	const latest = useRef(onPress);
	latest.current = onPress;
	const escapeFirst = useRef(false);
	useEffect(() => {
		if (!isActive) {
			return;
		}

		const look = (raw: unknown) => {
			escapeFirst.current = typeof raw === 'string' && isEscapeThenKey(raw);
		};

		inputs.on('input', look);
		return () => {
			inputs.off('input', look);
		};
	}, [inputs, isActive]);
	const handler = useCallback((input: string, key: Key) => {
		const afterEscape = escapeFirst.current;
		escapeFirst.current = false;
		for (const press of splitKeyPresses(input, key, afterEscape)) {
			latest.current(press);
		}
	}, []);
	useInput(handler, {isActive});
}
