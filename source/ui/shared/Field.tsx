import {Box, Text} from 'ink';
import SafeText from './SafeText.js';

type Props = {
	readonly label: string;
	readonly children: string;
	readonly color?: string | undefined;
	readonly labelWidth?: number;
};

/** One `Label       value` line; the value is sanitized and cut to the line. */
export default function Field({label, children, color, labelWidth = 11}: Props) {
	return (
		<Box height={1}>
			<Box width={labelWidth} flexShrink={0}>
				<Text dimColor wrap="truncate-end">{label}</Text>
			</Box>
			<SafeText color={color}>{children}</SafeText>
		</Box>
	);
}
