import {Box, Text} from 'ink';
import {memo} from 'react';
import {helpKeyWidth, helpLines, monitorHelpNotes, type HelpLine} from './help-lines.js';
import {keymap, type KeyBinding} from './keymap.js';
import {scrollWindow} from './overlay-scroll.js';
import PanelTitle from './PanelTitle.js';

type Props = {
	readonly rows: number;
	readonly width: number;
	/** First line shown (Up/Down, PgUp/PgDn, Home/End scroll). */
	readonly offset: number;
	/** The keys to list (the monitor's unless told) and the notes under them. */
	readonly bindings?: ReadonlyArray<KeyBinding<string>>;
	readonly notes?: readonly string[];
};

/**
Every key, straight from the keymap, and what the headline means: one column, scrolling when it does
not fit. Nothing in it moves with the clock, so the view's tick every second leaves it alone (memo).
*/
function HelpOverlay({rows, width, offset, bindings = keymap, notes = monitorHelpNotes}: Props) {
	const lines = helpLines(width, bindings, notes);
	const view = scrollWindow(lines.length, rows - 1, offset);
	const keyWidth = helpKeyWidth(bindings);
	return (
		<Box flexDirection="column" width={width} height={rows} overflow="hidden">
			<PanelTitle title="Keys" facts={[view.fact, 'Esc closes']} width={width}/>
			{lines.slice(view.start, view.end).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key -- lines are positions in a fixed text
				<HelpRow key={index} line={line} keyWidth={keyWidth}/>
			))}
		</Box>
	);
}

export default memo(HelpOverlay);

function HelpRow({line, keyWidth}: {readonly line: HelpLine; readonly keyWidth: number}) {
	if (line.note) {
		return <Text dimColor wrap="truncate-end">{line.text}</Text>;
	}

	return (
		<Box height={1}>
			<Box width={keyWidth} flexShrink={0}><Text bold>{line.keys}</Text></Box>
			<Text wrap="truncate-end">{line.text}</Text>
		</Box>
	);
}
