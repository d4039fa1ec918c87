import {Text} from 'ink';
import {Fragment, memo} from 'react';
import SafeText from '../shared/SafeText.js';
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
the same object while it reads the same.
*/
function FleetRowLine({row, columns, selected}: Props) {
	const theme = useTheme();
	return (
		<Text wrap="truncate-end" inverse={selected}>
			<Text bold>{selected ? `${theme.symbols.selected} ` : ' '.repeat(markerWidth)}</Text>
			{columns.map(({key, width}, index) => {
				const style = toneStyle(row[key].tone, theme);
				// The selected name in bold; nothing dim in inverse video, where it would be hard to read.
				const bold = style.bold || (selected && key === 'name');
				const dimColor = style.dimColor && !selected;
				return (
					<Fragment key={key}>
						{index > 0 ? gap : ''}
						<SafeText color={style.color} bold={bold} dimColor={dimColor}>{cellText(row[key], width)}</SafeText>
					</Fragment>
				);
			})}
		</Text>
	);
}

export default memo(FleetRowLine);

/** The column headers, over the same widths as the rows. */
function FleetHeaderLine({columns, headers}: {readonly columns: readonly PlacedColumn[]; readonly headers: Readonly<Record<PlacedColumn['key'], string>>}) {
	const text = columns.map(({key, width}) => cellText({variants: [headers[key]], tone: 'plain'}, width)).join(gap);
	return <Text bold wrap="truncate-end">{' '.repeat(markerWidth) + text.trimEnd()}</Text>;
}

export const FleetHeader = memo(FleetHeaderLine);
