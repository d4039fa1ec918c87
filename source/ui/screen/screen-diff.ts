import {escapeSequences} from '../../text/escape-sequences.js';
import {displayWidth, graphemes, widthIsUncertain} from '../format/text-width.js';
import {applySgr, plainState, sameState, sgrFor, type SgrState} from './sgr-state.js';

/** One character on screen (a grapheme: a letter, a CJK character, an emoji), and how it is drawn. */
type Cell = {
	readonly text: string;
	readonly width: number;
	readonly state: SgrState;
	/** Escape sequences other than SGR written just before it (none come from Ink's frames today). */
	readonly other: string;
	/** Terminals disagree on how many cells it takes (see widthIsUncertain): the columns after it on its line are not known for sure. */
	readonly uncertain: boolean;
};

const notPrintableAscii = /[^\u0020-\u007E]+/g;

/**
Lines recently cut into cells: each line is looked at up to three times (fitted, then as the next and
as the previous frame's). Two generations of at most `generationSize` lines each: when the newer one is
full it becomes the older, and a line found in the older is carried into the newer. Lines still on
screen stay, and the memory holds two frames of lines at 100 rows (five at 40), never a sawtooth of hundreds.
*/
let recentCells = new Map<string, readonly Cell[]>();
let olderCells = new Map<string, readonly Cell[]>();
const generationSize = 100;

/** How many lines the memory holds now (for tests: it stays bounded). */
export function rememberedLineCount(): number {
	return recentCells.size + olderCells.size;
}

/** A line of a frame as cells, each with the attributes it is drawn in. */
export function cellsOf(line: string): readonly Cell[] {
	let cells = recentCells.get(line);
	if (cells === undefined) {
		cells = olderCells.get(line) ?? cutIntoCells(line);
		if (recentCells.size >= generationSize) {
			olderCells = recentCells;
			recentCells = new Map();
		}

		recentCells.set(line, cells);
	}

	return cells;
}

function cutIntoCells(line: string): Cell[] {
	const cells: Cell[] = [];
	let state = plainState;
	let other = '';
	let last = 0;
	const addAscii = (text: string) => {
		for (const character of text) {
			cells.push({text: character, width: 1, state, other, uncertain: false});
			other = '';
		}
	};

	// Most of a frame is printable ASCII: a character a cell, without segmenting it. Only the stretches
	// of other characters are segmented, each with the ASCII characters either side of it: a letter may
	// take the combining mark after it (and a prepended mark the letter after it) into one grapheme,
	// while between two ASCII characters there is always a boundary.
	const addText = (text: string) => {
		let done = 0;
		for (const [from, to] of nonAsciiStretches(text)) {
			addAscii(text.slice(done, from));
			for (const grapheme of graphemes(text.slice(from, to))) {
				cells.push({text: grapheme, width: displayWidth(grapheme), state, other, uncertain: widthIsUncertain(grapheme)});
				other = '';
			}

			done = to;
		}

		addAscii(text.slice(done));
	};

	for (const match of line.matchAll(escapeSequences)) {
		addText(line.slice(last, match.index));
		last = match.index + match[0].length;
		if (match[3] === 'm' && match[2] === '') {
			state = applySgr(state, match[1] ?? '');
		} else {
			other += match[0];
		}
	}

	addText(line.slice(last));
	return cells;
}

/** Where the text's stretches of characters other than printable ASCII are, each with the character either side of it (overlapping ones joined). */
function nonAsciiStretches(text: string): Array<[number, number]> {
	const stretches: Array<[number, number]> = [];
	for (const match of text.matchAll(notPrintableAscii)) {
		const from = Math.max(0, match.index - 1);
		const to = Math.min(text.length, match.index + match[0].length + 1);
		const last = stretches.at(-1);
		if (last !== undefined && from < last[1]) {
			last[1] = to;
		} else {
			stretches.push([from, to]);
		}
	}

	return stretches;
}

const sameCell = (a: Cell, b: Cell) => a.text === b.text && a.width === b.width && a.other === b.other && sameState(a.state, b.state);

function widthOf(cells: readonly Cell[], from = 0, to = cells.length): number {
	let width = 0;
	for (let index = from; index < to; index++) {
		width += cells[index]!.width;
	}

	return width;
}

