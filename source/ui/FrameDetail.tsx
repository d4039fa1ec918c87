import {Box, Text} from 'ink';
import type {TrafficEntry} from '../core/traffic.js';
import PanelTitle from './PanelTitle.js';
import SafeText from './SafeText.js';
import useTheme from './use-theme.js';

type Props = {
	readonly entry: TrafficEntry | undefined;
	readonly rows: number;
	readonly width: number;
};

/** The selected frame's full JSON, as much as fits. */
export default function FrameDetail({entry, rows, width}: Props) {
	const theme = useTheme();
	const lines = entry ? JSON.stringify({...entry, time: new Date(entry.at).toISOString()}, null, 2).split('\n') : ['the frame is no longer in the log'];
	const room = rows - 1;
	const shown = lines.length > room ? [...lines.slice(0, room - 1), `${theme.symbols.ellipsis} ${lines.length - room + 1} more lines`] : lines;
	return (
		<Box flexDirection="column" width={width} height={rows} overflow="hidden">
			<PanelTitle title={`Frame ${entry ? `#${entry.seq}` : ''}`} facts={[entry ? `${entry.direction} ${entry.bytes} bytes` : undefined, 'Esc or Enter to close']} width={width}/>
			{shown.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<SafeText key={index}>{line.replaceAll('\t', '  ')}</SafeText>
			))}
			{!entry && <Text dimColor>(it was pushed out by newer frames)</Text>}
		</Box>
	);
}
