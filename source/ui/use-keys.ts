import {useInput, type Key} from 'ink';
import {useCallback, useRef} from 'react';
import {findAction} from './keymap.js';
import type {Notice, ViewAction, ViewState} from './view-state.js';

export type KeyCommands = {
	quit(): void;
	/** Returns the notice to show. */
	refresh(): Notice;
	reconnect(): Notice;
};

type Options = {
	/** The view state as the last key left it (not as last rendered). */
	readonly current: () => ViewState;
	readonly dispatch: (action: ViewAction) => void;
	/** Seqs of the frames the log shows, oldest first. */
	readonly visible: readonly number[];
	readonly pageRows: number;
	/** How far the open frame detail can scroll. */
	readonly detailMaxOffset: number;
	readonly commands: KeyCommands;
	readonly isActive: boolean;
	/** Below the minimum size only quitting works. */
	readonly quitOnly: boolean;
	readonly now: () => number;
};

/** Routes key presses through the keymap to view actions and monitor commands. */
export default function useKeys(options: Options): void {
	// One stable handler that always sees the latest options, so Ink does not re-subscribe on every render.
	const latest = useRef(options);
	latest.current = options;
	const handler = useCallback((input: string, key: Key) => {
		handleKey(latest.current, input, key);
	}, []);
	useInput(handler, {isActive: options.isActive});
}

function handleKey({current, dispatch, visible, pageRows, detailMaxOffset, commands, quitOnly, now}: Options, input: string, key: Key): void {
	const view = current();
	const action = findAction(input, key);
	if (action === 'quit' && (!view.editingFilter || key.ctrl)) {
		commands.quit();
		return;
	}

	if (quitOnly) {
		return;
	}

	if (view.editingFilter) {
		if (key.escape) {
			dispatch({type: 'clear-filter'});
		} else if (key.return) {
			dispatch({type: 'finish-filter'});
		} else if (key.backspace || key.delete) {
			dispatch({type: 'filter-backspace'});
		} else if (input && !key.ctrl && !key.meta) {
			dispatch({type: 'filter-input', text: input});
		}

		return;
	}

	switch (action) {
		case 'help': {
			dispatch({type: 'toggle-help'});
			break;
		}

		case 'escape': {
			if (view.overlay !== 'none') {
				dispatch({type: 'close-overlay'});
			} else if (view.filter) {
				dispatch({type: 'clear-filter'});
			} else {
				dispatch({type: 'follow'});
			}

			break;
		}

		case 'refresh': {
			dispatch({type: 'notice', text: commands.refresh(), at: now()});
			break;
		}

		case 'reconnect': {
			dispatch({type: 'notice', text: commands.reconnect(), at: now()});
			break;
		}

		case 'toggle-follow': {
			dispatch({type: 'toggle-follow', newestSeq: visible.at(-1) ?? null});
			break;
		}

		case 'up':
		case 'down':
		case 'page-up':
		case 'page-down': {
			const step = action === 'up' || action === 'down' ? 1 : Math.max(1, pageRows - 1);
			const by = action === 'up' || action === 'page-up' ? -step : step;
			dispatch(view.overlay === 'frame' ? {type: 'scroll-detail', by, max: detailMaxOffset} : {type: 'move', by, visible});
			break;
		}

		case 'newest': {
			dispatch({type: 'follow'});
			break;
		}

		case 'filter': {
			dispatch({type: 'start-filter'});
			break;
		}

		case 'heartbeats': {
			dispatch({type: 'toggle-heartbeats'});
			break;
		}

		case 'details': {
			if (view.overlay === 'frame') {
				dispatch({type: 'close-overlay'});
			} else {
				dispatch({type: 'show-frame', seq: view.follow || view.selectedSeq === null ? visible.at(-1) ?? null : view.selectedSeq});
			}

			break;
		}

		case 'quit':
		case undefined: {
			break;
		}
	}
}
