import {Text, type TextProps} from 'ink';
import useScreenText from './use-screen-text.js';

type Props = Omit<TextProps, 'children'> & {
	readonly children?: string | number | null | ReadonlyArray<string | number | null | undefined>;
};

/**
Ink's Text for anything that may come from the server: every string child has the secrets taken out
and is sanitized, so names and payloads can neither show the token nor put control characters or
escape sequences on the terminal. Lines are cut, not wrapped, so each panel keeps its row budget.
*/
export default function SafeText({children, wrap = 'truncate-end', ...props}: Props) {
	const screenText = useScreenText();
	const parts = Array.isArray(children) ? children : [children];
	const text = screenText(parts.filter(part => part !== null && part !== undefined).map(String).join(''));
	return <Text wrap={wrap} {...props}>{text}</Text>;
}
