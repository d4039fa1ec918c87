/**
A block font for the pairing code, to be read across a camera cart: each digit 3 cells wide and 5
rows tall, drawn with `#` where the glyph says so. `scale` widens every cell (a terminal cell is
about twice as tall as it is wide, so scale 2 gives digits of a natural shape).
*/
const glyphs: Readonly<Record<string, readonly string[]>> = {
	0: ['###', '# #', '# #', '# #', '###'],
	1: [' # ', '## ', ' # ', ' # ', '###'],
	2: ['###', '  #', '###', '#  ', '###'],
	3: ['###', '  #', ' ##', '  #', '###'],
	4: ['# #', '# #', '###', '  #', '  #'],
	5: ['###', '#  ', '###', '  #', '###'],
	6: ['###', '#  ', '###', '# #', '###'],
	7: ['###', '  #', '  #', '  #', '  #'],
	8: ['###', '# #', '###', '# #', '###'],
	9: ['###', '# #', '###', '  #', '###'],
};

/** Rows of every glyph. */
export const bigDigitRows = 5;

/** Digits go in groups of three (123 456), as a person reads them out and types them. */
const groupSize = 3;

export type BigDigitOptions = {
	/** `#` for --ascii, `█` otherwise. */
	readonly ascii: boolean;
	readonly scale?: 1 | 2;
};

/** Whether the code can be drawn large: digits only (anything else is shown as plain text only). */
export function canDrawBig(code: string): boolean {
	return /^\d{1,12}$/.test(code);
}

/** Cells the code takes when drawn large: a gap of one cell between digits, of three between groups, both scaled. */
export function bigDigitsWidth(code: string, scale: 1 | 2 = 1): number {
	const digits = code.length;
	const groups = Math.ceil(digits / groupSize);
	return scale * ((3 * digits) + (digits - groups) + (3 * (groups - 1)));
}

/** The code as `bigDigitRows` lines of block characters, or undefined when it is not all digits. */
export function bigDigitLines(code: string, {ascii, scale = 1}: BigDigitOptions): string[] | undefined {
	if (!canDrawBig(code)) {
		return undefined;
	}

	const block = ascii ? '#' : '█';
	const digits = [...code];
	return Array.from({length: bigDigitRows}, (_unused, row) => digits.map((digit, index) => {
		const cells = glyphs[digit]![row]!;
		const gap = index === 0 ? '' : (index % groupSize === 0 ? '   ' : ' ');
		return [...gap + cells].map(cell => (cell === '#' ? block : ' ').repeat(scale)).join('');
	}).join('').trimEnd());
}
