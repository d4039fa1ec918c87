import {Text} from 'ink';
import SafeText from './SafeText.js';
import {tint} from './theme.js';
import useTheme from './use-theme.js';

type Props = {
	readonly deviceName: string | null;
	readonly apiUrl: string;
	/** Set in demo mode: what the emulator does next. */
	readonly demo?: string | undefined;
};

export default function TitleBar({deviceName, apiUrl, demo}: Props) {
	const theme = useTheme();
	const separator = ` ${theme.symbols.separator} `;
	return (
		<Text wrap="truncate-end">
			<Text bold>c2c-status</Text>
			{demo !== undefined && <Text bold inverse color={tint(theme, 'yellow')}> DEMO: local emulator </Text>}
			{demo !== undefined && <SafeText color={tint(theme, 'yellow')}>{` ${demo}`}</SafeText>}
			<SafeText>{`${separator}${deviceName ?? 'device not identified yet'}${separator}`}</SafeText>
			<SafeText dimColor>{apiUrl}</SafeText>
		</Text>
	);
}
