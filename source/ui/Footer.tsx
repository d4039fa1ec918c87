import {Text} from 'ink';
import {keymap} from './keymap.js';
import SafeText from './SafeText.js';
import {displayWidth} from './text-width.js';
import {tint} from './theme.js';
import useScreenText from './use-screen-text.js';
import useTheme from './use-theme.js';

type Props = {
	readonly keysActive: boolean;
	readonly notice: string | undefined;
	/** Cells the line may take: hints that do not fit whole are left to the help. */
	readonly width?: number;
};

const gap = '  ';

/** Key hints from the keymap, or a short notice after an action. */
export default function Footer({keysActive, notice, width = Number.POSITIVE_INFINITY}: Props) {
	const theme = useTheme();
	const screenText = useScreenText();
	if (!keysActive) {
		return <Text dimColor wrap="truncate-end">keys off: stdin is not a terminal (stop with Ctrl+C or SIGTERM)</Text>;
	}

	const hints = keymap.filter(binding => binding.hint).map(binding => `${binding.keys.split(',')[0]} ${binding.hint}`);
	// Quit and help stay in sight even while a notice is shown; the other hints follow while they fit whole.
	const first = hints.slice(0, 2).join(gap);
	const noticeText = notice ? screenText(`${gap}${theme.symbols.separator} ${notice} ${theme.symbols.separator}`) : '';
	let used = displayWidth(first + noticeText);
	const rest: string[] = [];
	for (const hint of hints.slice(2)) {
		used += displayWidth(gap + hint);
		if (used > width) {
			break;
		}

		rest.push(hint);
	}

	return (
		<Text wrap="truncate-end">
			<Text dimColor>{first}</Text>
			{noticeText ? <SafeText color={tint(theme, 'cyan')}>{noticeText}</SafeText> : null}
			<Text dimColor>{rest.map(hint => gap + hint).join('')}</Text>
		</Text>
	);
}
