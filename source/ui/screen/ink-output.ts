import {styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

/*
Ink's Output (ink/build/output.js of Ink 6.8.0), which turns a frame's writes into its lines, made to
remember the last frame: a row whose writes are the same as last frame's (the same texts at the same
columns, in the same order, on a grid as wide) is the same line, and is not drawn again.

Ink draws every frame whole: each character of every text is tokenized into a styled cell of a fresh
grid, and each row of the grid is turned back into a string, whatever changed. That is most of what a
frame costs (more than React and Yoga together); the live view's clock changes a few lines a second,
and only those rows are now drawn. Everything else is as in Ink: the same clipping, the same
transformers, the same cells (a wide character's second cell included), so the same lines.

The bundle (scripts/bundle.js) puts this module in place of Ink's own, for Ink 6.8.0 only;
test/ui/screen/ink-output.test.ts compares the two, frame after frame.
*/

type Transformer = (line: string, index: number) => string;

type Clip = {
	readonly x1: number | undefined;
	readonly x2: number | undefined;
	readonly y1: number | undefined;
	readonly y2: number | undefined;
};

type Operation =
	| {readonly type: 'write'; readonly x: number; readonly y: number; readonly text: string; readonly transformers: readonly Transformer[]}
	| {readonly type: 'clip'; readonly clip: Clip}
	| {readonly type: 'unclip'};

/** A row as drawn: its writes (column and text, in turn) and the line they made. */
type Row = {readonly writes: ReadonlyArray<number | string>; readonly line: string};

/** Entries kept in the cell-width cache before it is emptied (a frame uses a few hundred distinct characters). */
const widthCacheLimit = 4096;

/**
What the last frame drew, shared by every Output (Ink makes one per frame): its rows and the grid's
width, and the cells of each text written (this frame's and the last's).
*/
const last: {rows: Row[]; width: number; cells: Map<string, StyledChar[]>; next: Map<string, StyledChar[]>} = {
	rows: [], width: -1, cells: new Map(), next: new Map(),
};

const widths = new Map<string, number>();

function cellWidth(text: string): number {
	let width = widths.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		if (widths.size >= widthCacheLimit) {
			widths.clear();
		}

		widths.set(text, width);
	}

	return width;
}

function widestLine(text: string): number {
	let widest = 0;
	for (const line of text.split('\n')) {
		widest = Math.max(widest, cellWidth(line));
	}

	return widest;
}

/** The text's styled characters, tokenized once while it stays on screen. */
function cellsOf(text: string): StyledChar[] {
	let cells = last.next.get(text);
	if (cells === undefined) {
		cells = last.cells.get(text) ?? styledCharsFromTokens(tokenize(text));
		last.next.set(text, cells);
	}

	return cells;
}

function sameWrites(a: ReadonlyArray<number | string>, b: ReadonlyArray<number | string>): boolean {
	return a.length === b.length && a.every((value, index) => value === b[index]);
}

export default class Output {
	readonly width: number;
	readonly height: number;
	readonly #operations: Operation[] = [];

	constructor(options: {readonly width: number; readonly height: number}) {
		this.width = options.width;
		this.height = options.height;
	}

	write(x: number, y: number, text: string, options: {readonly transformers: readonly Transformer[]}): void {
		if (!text) {
			return;
		}

		this.#operations.push({type: 'write', x, y, text, transformers: options.transformers});
	}

	clip(clip: Clip): void {
		this.#operations.push({type: 'clip', clip});
	}

	unclip(): void {
		this.#operations.push({type: 'unclip'});
	}

