import {Text} from 'ink';
import {minimumSize} from './layout.js';
import useTheme from './use-theme.js';

type Props = {
	readonly columns: number;
	readonly rows: number;
	/** The size the view needs (the monitor's unless told). */
	readonly minimum?: {readonly columns: number; readonly rows: number};
	/** Esc goes back to the fleet table: say so. */
	readonly back?: boolean;
};

/** All that is drawn below the minimum size, the sizes first (a narrow terminal cuts the end); q still quits. */
export default function TooSmall({columns, rows, minimum = minimumSize, back = false}: Props) {
	const {symbols} = useTheme();
	return (
		<Text wrap="truncate-end">
			{`${columns}x${rows} too small, need ${minimum.columns}x${minimum.rows} ${symbols.separator} q quits${back ? ` ${symbols.separator} Esc fleet` : ''}`}
		</Text>
	);
}
