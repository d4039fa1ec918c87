import type {Key} from 'ink';
import QRCode from 'qrcode';
import {describe, expect, it} from 'vitest';
import {bigDigitLines, bigDigitsWidth} from '../../../source/ui/pair/big-digits.js';
import {findPairAction, pairKeyHints} from '../../../source/ui/pair/pair-keymap.js';
import {qrLines} from '../../../source/ui/pair/qr-lines.js';
import {displayWidth} from '../../../source/ui/format/text-width.js';

describe('bigDigitLines', () => {
	it('draws every digit 3 cells wide and 5 rows tall, in groups of three', () => {
		expect(bigDigitLines('1234567890', {ascii: true})).toEqual([
			' #  ### ###   # # ### ###   ### ### ###   ###',
			'##    #   #   # # #   #       # # # # #   # #',
			' #  ###  ##   ### ### ###     # ### ###   # #',
			' #  #     #     #   # # #     # # #   #   # #',
			'### ### ###     # ### ###     # ### ###   ###',
		]);
	});

	it('uses full blocks unless --ascii, and doubles the width at scale 2', () => {
		const lines = bigDigitLines('123456', {ascii: false, scale: 2})!;
		expect(lines[0]).toBe('  ██    ██████  ██████      ██  ██  ██████  ██████');
		expect(Math.max(...lines.map(line => displayWidth(line)))).toBe(bigDigitsWidth('123456', 2));
		expect(bigDigitsWidth('123456')).toBe(25);
	});

	it('draws nothing for a code that is not all digits', () => {
		expect(bigDigitLines('WDJB-MJHT', {ascii: false})).toBeUndefined();
		expect(bigDigitLines('', {ascii: false})).toBeUndefined();
	});
});

describe('qrLines', () => {
	/** The modules read back from the half blocks: true for dark, as a scanner sees it on a dark terminal (blank is dark). */
	function modulesOf(lines: readonly string[]): boolean[][] {
		const rows: boolean[][] = [];
		for (const line of lines) {
			const cells = [...line];
			rows.push(cells.map(cell => cell !== '█' && cell !== '▀'), cells.map(cell => cell !== '█' && cell !== '▄'));
		}

		return rows;
	}

	it('draws the matrix of QRCode.create, light modules as blocks, in a light quiet zone of 2', () => {
		const text = 'https://next.frame.io/pair?code=123456';
		const lines = qrLines(text);
		const {modules} = QRCode.create(text, {errorCorrectionLevel: 'L'});
		const size = modules.size + 4;
		expect(lines).toHaveLength(Math.ceil(size / 2));
		expect(lines.every(line => /^[█▀▄ ]+$/.test(line) && [...line].length === size)).toBe(true);
		const read = modulesOf(lines);
		for (let row = 0; row < size; row++) {
			for (let column = 0; column < size; column++) {
				const inside = row >= 2 && row < size - 2 && column >= 2 && column < size - 2;
				const dark = inside && modules.get(row - 2, column - 2) === 1;
				expect(read[row]![column], `module ${row},${column}`).toBe(dark);
			}
		}
	});

	it('fits an address of 53 characters in 33 columns and 17 rows (80x24 with the rest beside it)', () => {
		const lines = qrLines(`https://next.frame.io/${'x'.repeat(31)}`);
		expect([lines[0]!.length, lines.length]).toEqual([33, 17]);
	});
});

describe('pair keymap', () => {
	const noKeys: Key = {
		upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
		return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
		super: false, hyper: false, capsLock: false, numLock: false,
	};
	const key = (overrides: Partial<Key> = {}): Key => ({...noKeys, ...overrides});

	it('offers the keys that work in each phase, quitting last', () => {
		expect(pairKeyHints('waiting')).toBe('q to quit');
		expect(pairKeyHints('paired')).toBe('Enter to start monitoring, q to quit');
		expect(pairKeyHints('expired')).toBe('n to get a new code, q to quit');
		expect(pairKeyHints('failed')).toBe('q to quit');
	});

	it('acts on a key only in its phases; q and Ctrl+C everywhere', () => {
		expect(findPairAction('expired', 'n', key())).toBe('new-code');
		expect(findPairAction('waiting', 'n', key())).toBeUndefined();
		expect(findPairAction('paired', '', key({return: true}))).toBe('start');
		expect(findPairAction('expired', '', key({return: true}))).toBeUndefined();
		for (const phase of ['requesting', 'waiting', 'paired', 'expired', 'failed'] as const) {
			expect(findPairAction(phase, 'q', key())).toBe('quit');
			expect(findPairAction(phase, 'c', key({ctrl: true}))).toBe('quit');
		}
	});
});
