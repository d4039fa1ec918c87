import stringWidth from 'string-width';

/*
The widest-line package (what Ink measures every text with, on every frame, before it draws it) with a memory:
Ink measures each text of the view again on every frame, and string-width takes every character of
a line through Intl.Segmenter and Unicode property tests as soon as the line holds one character
that is not ASCII (a rule, a separator, an arrow: most lines). A line that has not changed is
measured once. The bundle (scripts/bundle.js) puts this module in place of widest-line for Ink.
*/

/** Texts remembered before the memory is emptied: a few frames' worth. */
const limit = 2048;
const widths = new Map<string, number>();

export default function widestLine(text: string): number {
	let widest = widths.get(text);
	if (widest === undefined) {
		widest = 0;
		for (const line of text.split('\n')) {
			widest = Math.max(widest, stringWidth(line));
		}

		if (widths.size >= limit) {
			widths.clear();
		}

		widths.set(text, widest);
	}

	return widest;
}
