import {Text} from 'ink';
import {useMemo} from 'react';
import type {DeviceHistory} from '../../../core/history/history-model.js';
import {displayWidth} from '../../format/text-width.js';
import {timeOfDay} from '../../format/format.js';
import {tint} from '../../shared/theme.js';
import useTheme from '../../shared/use-theme.js';
import {stripCells, stripGlyphs, stripSlotMs, type StripCell} from './strip-cells.js';

type Props = {
	readonly history: DeviceHistory | null;
	readonly now: number;
	readonly width: number;
};

const tail = ' now (t)';

/**
The last hours in one line, as wide as the view: `09:05 ▁▁▁‖‖▁✖▁·· now`, one cell per five minutes:
paused, not connected, socket down, fine, or not monitored (its own mark, never "down"). Runs of one
kind are drawn as one Text, so a line is a handful of pieces.
*/
export default function HistoryStrip({history, now, width}: Props) {
	const theme = useTheme();
	const count = Math.max(0, width - displayWidth('00:00 ') - displayWidth(tail));
	// The cells change with the history and the five minutes of the clock, not with every second's draw.
	const slot = Math.floor(now / stripSlotMs);
	const span = useMemo(() => history === null ? undefined : stripCells(history, (slot * stripSlotMs) + 1, count), [history, slot, count]);
	if (span === undefined) {
		return <Text dimColor wrap="truncate-end">history: no journal yet (t: timeline)</Text>;
	}

	return (
		<Text wrap="truncate-end">
			<Text dimColor>{timeOfDay(span.from).slice(0, 5)} </Text>
			{runs(span.cells).map(({cell, length, start}) => (
				<Text key={start} color={tint(theme, stripGlyphs[cell].color)} dimColor={cell === 'unwatched' || cell === 'unknown'}>
					{stripGlyphs[cell][theme.ascii ? 'ascii' : 'unicode'].repeat(length)}
				</Text>
			))}
			<Text dimColor>{tail}</Text>
		</Text>
	);
}

function runs(cells: readonly StripCell[]): Array<{cell: StripCell; length: number; start: number}> {
	const result: Array<{cell: StripCell; length: number; start: number}> = [];
	for (const [index, cell] of cells.entries()) {
		const last = result.at(-1);
		if (last?.cell === cell) {
			last.length++;
		} else {
			result.push({cell, length: 1, start: index});
		}
	}

	return result;
}
