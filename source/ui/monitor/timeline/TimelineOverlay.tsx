import {Box, Text} from 'ink';
import PanelTitle from '../../shared/PanelTitle.js';
import {scrollWindow} from '../../shared/overlay-scroll.js';
import {tint} from '../../shared/theme.js';
import useTheme from '../../shared/use-theme.js';
import type {TimelineLine} from './timeline-lines.js';

type Props = {
	readonly lines: readonly TimelineLine[];
	readonly rows: number;
	readonly width: number;
	/** First line shown (Up/Down, PgUp/PgDn, Home/End scroll, as in the help). */
	readonly offset: number;
	/** What the timeline covers, for its title (`last 24 h`, or the recording). */
	readonly span: string;
};

/** `t`: every pause window and outage, newest first, under the day's line; scrolls like the help. */
export default function TimelineOverlay({lines, rows, width, offset, span}: Props) {
	const theme = useTheme();
	const view = scrollWindow(lines.length, rows - 1, offset);
	const colors = {plain: undefined, muted: undefined, warn: tint(theme, 'yellow'), bad: tint(theme, 'red'), title: undefined} as const;
	return (
		<Box flexDirection="column" width={width} height={rows} overflow="hidden">
			<PanelTitle title="Timeline" facts={[span, view.fact, 'Esc closes']} width={width}/>
			{lines.slice(view.start, view.end).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key -- lines are positions in a fixed text
				<Text key={index} wrap="truncate-end" bold={line.tone === 'title'} dimColor={line.tone === 'muted'} color={colors[line.tone]}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
