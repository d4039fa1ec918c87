import {Box, Text} from 'ink';
import useTheme from '../shared/use-theme.js';
import {bigDigitLines} from './big-digits.js';

type Props = {
	/** The code as drawn: digits only (the caller checks with canDrawBig). */
	readonly code: string;
	readonly scale: 1 | 2;
};

/** The pairing code in block digits, bold and in cyan where colour is allowed. */
export default function BigCode({code, scale}: Props) {
	const theme = useTheme();
	const lines = bigDigitLines(code, {ascii: theme.ascii, scale}) ?? [];
	return (
		<Box flexDirection="column" flexShrink={0}>
			{lines.map((line, row) => (
				// eslint-disable-next-line react/no-array-index-key -- rows of a fixed drawing
				<Text key={row} bold wrap="truncate-end" color={theme.color ? 'cyan' : undefined}>{line}</Text>
			))}
		</Box>
	);
}
