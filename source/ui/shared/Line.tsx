import {Text} from 'ink';
import {memo} from 'react';
import useScreenText from './use-screen-text.js';

/** A stretch of a line in one style. */
export type Span = {
	readonly text: string;
	readonly color?: string | undefined;
	readonly bold?: boolean | undefined;
	readonly dimColor?: boolean | undefined;
	readonly inverse?: boolean | undefined;
};

type Props = {
	readonly spans: readonly Span[];
	/** The whole line in inverse video (a selected row). */
	readonly inverse?: boolean | undefined;
};

/**
One line of a panel or a table as one Text: its spans in their styles (neighbours in the same style
as one), every span's text made safe (secrets out, then sanitized, as SafeText does), cut at the
line's end rather than wrapped. Ink lays out, measures and draws every Text on every frame, so a line
is one node however many styles it has. It renders again only when a span reads or looks different:
when the clock ticks, only the lines whose countdown moved do.
*/
function Line({spans, inverse}: Props) {
	const screenText = useScreenText();
	return (
		<Text wrap="truncate-end" inverse={inverse}>
			{joinAlike(spans).map((span, index) => {
				const text = screenText(span.text);
				return isPlain(span)
					? text
					// eslint-disable-next-line react/no-array-index-key -- spans are positions on the line
					: <Text key={index} color={span.color} bold={span.bold} dimColor={span.dimColor} inverse={span.inverse}>{text}</Text>;
			})}
		</Text>
	);
}

/** The spans with text, neighbours in the same style joined. */
function joinAlike(spans: readonly Span[]): Span[] {
	const joined: Span[] = [];
	for (const span of spans) {
		const last = joined.at(-1);
		if (span.text === '') {
			continue;
		}

		if (last !== undefined && sameStyle(last, span)) {
			joined[joined.length - 1] = {...last, text: last.text + span.text};
		} else {
			joined.push(span);
		}
	}

	return joined;
}

function isPlain(span: Span): boolean {
	return span.color === undefined && !span.bold && !span.dimColor && !span.inverse;
}

function sameStyle(a: Span, b: Span): boolean {
	return a.color === b.color && Boolean(a.bold) === Boolean(b.bold) && Boolean(a.dimColor) === Boolean(b.dimColor) && Boolean(a.inverse) === Boolean(b.inverse);
}

/** Whether two lines read and look the same. */
export function sameLine(a: Props, b: Props): boolean {
	return Boolean(a.inverse) === Boolean(b.inverse) && a.spans.length === b.spans.length
		&& a.spans.every((span, index) => span.text === b.spans[index]!.text && sameStyle(span, b.spans[index]!));
}

export default memo(Line, sameLine);
