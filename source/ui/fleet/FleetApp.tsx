import {useInput} from 'ink';
import {useCallback} from 'react';
import type {Fleet} from '../../core/fleet/fleet.js';
import type {HistoryFeed} from '../../core/history/history-feed.js';
import App, {type MonitorSource} from '../monitor/App.js';
import type {NoticeBoard} from '../shared/notice-board.js';
import useImmediateReducer from '../shared/use-immediate-reducer.js';
import useKeysActive from '../shared/use-keys-active.js';
import {fleetViewReducer, initialFleetViewState} from './fleet-view-state.js';
import FleetScreen from './FleetScreen.js';

/** What the fleet view needs of a Fleet: its snapshot, its redactor, and each device's monitor for its panels. */
export type FleetSource = Pick<Fleet, 'subscribe' | 'getSnapshot' | 'redact'> & {
	readonly devices: ReadonlyArray<{readonly name: string; readonly monitor: MonitorSource}>;
};

function ignoreKeys(): void {
	// The table's and the device's own handlers act on the keys.
}

type Props = {
	readonly fleet: FleetSource;
	readonly onQuit: () => void;
	readonly now?: () => number;
	/** Notices from outside the view, shown in the footer of the table and of a device. */
	readonly board?: NoticeBoard | undefined;
	/** Each device's history (its journal), by name: its panels' strip and timeline. */
	readonly histories?: ReadonlyMap<string, HistoryFeed> | undefined;
};

/**
Several devices: the fleet table, and Enter on a device opens its panels (the monitor view); Esc there
comes back to the table, on the same device. q and Ctrl+C quit from both.
*/
export default function FleetApp({fleet, onQuit, now = Date.now, board, histories}: Props) {
	const {state, current, apply} = useImmediateReducer(fleetViewReducer, initialFleetViewState);
	// Ink turns raw mode off when the last key handler goes: holding one here keeps the terminal in raw mode
	// (no echo) while the table's handler gives way to the device's and back.
	const keysActive = useKeysActive();
	useInput(ignoreKeys, {isActive: keysActive});
	const back = useCallback(() => {
		apply({type: 'back'});
	}, [apply]);
	const device = state.opened === null ? undefined : fleet.devices[state.opened];
	if (device) {
		return <App key={device.name} monitor={device.monitor} label={device.name} board={board} history={histories?.get(device.name)} now={now} onQuit={onQuit} onBack={back}/>;
	}

	return <FleetScreen fleet={fleet} board={board} histories={histories} view={state} current={current} dispatch={apply} now={now} onQuit={onQuit}/>;
}
