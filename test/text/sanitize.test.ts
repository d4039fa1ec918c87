import {describe, expect, it} from 'vitest';
import {controlCharacters, hasControlCharacter} from '../../source/text/control-characters.js';
import {escapeSequences} from '../../source/text/escape-sequences.js';
import {isPrintable, printable, sanitize} from '../../source/text/sanitize.js';

// Each escape sequence a server string or a pasted value might carry, and what it would do raw.
const sequences = {
	'a colour (CSI SGR)': '\u001B[31m',
	'a clear screen (CSI)': '\u001B[2J',
	'a window title ended by BEL (OSC)': '\u001B]0;owned\u0007',
	'a hyperlink ended by ST (OSC)': '\u001B]8;;https://evil.example\u001B\\',
	'a title never ended (OSC)': '\u001B]0;owned',
	'a device control string (DCS)': '\u001BPq#0;2;0;0;0\u001B\\',
	'a reverse index (two characters)': '\u001BM',
	'the 8-bit CSI': '\u009B2J',
} as const;

describe('the one sanitizer', () => {
	it('takes every kind of escape sequence out whole', () => {
		for (const [what, sequence] of Object.entries(sequences)) {
			expect(sanitize(`A${sequence}B`), what).toBe(what === 'a title never ended (OSC)' ? 'A' : 'AB');
		}
	});

	it('shows every other control character as a mark, the bidirectional controls and line separators included', () => {
		expect(sanitize('a\u0007b\u007Fc\u0085d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
		expect(sanitize('cam\u202Egnp.exe\u2066x\u2069')).toBe('cam\uFFFDgnp.exe\uFFFDx\uFFFD');
		expect(sanitize('one\u2028two\u200Ethree')).toBe('one\uFFFDtwo\uFFFDthree');
		expect(sanitize('tab\there\nand\r\nthere')).toBe('tab here and  there');
	});

	it('removes the invisible characters that only move columns, and keeps the joiner inside an emoji sequence', () => {
		const invisible = {
			'zero-width space': '\u200B', 'zero-width non-joiner': '\u200C', 'zero-width joiner': '\u200D', 'word joiner': '\u2060',
			'byte order mark': '\uFEFF', 'soft hyphen': '\u00AD',
		};
		for (const [what, character] of Object.entries(invisible)) {
			expect(sanitize(`Cam${character}A`), what).toBe('CamA');
			expect(isPrintable(character), what).toBe(false);
		}

		// 👩‍💻, 🏳️‍🌈 and 🧑🏽‍🚀 are one emoji each; a joiner between letters or at an end joins nothing.
		expect(sanitize('👩\u200D💻 🏳️\u200D🌈 🧑🏽\u200D🚀')).toBe('👩\u200D💻 🏳️\u200D🌈 🧑🏽\u200D🚀');
		expect(sanitize('a\u200Db 👩\u200D x\u200D💻 \u200D')).toBe('ab 👩 x💻 ');
	});

	it('shows the Arabic letter mark as a mark, as the other text-direction marks', () => {
		expect(sanitize('a\u061Cb\u200Fc')).toBe('a\uFFFDb\uFFFDc');
		expect(isPrintable('\u061C')).toBe(false);
	});

	it('draws a lone surrogate as the replacement mark a terminal would draw, and keeps a pair', () => {
		expect(sanitize('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
		expect(sanitize('a\uD83D')).toBe('a\uFFFD');
		expect(sanitize('😀')).toBe('😀');
		expect(isPrintable('\uD800')).toBe(false);
		// Cutting a typed value never leaves half a pair.
		expect(printable(`${'x'.repeat(78)}😀😀`)).toBe(`${'x'.repeat(78)}😀😀`);
		expect(printable(`${'x'.repeat(78)}😀😀😀`)).toBe(`${'x'.repeat(78)}😀…`);
	});

	it('leaves nothing that could act on the terminal when removing an invisible character joins two halves of a sequence', () => {
		expect(sanitize('\u001B\u200B[31mred')).toBe('\uFFFD[31mred');
		expect(sanitize('\u009B\uFEFF2J')).toBe('\uFFFD2J');
	});

	it('leaves printable text alone, wide characters and emoji included', () => {
		const text = 'A-cam 撮影 ✔️ 👍🏽 café ~|';
		expect(sanitize(text)).toBe(text);
		expect(printable(text)).toBe(text);
	});

	it('echoes what a person typed through the same sanitizer, cut to a length', () => {
		for (const value of ['a\u202Eb', 'a\tb\u0000c', 'line\u2029break']) {
			expect(printable(value), JSON.stringify(value)).toBe(sanitize(value));
		}

		expect(printable('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`);
		expect(printable(`\u001B[31m${'y'.repeat(12)}`, 10)).toBe(`\uFFFD${'y'.repeat(8)}…`);
	});

	it('drops nothing unseen from an echo: each escape sequence and invisible character is one mark', () => {
		for (const sequence of Object.values(sequences)) {
			expect(printable(`x${sequence}y`), JSON.stringify(sequence)).toBe(sequence.endsWith('owned') ? 'x\uFFFD' : 'x\uFFFDy');
		}

		expect(printable('--json\u200B')).toBe('--json\uFFFD');
		expect(printable('--bad\u0001x')).toBe('--bad\uFFFDx');
		// An emoji's own joiner is part of it, not an invisible character.
		expect(printable('👩‍💻')).toBe('👩‍💻');
	});

	it('keeps a typed character as text only when it is printable', () => {
		for (const character of ['a', ' ', '撮', '👍', '\uFFFD']) {
			expect(isPrintable(character), character).toBe(true);
		}

		for (const character of ['\t', '\n', '\r', '\u0000', '\u001B', '\u007F', '\u009B', '\u202E', '\u2028']) {
			expect(isPrintable(character), JSON.stringify(character)).toBe(false);
		}
	});
});

describe('the patterns', () => {
	it('reads a CSI sequence into its parameters, intermediates and final byte', () => {
		const [match] = '\u001B[1;38;5;208m'.matchAll(escapeSequences);
		expect(match?.slice(1, 4)).toEqual(['1;38;5;208', '', 'm']);
		expect([...'a\u001B[2 qb\u001B]8;;x\u0007c'.matchAll(escapeSequences)].map(found => found[0])).toEqual(['\u001B[2 q', '\u001B]8;;x\u0007']);
	});

	it('finds control characters with search, whatever was matched before', () => {
		expect('abc'.replaceAll(controlCharacters, '?')).toBe('abc');
		expect(hasControlCharacter('a\u0001')).toBe(true);
		expect(hasControlCharacter('a\u0001')).toBe(true);
		expect(hasControlCharacter('plain')).toBe(false);
	});
});
