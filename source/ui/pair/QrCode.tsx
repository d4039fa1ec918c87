import {Box, Text} from 'ink';
import useTheme from '../shared/use-theme.js';

type Props = {
	/** From qrLines(): light modules as blocks. */
	readonly lines: readonly string[];
};

/**
A QR code drawn by qrLines(). With colour it is painted bright white on black, so it reads the right
way round on a light terminal too; without, it relies on the usual dark background.
*/
export default function QrCode({lines}: Props) {
	const {color} = useTheme();
	return (
		<Box flexDirection="column" flexShrink={0}>
			{lines.map((line, row) => (
				// eslint-disable-next-line react/no-array-index-key -- rows of a fixed drawing
				<Text key={row} wrap="truncate-end" color={color ? 'whiteBright' : undefined} backgroundColor={color ? 'black' : undefined}>{line}</Text>
			))}
		</Box>
	);
}
