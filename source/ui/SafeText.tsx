import {Text, type TextProps} from 'ink';
import {sanitize} from './sanitize.js';

type Props = Omit<TextProps, 'children'> & {
	readonly children?: string | number | null | ReadonlyArray<string | number | null | undefined>;
};

/**
Ink's Text for anything that may come from the server: every string child is sanitized first, so
names and payloads cannot put control characters or escape sequences on the terminal. Lines are
cut, not wrapped, so each panel keeps its row budget.
*/
export default function SafeText({children, wrap = 'truncate-end', ...props}: Props) {
	const parts = Array.isArray(children) ? children : [children];
	const text = parts.filter(part => part !== null && part !== undefined).map(part => sanitize(String(part))).join('');
	return <Text wrap={wrap} {...props}>{text}</Text>;
}
