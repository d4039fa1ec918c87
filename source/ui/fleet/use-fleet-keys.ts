import {useRef} from 'react';
import useKeyPresses from '../shared/use-key-presses.js';
import {findFleetAction, type FleetKeyAction} from './fleet-keymap.js';
import type {FleetViewAction, FleetViewState} from './fleet-view-state.js';

type Options = {
	/** The view state as the last key left it (not as last rendered). */
	readonly current: () => FleetViewState;
	readonly dispatch: (action: FleetViewAction) => void;
	readonly onQuit: () => void;
	/** Devices in the fleet, and device rows on screen. */
	readonly count: number;
	readonly room: number;
	/** Lines the help shows at once, and how far it can scroll. */
	readonly helpRows: number;
	readonly helpMaxOffset: number;
	readonly isActive: boolean;
	/** Below the minimum size only quitting works. */
	readonly quitOnly: boolean;
};

/** Routes key presses through the fleet keymap: select and open a device, the help, quit. */
export default function useFleetKeys(options: Options): void {
	// The handler always sees the latest options.
	const latest = useRef(options);
	latest.current = options;
	useKeyPresses(press => {
		handleKey(latest.current, findFleetAction(press.input, press.key));
	}, options.isActive);
}

function handleKey(options: Options, action: FleetKeyAction | undefined): void {
	if (action === 'quit') {
		options.onQuit();
		return;
	}

	if (action === undefined || options.quitOnly) {
		return;
	}

	const fleetAction = options.current().help ? inHelp(action, options) : inTable(action, options);
	if (fleetAction) {
		options.dispatch(fleetAction);
	}
}

/** How far each moving key goes: a line (or device), a page, or all the way. */
function distance(action: FleetKeyAction, page: number): number | undefined {
	const distances: Partial<Record<FleetKeyAction, number>> = {
		up: -1, down: 1, 'page-up': -page, 'page-down': page, first: Number.NEGATIVE_INFINITY, last: Number.POSITIVE_INFINITY,
	};
	return distances[action];
}

function inHelp(action: FleetKeyAction, {helpRows, helpMaxOffset}: Options): FleetViewAction | undefined {
	if (action === 'help' || action === 'escape') {
		return {type: 'close-help'};
	}

	const by = distance(action, Math.max(1, helpRows - 1));
	return by === undefined ? undefined : {type: 'scroll-help', by, max: helpMaxOffset};
}

function inTable(action: FleetKeyAction, {count, room}: Options): FleetViewAction | undefined {
	if (action === 'help') {
		return {type: 'toggle-help'};
	}

	if (action === 'open') {
		return {type: 'open', count};
	}

	const by = distance(action, Math.max(1, room - 1));
	return by === undefined ? undefined : {type: 'select', by, count, room};
}
