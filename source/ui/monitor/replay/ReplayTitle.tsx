import {Text} from 'ink';
import {timeOfDay} from '../../format/format.js';
import SafeText from '../../shared/SafeText.js';
import {tint} from '../../shared/theme.js';
import useTheme from '../../shared/use-theme.js';

/** Where a replay stands, as its title shows it. */
export type ReplayTitleState = {
	readonly at: number;
	readonly speed: number;
	readonly playing: boolean;
	readonly atEnd: boolean;
	readonly skipped: number;
	readonly device: string | null;
};

type Props = {
	/** The recording's file name (sanitized when drawn). */
	readonly file: string;
	readonly state: ReplayTitleState;
};

/**
`REPLAY session.ndjson · 14:32:07 · ×10`: the file, the cursor's time, the speed; then whether it waits
for Space or has reached the end, a fleet recording's device, and how many lines could not be read.
*/
export default function ReplayTitle({file, state}: Props) {
	const theme = useTheme();
	const separator = ` ${theme.symbols.separator} `;
	const times = theme.ascii ? 'x' : '×';
	const facts = [
		`${timeOfDay(state.at)}`,
		`${times}${state.speed}`,
		state.atEnd ? 'the end' : (state.playing ? '' : 'Space plays'),
		state.skipped > 0 ? `${state.skipped} bad ${state.skipped === 1 ? 'line' : 'lines'} skipped` : '',
	].filter(Boolean);
	return (
		<Text wrap="truncate-end">
			<Text bold inverse color={tint(theme, 'cyan')}> REPLAY </Text>
			<SafeText>{` ${file}${state.device === null ? '' : ` (${state.device})`}`}</SafeText>
			<Text>{separator}{facts.join(separator)}</Text>
		</Text>
	);
}
