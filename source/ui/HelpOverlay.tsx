import {Box, Text} from 'ink';
import {keymap, type KeyBinding} from './keymap.js';
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

/** Every key, straight from the keymap (in two columns when rows are short), and what the headline means. */
export default function HelpOverlay({rows, width}: Props) {
	const room = rows - 1;
	const listed = keymap.filter(binding => binding.inHelp !== false);
	const keyWidth = Math.max(...listed.map(binding => binding.keys.length)) + 2;
	const twoColumns = listed.length > room;
	const perColumn = twoColumns ? Math.ceil(listed.length / 2) : listed.length;
	const columns = twoColumns ? [listed.slice(0, perColumn), listed.slice(perColumn)] : [listed];
	const columnWidth = twoColumns ? Math.floor((width - 1) / 2) : width;
	return (
		<Box flexDirection="column" width={width} height={rows} overflow="hidden">
			<PanelTitle title="Keys" facts={['Esc or ? to close']} width={width}/>
			<Box flexDirection="row" gap={1}>
				{columns.map(column => (
					<Box key={column[0]?.action} flexDirection="column" width={columnWidth}>
						{column.map(binding => <KeyLine key={binding.action} binding={binding} keyWidth={keyWidth}/>)}
					</Box>
				))}
			</Box>
			{notes.slice(0, Math.max(0, room - perColumn)).map(note => <Text key={note} dimColor wrap="truncate-end">{note}</Text>)}
		</Box>
	);
}

function KeyLine({binding, keyWidth}: {readonly binding: KeyBinding; readonly keyWidth: number}) {
	return (
		<Box height={1}>
			<Box width={keyWidth} flexShrink={0}><Text bold>{binding.keys}</Text></Box>
			<Text wrap="truncate-end">{binding.description}</Text>
		</Box>
	);
}
