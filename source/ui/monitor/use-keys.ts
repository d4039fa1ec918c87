import type {Key} from 'ink';
import {useRef} from 'react';
import {findAction} from '../shared/keymap.js';
import useKeyPresses from '../shared/use-key-presses.js';
import {viewActionFor, type KeyContext} from './key-actions.js';
import type {Notice, ViewAction, ViewState} from './view-state.js';

export type KeyCommands = {
	/** Back to where the view was opened from (the fleet table): Esc, once no panel or filter is left to close. */
	back?: () => void;
	quit(): void;
	/** Returns the notice to show. */
	refresh(): Notice;
	reconnect(): Notice;
};

type Options = KeyContext & {
	/** The view state as the last key left it (not as last rendered). */
	readonly current: () => ViewState;
	readonly dispatch: (action: ViewAction) => void;
	readonly commands: KeyCommands;
	readonly isActive: boolean;
	/** Below the minimum size only quitting works. */
	readonly quitOnly: boolean;
	readonly now: () => number;
	/** Keys of the view's own (a replay's), tried first; true when the key was one of them. */
	readonly intercept?: ((input: string, key: Key, view: ViewState) => boolean) | undefined;
};

/** Routes key presses through the keymap to view actions and monitor commands. */
export default function useKeys(options: Options): void {
	// The handler always sees the latest options (the view state as the last key left it).
	const latest = useRef(options);
	latest.current = options;
	useKeyPresses(press => {
		handleKey(latest.current, press.input, press.key);
	}, options.isActive);
}

function handleKey(options: Options, input: string, key: Key): void {
	const {current, dispatch, commands, quitOnly, now} = options;
	const view = current();
	const action = findAction(input, key);
	if (action === 'quit' && (!view.editingFilter || key.ctrl)) {
		commands.quit();
		return;
	}

	if (quitOnly) {
		// Nothing is drawn to close: Esc can only go back.
		if (action === 'escape') {
			commands.back?.();
		}

		return;
	}

	if (options.intercept?.(input, key, view)) {
		return;
	}

	if (view.editingFilter) {
		editFilter(dispatch, input, key);
		return;
	}

	if (action === 'escape' && commands.back && view.overlay === 'none' && view.filter === '') {
		commands.back();
	} else if (action === 'refresh' || action === 'reconnect') {
		dispatch({type: 'notice', text: commands[action](), at: now()});
	} else if (action !== undefined && action !== 'quit') {
		dispatch(viewActionFor(action, view, options));
	}
}

function editFilter(dispatch: Options['dispatch'], input: string, key: Key): void {
	if (key.escape) {
		dispatch({type: 'clear-filter'});
	} else if (key.return) {
		dispatch({type: 'finish-filter'});
	} else if (key.backspace || key.delete) {
		dispatch({type: 'filter-backspace'});
	} else if (input && !key.ctrl && !key.meta) {
		// Typed text is kept character by character: no control character gets into the filter.
		dispatch({type: 'filter-input', text: input});
	}
}
