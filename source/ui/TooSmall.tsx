import {Text} from 'ink';
import {minimumSize} from './layout.js';
import useTheme from './use-theme.js';

type Props = {readonly columns: number; readonly rows: number};

/** All that is drawn below the minimum size, the sizes first (a narrow terminal cuts the end); q still quits. */
export default function TooSmall({columns, rows}: Props) {
	const {symbols} = useTheme();
	return (
		<Text wrap="truncate-end">
			{`${columns}x${rows} too small, need ${minimumSize.columns}x${minimumSize.rows} ${symbols.separator} q quits`}
		</Text>
	);
}