	get(): {output: string; height: number} {
		const writes = this.#rowWrites();
		if (this.width !== last.width) {
			last.rows = [];
			last.width = this.width;
		}

		const lines: string[] = [];
		for (const [index, row] of writes.entries()) {
			const before = last.rows[index];
			if (before !== undefined && sameWrites(before.writes, row)) {
				lines.push(before.line);
				for (let at = 1; at < row.length; at += 2) {
					const cells = last.cells.get(row[at] as string);
					if (cells !== undefined) {
						last.next.set(row[at] as string, cells);
					}
				}

				continue;
			}

			const line = this.#drawRow(row);
			last.rows[index] = {writes: row, line};
			lines.push(line);
		}

		last.rows.length = writes.length;
		last.cells = last.next;
		last.next = new Map();
		return {output: lines.join('\n'), height: writes.length};
	}

	/** Each row's writes, clipped and transformed, as Ink's get() places them. */
	#rowWrites(): Array<Array<number | string>> {
		const rows: Array<Array<number | string>> = Array.from({length: this.height}, () => []);
		const clips: Clip[] = [];
		for (const operation of this.#operations) {
			if (operation.type === 'clip') {
				clips.push(operation.clip);
				continue;
			}

			if (operation.type === 'unclip') {
				clips.pop();
				continue;
			}

			const placed = clipWrite(operation, clips.at(-1));
			if (placed === undefined) {
				continue;
			}

			const {x, y, lines} = placed;
			let offsetY = 0;
			for (let [index, line] of lines.entries()) {
				const row = rows[y + offsetY];
				// As in Ink: a line past the grid is skipped, and the lines after it go to the same row.
				if (!row) {
					continue;
				}

				for (const transformer of operation.transformers) {
					line = transformer(line, index);
				}

				row.push(x, line);
				offsetY++;
			}
		}

		return rows;
	}

	/** A row drawn as Ink draws it: a grid row of spaces, each write's cells over it in turn. */
	#drawRow(row: ReadonlyArray<number | string>): string {
		const cells: StyledChar[] = [];
		for (let x = 0; x < this.width; x++) {
			cells.push({type: 'char', value: ' ', fullWidth: false, styles: []});
		}

		for (let at = 0; at < row.length; at += 2) {
			let offsetX = row[at] as number;
			for (const character of cellsOf(row[at + 1] as string)) {
				cells[offsetX] = character;
				// A character two cells wide: the next cell is left empty, so nothing is drawn over its right half.
				const width = Math.max(1, cellWidth(character.value));
				for (let index = 1; index < width; index++) {
					cells[offsetX + index] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
				}

				offsetX += width;
			}
		}

		return styledCharsToString(cells.filter(cell => cell !== undefined)).trimEnd();
	}
}

/** A write's lines and place inside the clip (as Ink's get() clips it), or undefined when it falls outside. */
function clipWrite(operation: Extract<Operation, {type: 'write'}>, clip: Clip | undefined): {x: number; y: number; lines: string[]} | undefined {
	let {x, y} = operation;
	let lines = operation.text.split('\n');
	const {x1, x2, y1, y2} = clip ?? {};
	const horizontal = x1 !== undefined && x2 !== undefined ? {x1, x2} : undefined;
	const vertical = y1 !== undefined && y2 !== undefined ? {y1, y2} : undefined;
	if (horizontal && (x + widestLine(operation.text) < horizontal.x1 || x > horizontal.x2)) {
		return undefined;
	}

	if (vertical && (y + lines.length < vertical.y1 || y > vertical.y2)) {
		return undefined;
	}

	if (horizontal) {
		lines = lines.map(line => {
			const from = x < horizontal.x1 ? horizontal.x1 - x : 0;
			const width = cellWidth(line);
			const to = x + width > horizontal.x2 ? horizontal.x2 - x : width;
			return sliceAnsi(line, from, to);
		});
		x = Math.max(x, horizontal.x1);
	}

	if (vertical) {
		const from = y < vertical.y1 ? vertical.y1 - y : 0;
		const to = y + lines.length > vertical.y2 ? vertical.y2 - y : lines.length;
		lines = lines.slice(from, to);
		y = Math.max(y, vertical.y1);
	}

	return {x, y, lines};
}