/** The cells as text, starting from the plain state, with as few SGR sequences as change requires. */
function draw(cells: readonly Cell[]): string {
	let text = '';
	let state = plainState;
	for (const cell of cells) {
		if (!sameState(cell.state, state)) {
			// From the plain state the new one is enough; from another, reset first (attributes only add up).
			text += `${sameState(state, plainState) ? '' : '\u001B[0m'}${sgrFor(cell.state)}`;
			state = cell.state;
		}

		text += cell.other + cell.text;
	}

	return sameState(state, plainState) ? text : `${text}\u001B[0m`;
}

/**
What turns `previous` into `next` on screen row `row` (1-based): nothing when they are the same;
otherwise the cursor moved to the first cell that differs and only the cells up to the last one that
differs written, when the rest of the line stays in its columns; else the rest of the line, and an
erase of what the old line had beyond it.

A cell whose width the terminal may see otherwise (see `uncertain`) moves every cell after it by as
much, so no cell after it is placed by its column: the write then starts at the first such cell (its
own column is certain, as nothing uncertain comes before it) and the terminal lays out the rest as it
sees them. The cells after the change are left alone only when the changed cells are as wide as
before and hold the same uncertain ones; otherwise the rest of the line is written, and what was beyond
it erased.
*/
export function lineUpdate(row: number, previous: string | undefined, next: string): string {
	if (previous === next) {
		return '';
	}

	const before = previous === undefined ? [] : cellsOf(previous);
	const after = cellsOf(next);
	let first = 0;
	while (first < before.length && first < after.length && sameCell(before[first]!, after[first]!)) {
		first++;
	}

	let same = 0;
	while (same < after.length - first && same < before.length - first && sameCell(before.at(-1 - same)!, after.at(-1 - same)!)) {
		same++;
	}

	const firstUncertain = after.findIndex(cell => cell.uncertain);
	const start = firstUncertain === -1 ? first : Math.min(first, firstUncertain);
	// The tail keeps its columns in any terminal when the changed cells are as wide and hold the same uncertain ones.
	const keepTail = widthOf(before) === widthOf(after)
		&& uncertainOnes(before.slice(first, before.length - same)) === uncertainOnes(after.slice(first, after.length - same));
	const end = keepTail ? after.length - same : after.length;
	const certain = firstUncertain === -1 && !before.some(cell => cell.uncertain);
	const erase = keepTail || (certain && widthOf(after) >= widthOf(before)) ? '' : '\u001B[K';
	return `\u001B[${row};${widthOf(after, 0, start) + 1}H${draw(after.slice(start, end))}${erase}`;
}

/** The cells of uncertain width among `cells`, in a canonical order. */
function uncertainOnes(cells: readonly Cell[]): string {
	return cells.filter(cell => cell.uncertain).map(cell => cell.text).sort().join('\n');
}

/**
The frame as it fits the terminal: at most `rows` lines, each cut to `columns` cells. A frame laid out
for the size before a resize would otherwise wrap, and scroll the screen under every later update.
*/
export function fitFrame(lines: readonly string[], {columns, rows}: {readonly columns: number; readonly rows: number}): string[] {
	return lines.slice(0, Math.max(0, rows)).map(line => {
		const cells = cellsOf(line);
		return widthOf(cells) <= columns ? line : draw(cutToWidth(cells, columns));
	});
}

function cutToWidth(cells: readonly Cell[], columns: number): Cell[] {
	const kept: Cell[] = [];
	let width = 0;
	for (const cell of cells) {
		if (width + cell.width > columns) {
			break;
		}

		kept.push(cell);
		width += cell.width;
	}

	return kept;
}

/**
What turns the frame on screen into the next one: every line, each placed by row, when nothing is
known of the screen (the first frame, after a resize), erasing everything below it; otherwise only
the lines that changed, and an erase of the lines the frame no longer has. Lines are placed by row,
never by a line feed, so that nothing ever scrolls.
*/
export function frameUpdate(previous: readonly string[] | undefined, next: readonly string[]): string {
	if (previous === undefined) {
		return `${next.map((line, index) => `\u001B[${index + 1};1H${draw(cellsOf(line))}\u001B[K`).join('')}\u001B[${next.length + 1};1H\u001B[J`;
	}

	let update = '';
	for (const [index, line] of next.entries()) {
		update += lineUpdate(index + 1, previous[index], line);
	}

	for (let index = next.length; index < previous.length; index++) {
		update += `\u001B[${index + 1};1H\u001B[K`;
	}

	return update;
}
