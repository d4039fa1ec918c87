import {Buffer} from 'node:buffer';
import {displayWidth, graphemes} from '../../source/ui/format/text-width.js';

/**
A terminal screen for tests, as text: it follows what the live view's screen writer writes (cursor
placement by row and column, erase to the end of the line and below, text) and ignores styles. Wide
characters take two cells. Nothing wraps or scrolls (the writer turns autowrap off).
*/
export class VirtualTerminal {
	bytes = 0;
	readonly #rows: string[][];
	#row = 0;
	#column = 0;

	constructor(readonly columns: number, readonly rows: number) {
		this.#rows = Array.from({length: rows}, () => Array.from({length: columns}, () => ' '));
	}

	write(text: string): void {
		this.bytes += Buffer.byteLength(text);
		// eslint-disable-next-line no-control-regex -- the escape sequences the writer uses
		for (const [, csi, parameters, final, plain] of text.matchAll(/(\u001B\[([\d;?]*)([A-Za-z]))|([^\u001B]+)/g)) {
			if (csi) {
				this.#control(parameters ?? '', final ?? '');
			} else if (plain) {
				this.#print(plain);
			}
		}
	}

	/** The screen's lines, without trailing spaces. */
	lines(): string[] {
		return this.#rows.map(cells => cells.join('').replaceAll('\u0000', '').trimEnd());
	}

	#control(parameters: string, final: string): void {
		switch (final) {
			case 'H': {
				const [row = 1, column = 1] = parameters.split(';').map(Number);
				this.#row = row - 1;
				this.#column = column - 1;

				break;
			}

			case 'K': {
				this.#rows[this.#row]?.fill(' ', this.#column);

				break;
			}

			case 'J': {
				this.#rows[this.#row]?.fill(' ', this.#column);
				for (let row = this.#row + 1; row < this.rows; row++) {
					this.#rows[row]!.fill(' ');
				}

				break;
			}
		// No default
		}
	}

	#print(text: string): void {
		for (const grapheme of graphemes(text)) {
			const width = displayWidth(grapheme);
			const line = this.#rows[this.#row];
			if (!line || this.#column + width > this.columns) {
				continue;
			}

			line[this.#column] = grapheme;
			if (width === 2) {
				line[this.#column + 1] = '\u0000';
			}

			this.#column += width;
		}
	}
}
