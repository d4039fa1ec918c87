import {Buffer} from 'node:buffer';
import {eastAsianWidth} from 'get-east-asian-width';
import xterm from '@xterm/headless';

type Cell = NonNullable<ReturnType<NonNullable<ReturnType<xterm.Terminal['buffer']['active']['getLine']>>['getCell']>>;

/**
A terminal screen for tests: xterm.js (the terminal emulator behind VS Code's terminal, headless), so
a test sees what a real terminal shows from what the screen writer wrote (its own idea of how wide a
character is, its own cursor, erase and SGR handling), not what our width code thinks. Autowrap is off
from the start, as the screen writer turns it off. Reading the screen waits for xterm to have parsed
everything written (it parses asynchronously), hence the `await`.
*/
export class VirtualTerminal {
	/** Bytes written, as UTF-8 (what a pty would carry). */
	bytes = 0;
	readonly #terminal: xterm.Terminal;
	#cursorVisible = true;

	/** `ambiguousWide`: a terminal set up for CJK text, which draws East Asian ambiguous-width characters (─ · ▶) two cells wide. */
	constructor(readonly columns: number, readonly rows: number, options: {ambiguousWide?: boolean} = {}) {
		this.#terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
		if (options.ambiguousWide) {
			this.#terminal.unicode.register(ambiguousWideWidths);
			this.#terminal.unicode.activeVersion = ambiguousWideWidths.version;
		}

		this.#terminal.write('\u001B[?7l');
	}

	write(text: string): void {
		this.bytes += Buffer.byteLength(text);
		const shown = text.lastIndexOf('\u001B[?25h');
		const hidden = text.lastIndexOf('\u001B[?25l');
		if (shown !== hidden) {
			this.#cursorVisible = shown > hidden;
		}

		this.#terminal.write(text);
	}

	/** The screen's lines, without trailing spaces. */
	async lines(): Promise<string[]> {
		await this.#parsed();
		return this.#rows().map(row => this.#line(row).translateToString(true));
	}

	/**
	The screen's lines with each cell's attributes: a run of cells drawn alike is written once as
	`{fg=…,bg=…,bold,…}` before it (nothing for plain text). Two screens that read the same here look
	the same in a terminal.
	*/
	async styledLines(): Promise<string[]> {
		await this.#parsed();
		return this.#rows().map(row => {
			const line = this.#line(row);
			let text = '';
			let style = '';
			for (let column = 0; column < this.columns; column++) {
				const cell = line.getCell(column)!;
				if (cell.getWidth() === 0) {
					continue;
				}

				const next = styleOf(cell);
				if (next !== style) {
					text += `{${next}}`;
					style = next;
				}

				text += cell.getChars() || ' ';
			}

			return text.replace(/(?:{} *| +)$/, '');
		});
	}

	/** The column (1-based) at which `text` starts on a row, counted in the terminal's own cells; 0 when it is not there. */
	async columnOf(row: number, text: string): Promise<number> {
		await this.#parsed();
		const line = this.#line(row - 1);
		let chars = '';
		const columns: number[] = [];
		for (let column = 0; column < this.columns; column++) {
			const cell = line.getCell(column)!;
			if (cell.getWidth() === 0) {
				continue;
			}

			const text = cell.getChars() || ' ';
			chars += text;
			columns.push(...Array.from({length: text.length}, () => column + 1));
		}

		const at = chars.indexOf(text);
		return at === -1 ? 0 : columns[at]!;
	}

	/** Where the cursor is, 1-based. */
	async cursor(): Promise<{row: number; column: number}> {
		await this.#parsed();
		const {cursorY, cursorX} = this.#terminal.buffer.active;
		return {row: cursorY + 1, column: cursorX + 1};
	}

	/**
	The terminal's modes as the writes left them: autowrap (DECAWM) and synchronized output (mode 2026)
	as xterm keeps them; whether the cursor is shown, from the last DECTCEM written (xterm does not expose it).
	*/
	async modes(): Promise<{autowrap: boolean; synchronizedOutput: boolean; cursorVisible: boolean}> {
		await this.#parsed();
		const {wraparoundMode, synchronizedOutputMode} = this.#terminal.modes;
		return {autowrap: wraparoundMode, synchronizedOutput: synchronizedOutputMode, cursorVisible: this.#cursorVisible};
	}

	dispose(): void {
		this.#terminal.dispose();
	}

	/** A row of the screen (below whatever scrolled off its top). */
	#line(row: number) {
		const buffer = this.#terminal.buffer.active;
		return buffer.getLine(buffer.baseY + row)!;
	}

	#rows(): number[] {
		return Array.from({length: this.rows}, (_, row) => row);
	}

	async #parsed(): Promise<void> {
		await new Promise<void>(resolve => {
			this.#terminal.write('', resolve);
		});
	}
}

function styleOf(cell: Cell): string {
	const parts: string[] = [];
	if (!cell.isFgDefault()) {
		parts.push(`fg=${cell.isFgRGB() ? `#${cell.getFgColor().toString(16).padStart(6, '0')}` : cell.getFgColor()}`);
	}

	if (!cell.isBgDefault()) {
		parts.push(`bg=${cell.isBgRGB() ? `#${cell.getBgColor().toString(16).padStart(6, '0')}` : cell.getBgColor()}`);
	}

	const flags = {bold: cell.isBold(), dim: cell.isDim(), italic: cell.isItalic(), underline: cell.isUnderline(), inverse: cell.isInverse(), strike: cell.isStrikethrough()};
	parts.push(...Object.entries(flags).filter(([, on]) => on !== 0).map(([name]) => name));
	return parts.join(',');
}

const zeroWidth = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/**
Character widths as a terminal set up for CJK text has them: an ambiguous-width character is wide,
combining marks and format characters take no cell. `charProperties` follows xterm.js's own Unicode 6
provider: a zero-width code point joins the cell before it.
*/
const ambiguousWideWidths = {
	version: 'ambiguous-wide',
	wcwidth(codePoint: number): 0 | 1 | 2 {
		if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint < 0xA0) || zeroWidth.test(String.fromCodePoint(codePoint))) {
			return 0;
		}

		return eastAsianWidth(codePoint, {ambiguousAsWide: true});
	},
	charProperties(codePoint: number, preceding: number): number {
		let width: number = this.wcwidth(codePoint);
		let join = width === 0 && preceding !== 0;
		if (join) {
			// The preceding character's width, as xterm.js packs it (bits 1 and 2).
			const before = Math.floor(preceding / 2) % 4;
			if (before === 0) {
				join = false;
			} else if (before > width) {
				width = before;
			}
		}

		return (width * 2) + (join ? 1 : 0);
	},
};
