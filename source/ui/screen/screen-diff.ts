import {escapeSequences} from '../../text/escape-sequences.js';
import {displayWidth, graphemes} from '../format/text-width.js';
import {applySgr, plainState, sameState, sgrFor, type SgrState} from './sgr-state.js';

/** One character on screen (a grapheme: a letter, a CJK character, an emoji), and how it is drawn. */
type Cell = {
	readonly text: string;
	readonly width: number;
	readonly state: SgrState;
	/** Escape sequences other than SGR written just before it (none come from Ink's frames today). */
	readonly other: string;
	/**
	A grapheme of several code points (an emoji with U+FE0F, a ZWJ sequence, a flag, a letter with a
	combining mark): terminals disagree on how many cells it takes, so the columns after it on its line
	are not known for sure.
	*/
	readonly uncertain: boolean;
};

const printableAscii = /^[\u0020-\u007E]*$/;

/** Lines recently cut into cells: each line is looked at up to three times (fitted, then as the next and as the previous frame's). */
const recentCells = new Map<string, readonly Cell[]>();
const recentLimit = 500;

/** A line of a frame as cells, each with the attributes it is drawn in. */
export function cellsOf(line: string): readonly Cell[] {
	let cells = recentCells.get(line);
	if (cells === undefined) {
		cells = cutIntoCells(line);
		if (recentCells.size >= recentLimit) {
			recentCells.clear();
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
	const addText = (text: string) => {
		// Most of a frame is printable ASCII: a character a cell, without segmenting it.
		if (printableAscii.test(text)) {
			for (const character of text) {
				cells.push({text: character, width: 1, state, other, uncertain: false});
				other = '';
			}

			return;
		}

		for (const grapheme of graphemes(text)) {
			cells.push({text: grapheme, width: displayWidth(grapheme), state, other, uncertain: [...grapheme].length > 1});
			other = '';
		}
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
*/
export function lineUpdate(row: number, previous: string | undefined, next: string): string {
	if (previous === next) {
		return '';
	}

	const before = previous === undefined ? [] : cellsOf(previous);
	const after = cellsOf(next);
	if (before.some(cell => cell.uncertain) || after.some(cell => cell.uncertain)) {
		// Where the terminal put each cell is not known for sure: the whole line, from its first column.
		return `\u001B[${row};1H${draw(after)}\u001B[K`;
	}

	let first = 0;
	while (first < before.length && first < after.length && sameCell(before[first]!, after[first]!)) {
		first++;
	}

	const column = widthOf(after, 0, first) + 1;
	const sameWidth = widthOf(before) === widthOf(after);
	let end = after.length;
	if (sameWidth) {
		// The cells after the change keep their columns: skip the ones that did not change either.
		let same = 0;
		while (same < after.length - first && same < before.length - first && sameCell(before.at(-1 - same)!, after.at(-1 - same)!)) {
			same++;
		}

		end = after.length - same;
	}

	const erase = sameWidth || widthOf(after) >= widthOf(before) ? '' : '\u001B[K';
	return `\u001B[${row};${column}H${draw(after.slice(first, end))}${erase}`;
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
