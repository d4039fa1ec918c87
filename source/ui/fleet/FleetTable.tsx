import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {placeColumns} from './fleet-columns.js';
import {headers, type FleetTableModel} from './fleet-table-model.js';
import FleetRowLine, {FleetHeader, markerWidth} from './FleetRowLine.js';

type Props = {
	/** Every device's row and the columns' natural widths (see FleetTableStore). */
	readonly table: FleetTableModel;
	readonly selected: number;
	/** The devices on screen: indexes from `start` up to (not including) `end`. */
	readonly start: number;
	readonly end: number;
	/** Cells a line may take. */
	readonly width: number;
	/** Lines for the header and the device rows. */
	readonly rows: number;
};

/**
One row per device: name, project, Paused, Connected, socket, round trip, token and the last event.
Columns are measured over every device, not just those on screen, so they hold still while scrolling;
short of width the least important go first (see placeColumns). A row is drawn again only when it
reads differently, or its selection or the columns changed.
*/
export default function FleetTable({table, selected, start, end, width, rows}: Props) {
	const {names, rows: tableRows, natural} = table;
	const columns = useMemo(() => placeColumns(natural, width - markerWidth), [natural, width]);
	return (
		<Box flexDirection="column" height={rows} overflowY="hidden">
			<FleetHeader columns={columns} headers={headers}/>
			{tableRows.slice(start, end).map((row, offset) => (
				<FleetRowLine key={names[start + offset]} row={row} columns={columns} selected={start + offset === selected}/>
			))}
			{tableRows.length === 0 && <Text dimColor>no devices in the fleet</Text>}
		</Box>
	);
}
