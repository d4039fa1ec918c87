import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {FleetSnapshot} from '../core/fleet/fleet.js';
import {columnSpecs, placeColumns, type ColumnKey} from './fleet-columns.js';
import {fleetRow, naturalWidths} from './fleet-row.js';
import FleetRowLine, {FleetHeader, markerWidth} from './FleetRowLine.js';
import useScreenText from './use-screen-text.js';
import useTheme from './use-theme.js';

type Props = {
	readonly devices: FleetSnapshot['devices'];
	readonly now: number;
	readonly selected: number;
	/** The devices on screen: indexes from `start` up to (not including) `end`. */
	readonly start: number;
	readonly end: number;
	/** Cells a line may take. */
	readonly width: number;
	/** Lines for the header and the device rows. */
	readonly rows: number;
};

const headers = Object.fromEntries(Object.entries(columnSpecs).map(([key, spec]) => [key, spec.header])) as Record<ColumnKey, string>;

/**
One row per device: name, project, Paused, Connected, socket, round trip, token and the last event.
Columns are measured over every device, not just those on screen, so they hold still while scrolling;
short of width the least important go first (see placeColumns).
*/
export default function FleetTable({devices, now, selected, start, end, width, rows}: Props) {
	const theme = useTheme();
	const screenText = useScreenText();
	const tableRows = useMemo(
		() => devices.map(({name, snapshot}) => fleetRow(name, snapshot, {now, theme, screenText})),
		[devices, now, theme, screenText],
	);
	const columns = useMemo(() => placeColumns(naturalWidths(tableRows, headers), width - markerWidth), [tableRows, width]);
	return (
		<Box flexDirection="column" height={rows} overflow="hidden">
			<FleetHeader columns={columns} headers={headers}/>
			{tableRows.slice(start, end).map((row, offset) => (
				<FleetRowLine key={devices[start + offset]!.name} row={row} columns={columns} selected={start + offset === selected}/>
			))}
			{devices.length === 0 && <Text dimColor>no devices in the fleet</Text>}
		</Box>
	);
}
