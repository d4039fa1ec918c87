import {Box, Text} from 'ink';
import {keymap} from './keymap.js';
import PanelTitle from './PanelTitle.js';

type Props = {
	readonly rows: number;
	readonly width: number;
};

const notes = [
	'Paused: the device was paused in Frame.io (footage made meanwhile will not upload).',
	'Connected: Frame.io answers GET /health from this machine.',
	'The identity is fetched at most once a minute, as Frame.io asks.',
];

/** Every key, straight from the keymap, and what the headline means. */
export default function HelpOverlay({rows, width}: Props) {
	const keyWidth = Math.max(...keymap.map(binding => binding.keys.length)) + 2;
	const lines = [
		...keymap.map(binding => (
			<Box key={binding.action} height={1}>
				<Box width={keyWidth} flexShrink={0}><Text bold>{binding.keys}</Text></Box>
				<Text wrap="truncate-end">{binding.description}</Text>
			</Box>
		)),
		...notes.map(note => <Text key={note} dimColor wrap="truncate-end">{note}</Text>),
	];
	return (
		<Box flexDirection="column" width={width} height={rows} overflow="hidden">
			<PanelTitle title="Keys" facts={['Esc or ? to close']} width={width}/>
			{lines.slice(0, rows - 1)}
		</Box>
	);
}
