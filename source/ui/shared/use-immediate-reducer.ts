import {useCallback, useRef, useState} from 'react';

/**
Like useReducer, but the new state is visible at once through `current()`: key presses can arrive
faster than React re-renders, and each must act on the state the previous one left.
*/
export default function useImmediateReducer<State, Action>(
	reducer: (state: State, action: Action) => State,
	initial: State,
): {readonly state: State; current(): State; apply(action: Action): void} {
	const ref = useRef(initial);
	const [state, setState] = useState(initial);
	const apply = useCallback((action: Action) => {
		const next = reducer(ref.current, action);
		if (next !== ref.current) {
			ref.current = next;
			setState(next);
		}
	}, [reducer]);
	const current = useCallback(() => ref.current, []);
	return {state, current, apply};
}
