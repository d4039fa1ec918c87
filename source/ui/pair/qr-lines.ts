import QRCode from 'qrcode';

/** Light modules around the code, which scanners need to find it (the standard asks for 4; 2 read well on a screen). */
const quietZone = 2;

/** The last code drawn: the screen redraws every second with the same address. */
const cache = new Map<string, readonly string[]>();

/**
A QR code of `text` as lines of half-block characters, two modules a row, with no escape codes.

The qrcode package's own `toString(text, {type: 'utf8'})` draws the dark modules as blocks, which
suits a light terminal; most terminals here (SSH, tmux) are dark, where that reads inverted. So the
matrix from `QRCode.create()` is drawn the other way round: light modules and the quiet zone as
blocks, dark ones as blanks. With colour the caller also paints it white on black, which is right on
any background. Error correction L keeps it small (a 53-character address fits in 29×29 modules):
a screen does not smudge.
*/
export function qrLines(text: string): readonly string[] {
	const cached = cache.get(text);
	if (cached) {
		return cached;
	}

	const {modules} = QRCode.create(text, {errorCorrectionLevel: 'L'});
	const size = modules.size + (2 * quietZone);
	const light = (row: number, column: number): boolean => {
		if (row >= size) {
			// Below the code: the terminal's own background.
			return false;
		}

		const moduleRow = row - quietZone;
		const moduleColumn = column - quietZone;
		const inside = moduleRow >= 0 && moduleRow < modules.size && moduleColumn >= 0 && moduleColumn < modules.size;
		return !inside || modules.get(moduleRow, moduleColumn) === 0;
	};

	const lines: string[] = [];
	for (let row = 0; row < size; row += 2) {
		let line = '';
		for (let column = 0; column < size; column++) {
			line += halfBlock(light(row, column), light(row + 1, column));
		}

		lines.push(line);
	}

	cache.clear();
	cache.set(text, lines);
	return lines;
}

/** One cell for two modules, the top one and the one below it. */
function halfBlock(top: boolean, bottom: boolean): string {
	if (top) {
		return bottom ? '█' : '▀';
	}

	return bottom ? '▄' : ' ';
}
