import {Text} from 'ink';
import {keymap} from './keymap.js';
import SafeText from './SafeText.js';
import {tint} from './theme.js';
import useTheme from './use-theme.js';

type Props = {
	readonly keysActive: boolean;
	readonly notice: string | undefined;
};

/** Key hints from the keymap, or a short notice after an action. */
export default function Footer({keysActive, notice}: Props) {
	const theme = useTheme();
	if (!keysActive) {
		return <Text dimColor wrap="truncate-end">keys off: stdin is not a terminal (stop with Ctrl+C or SIGTERM)</Text>;
	}

	const hints = keymap.filter(binding => binding.hint).map(binding => `${binding.keys.split(',')[0]} ${binding.hint}`);
	// Quit and help stay in sight even while a notice is shown.
	return (
		<Text wrap="truncate-end">
			<Text dimColor>{hints.slice(0, 2).join('  ')}</Text>
			{notice && <SafeText color={tint(theme, 'cyan')}>{`  ${theme.symbols.separator} ${notice} ${theme.symbols.separator}`}</SafeText>}
			<Text dimColor>{`  ${hints.slice(2).join('  ')}`}</Text>
		</Text>
	);
}
