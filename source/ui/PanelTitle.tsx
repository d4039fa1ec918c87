import {Text} from 'ink';
import SafeText from './SafeText.js';
import useTheme from './use-theme.js';

type Props = {
	readonly title: string;
	/** Facts after the title, joined by the theme's separator. */
	readonly facts?: ReadonlyArray<string | false | null | undefined>;
	readonly width: number;
	readonly color?: string | undefined;
};

/** A panel's one title line: `── Title · fact · fact ─────`, cut to the width. */
export default function PanelTitle({title, facts = [], width, color}: Props) {
	const {symbols} = useTheme();
	const rule = symbols.rule.repeat(2);
	const shown = facts.filter((fact): fact is string => typeof fact === 'string' && fact !== '');
	const text = `${rule} ${title}${shown.length > 0 ? ` ${symbols.separator} ${shown.join(` ${symbols.separator} `)}` : ''} `;
	const fill = Math.max(0, width - text.length);
	return (
		<Text wrap="truncate-end">
			<Text bold>{`${rule} ${title}`}</Text>
			<SafeText color={color}>{text.slice(rule.length + title.length + 1)}</SafeText>
			<Text dimColor>{symbols.rule.repeat(fill)}</Text>
		</Text>
	);
}
