import {useCallback, useRef, useState} from 'react';
import {initialViewState, viewReducer, type ViewAction, type ViewState} from './view-state.js';

/**
Like useReducer, but the new state is visible at once through `current()`: key presses can arrive
faster than React re-renders, and each must act on the state the previous one left.
*/
export default function useViewState(): {readonly state: ViewState; current(): ViewState; apply(action: ViewAction): void} {
	const ref = useRef(initialViewState);
	const [state, setState] = useState(initialViewState);
	const apply = useCallback((action: ViewAction) => {
		const next = viewReducer(ref.current, action);
		if (next !== ref.current) {
			ref.current = next;
			setState(next);
		}
	}, []);
	const current = useCallback(() => ref.current, []);
	return {state, current, apply};
}
