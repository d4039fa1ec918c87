import {Box, Text} from 'ink';
import {memo} from 'react';
import Line from '../shared/Line.js';
import useTheme from '../shared/use-theme.js';
import {cellText, toneStyle} from './fleet-cell.js';
import {columnGap, type PlacedColumn} from './fleet-columns.js';
import type {FleetRow} from './fleet-row.js';

type Props = {
	readonly row: FleetRow;
	readonly columns: readonly PlacedColumn[];
	readonly selected: boolean;
};

/** Cells before the first column: the selection mark and a space. */
export const markerWidth = 2;

const gap = ' '.repeat(columnGap);

/**
One device on one line; the selected one is marked (not only in inverse video, which NO_COLOR may drop).
Drawn again only for a new row, new columns or a change of selection: the table's model keeps a row
the same object while it reads the same. Each cell is a Line of its own, so a new row draws again only
the cells that changed (in the first minute, the last event's age every second).
*/
function FleetRowLine({row, columns, selected}: Props) {
	const theme = useTheme();
	return (
		<Box height={1}>
			<Line inverse={selected} spans={[{text: selected ? `${theme.symbols.selected} ` : ' '.repeat(markerWidth), bold: true}]}/>
			{columns.map(({key, width}, index) => {
				const style = toneStyle(row[key].tone, theme);
				// The selected name in bold; nothing dim in inverse video, where it would be hard to read.
				const cell = {text: cellText(row[key], width), color: style.color, bold: style.bold || (selected && key === 'name'), dimColor: style.dimColor && !selected};
				return <Line key={key} inverse={selected} spans={[{text: index > 0 ? gap : ''}, cell]}/>;
			})}
		</Box>
	);
}

export default memo(FleetRowLine);

/** The column headers, over the same widths as the rows. */
function FleetHeaderLine({columns, headers}: {readonly columns: readonly PlacedColumn[]; readonly headers: Readonly<Record<PlacedColumn['key'], string>>}) {
	const text = columns.map(({key, width}) => cellText({variants: [headers[key]], tone: 'plain'}, width)).join(gap);
	return <Text bold wrap="truncate-end">{' '.repeat(markerWidth) + text.trimEnd()}</Text>;
}

export const FleetHeader = memo(FleetHeaderLine);
