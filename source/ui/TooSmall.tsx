import {Text} from 'ink';
import {minimumSize} from './layout.js';
import useTheme from './use-theme.js';

type Props = {readonly columns: number; readonly rows: number};

/** All that is drawn below the minimum size; q still quits. */
export default function TooSmall({columns, rows}: Props) {
	const {ascii} = useTheme();
	const times = ascii ? 'x' : '×';
	return (
		<Text wrap="truncate-end">
			{`terminal too small (need ${minimumSize.columns}${times}${minimumSize.rows}) q quits, have ${columns}${times}${rows}`}
		</Text>
	);
}
