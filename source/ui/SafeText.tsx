import {Text, type TextProps} from 'ink';
import {useContext} from 'react';
import RedactContext from './RedactContext.js';
import {sanitize} from './sanitize.js';

type Props = Omit<TextProps, 'children'> & {
	readonly children?: string | number | null | ReadonlyArray<string | number | null | undefined>;
};

/**
Ink's Text for anything that may come from the server: every string child has the secrets taken out
and is sanitized, so names and payloads can neither show the token nor put control characters or
escape sequences on the terminal. Lines are cut, not wrapped, so each panel keeps its row budget.
*/
export default function SafeText({children, wrap = 'truncate-end', ...props}: Props) {
	const redact = useContext(RedactContext);
	const parts = Array.isArray(children) ? children : [children];
	const text = sanitize(redact(parts.filter(part => part !== null && part !== undefined).map(String).join('')));
	return <Text wrap={wrap} {...props}>{text}</Text>;
}
