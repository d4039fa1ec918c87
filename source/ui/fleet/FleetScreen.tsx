import {Box} from 'ink';
import {useMemo} from 'react';
import type {Fleet} from '../../core/fleet/fleet.js';
import type {HistoryFeed} from '../../core/history/history-feed.js';
import Footer from '../shared/Footer.js';
import {helpLines} from '../shared/help-lines.js';
import HelpOverlay from '../shared/HelpOverlay.js';
import type {NoticeBoard} from '../shared/notice-board.js';
import {maxScrollOffset} from '../shared/overlay-scroll.js';
import RedactContext from '../shared/RedactContext.js';
import TooSmall from '../shared/TooSmall.js';
import useTerminalSize from '../shared/use-terminal-size.js';
import useTheme from '../shared/use-theme.js';
import useKeysActive from '../shared/use-keys-active.js';
import {useStandingNotices} from '../shared/use-notice-board.js';
import useFleetTable from './use-fleet-table.js';
import useFleetNotice from './use-fleet-notice.js';
import useFleetKeys from './use-fleet-keys.js';
import FleetTable from './FleetTable.js';
import FleetSummary from './FleetSummary.js';
import {fleetWindow, type FleetViewAction, type FleetViewState} from './fleet-view-state.js';
import {fleetLayout, fleetMinimum} from './fleet-layout.js';
import {fleetHelpNotes, fleetKeymap} from './fleet-keymap.js';

type Props = {
	readonly fleet: Pick<Fleet, 'subscribe' | 'getSnapshot' | 'redact'>;
	readonly view: FleetViewState;
	readonly current: () => FleetViewState;
	readonly dispatch: (action: FleetViewAction) => void;
	readonly onQuit: () => void;
	readonly now: () => number;
	readonly board?: NoticeBoard | undefined;
	/** Each device's history, by name: the "today" column. */
	readonly histories?: ReadonlyMap<string, HistoryFeed> | undefined;
};

/** The fleet at a glance: the summary, one row per device (or the help), and the keys. */
/**
It redraws when what it shows changes (see useFleetTable): not for every snapshot of every device, nor
every second.
*/
export default function FleetScreen({fleet, view, current, dispatch, onQuit, now, board, histories}: Props) {
	const table = useFleetTable(fleet, now, histories);
	const notice = useFleetNotice(board, now);
	const {columns, rows} = useTerminalSize();
	const keysActive = useKeysActive();
	const layout = fleetLayout(columns, rows);
	const body = layout.kind === 'table' ? layout.bodyRows : 1;
	const width = columns - 1;
	const {symbols} = useTheme();
	// What the run announced (where the metrics are served) stays findable in the help after its notice is gone.
	const standing = useStandingNotices(board);
	const notes = useMemo(() => [...fleetHelpNotes(symbols), ...standing], [symbols, standing]);
	const helpMaxOffset = useMemo(() => maxScrollOffset(helpLines(width, fleetKeymap, notes).length, body - 1), [width, body, notes]);
	const count = table.rows.length;
	useFleetKeys({
		current,
		dispatch,
		onQuit,
		count,
		room: layout.kind === 'table' ? layout.deviceRows : 1,
		helpRows: body - 1,
		helpMaxOffset,
		isActive: keysActive,
		quitOnly: layout.kind === 'too-small',
	});

	if (layout.kind === 'too-small') {
		return <TooSmall columns={columns} rows={rows} minimum={fleetMinimum}/>;
	}

	const {start, end} = fleetWindow(view.top, view.selected, layout.deviceRows, count);
	return (
		<RedactContext.Provider value={fleet.redact}>
			<Box flexDirection="column" width={width} height={rows - 1} overflowY="hidden">
				<FleetSummary counts={table.counts} first={start + 1} last={end} all={end - start >= count}/>
				{view.help
					? <HelpOverlay rows={layout.bodyRows} width={width} offset={view.helpOffset} bindings={fleetKeymap} notes={notes}/>
					: <FleetTable table={table} selected={view.selected} start={start} end={end} width={width} rows={layout.bodyRows}/>}
				<Footer keysActive={keysActive} notice={notice} width={width} bindings={fleetKeymap}/>
			</Box>
		</RedactContext.Provider>
	);
}
