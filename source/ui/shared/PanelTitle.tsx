import {displayWidth} from '../format/text-width.js';
import Line from './Line.js';
import useScreenText from './use-screen-text.js';
import useTheme from './use-theme.js';

type Props = {
	readonly title: string;
	/** Facts after the title, joined by the theme's separator. */
	readonly facts?: ReadonlyArray<string | false | null | undefined>;
	readonly width: number;
	readonly color?: string | undefined;
};

const noFacts: NonNullable<Props['facts']> = [];

/** A panel's one title line: `── Title · fact · fact ─────`, filled with the rule to the width (in cells) and cut to it. */
export default function PanelTitle({title, facts = noFacts, width, color}: Props) {
	const {symbols} = useTheme();
	const screenText = useScreenText();
	const rule = symbols.rule.repeat(2);
	const shown = facts.filter((fact): fact is string => typeof fact === 'string' && fact !== '');
	// A title can name a server's event (the frame detail's), so it is made safe like any other text.
	const head = screenText(`${rule} ${title}`);
	// Measured as drawn: after redaction and sanitizing, in cells (a CJK name in a fact takes two per character).
	const factText = screenText(shown.length > 0 ? ` ${symbols.separator} ${shown.join(` ${symbols.separator} `)}` : '');
	// A space, then the rule to the edge; a title that just fits needs neither.
	const fill = width - displayWidth(head) - displayWidth(factText) - 1;
	const rest = fill >= 0 ? `${factText} ` : factText;
	return <Line spans={[{text: head, bold: true}, {text: rest, color}, {text: symbols.rule.repeat(Math.max(0, fill)), dimColor: true}]}/>;
}

/** The cells left for a title's first fact: "── Title · " before it and a space after (one cell each rule and separator, in both themes). */
export function titleFactRoom(title: string, width: number): number {
	return width - displayWidth(`── ${title} · `) - 1;
}
