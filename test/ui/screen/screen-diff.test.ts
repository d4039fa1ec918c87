import {Buffer} from 'node:buffer';
import {describe, expect, it} from 'vitest';
import {cellsOf, fitFrame, frameUpdate, lineUpdate, rememberedLineCount} from '../../../source/ui/screen/screen-diff.js';
import {displayWidth, graphemes} from '../../../source/ui/format/text-width.js';
import {VirtualTerminal} from '../../helpers/virtual-terminal.js';

const green = (text: string) => `\u001B[32m${text}\u001B[39m`;
const bold = (text: string) => `\u001B[1m${text}\u001B[22m`;

/** Draws each frame in turn as the live view would, and returns the terminal and the bytes each took. */
function play(frames: ReadonlyArray<readonly string[]>, columns = 60, rows = 12, options: {ambiguousWide?: boolean} = {}) {
	const terminal = new VirtualTerminal(columns, rows, options);
	let onScreen: readonly string[] | undefined;
	const bytes: number[] = [];
	for (const frame of frames) {
		const update = frameUpdate(onScreen, frame);
		bytes.push(Buffer.byteLength(update));
		terminal.write(update);
		onScreen = frame;
	}

	return {terminal, bytes};
}

// eslint-disable-next-line no-control-regex -- the SGR sequences to take out
const plain = (frame: readonly string[]) => frame.map(line => line.replaceAll(/\u001B\[[\d;]*m/g, '').trimEnd());

describe('the live view\'s screen writer', () => {
	it('writes nothing for a frame that did not change', async () => {
		const frame = ['c2c-status', green('Paused: no  for 7s')];
		expect(frameUpdate(frame, frame)).toBe('');
	});

	it('writes only the cells that changed when the rest of the line keeps its columns', async () => {
		expect(lineUpdate(2, 'Paused: no  for 7s · from the identity', 'Paused: no  for 8s · from the identity')).toBe('\u001B[2;17H8');
		// In colour: the cell is drawn in its colour, and the colour ended after it.
		expect(lineUpdate(2, green('Paused: no  for 7s'), green('Paused: no  for 8s'))).toBe('\u001B[2;17H\u001B[32m8\u001B[0m');
	});

	it('writes the rest of the line when its width changes, and erases what a shorter line left', async () => {
		expect(lineUpdate(1, 'for 9s - ok', 'for 10s - ok')).toBe('\u001B[1;5H10s - ok');
		expect(lineUpdate(1, 'checked 10s ago', 'checked 9s ago')).toBe('\u001B[1;9H9s ago\u001B[K');
		// With a cell of uncertain width after the change, the erase too: where the old line ended is not known for sure.
		expect(lineUpdate(1, 'for 9s · ok', 'for 10s · ok')).toBe('\u001B[1;5H10s · ok\u001B[K');
	});

	it('counts columns in cells: a wide character before the change takes two', async () => {
		expect(lineUpdate(3, '撮影 A-cam 7s', '撮影 A-cam 8s')).toBe('\u001B[3;12H8');
	});

	it('writes from the first cell whose width terminals may see otherwise, when it comes before the change', async () => {
		// String-width counts ✔️ as two cells, tmux draws it in one: a change placed by column would land
		// one cell off, so the write starts at ✔️ (its own column is certain) and the terminal lays out the rest.
		expect(lineUpdate(4, 'Cam-✔️  paused - 1s ago', 'Cam-✔️  paused - 2s ago')).toBe('\u001B[4;5H✔️  paused - 2');
		expect(lineUpdate(4, 'Cam-✔️  paused - 1s ago', 'Cam-A  paused - 2s ago')).toBe('\u001B[4;5HA  paused - 2s ago\u001B[K');
		// An East Asian ambiguous-width character (─ · ▶), two cells wide in a terminal set up for CJK text.
		expect(lineUpdate(2, '▶  Paused: no  for 7s', '▶  Paused: no  for 8s')).toBe('\u001B[2;1H▶  Paused: no  for 8');
		expect(lineUpdate(2, 'Fetched 13s ago · next in 47s', 'Fetched 14s ago · next in 46s')).toBe('\u001B[2;10H4s ago · next in 46');
		// After the change it changes nothing; one code point of a certain width (撮, ✔ without the selector) is certain.
		expect(lineUpdate(2, 'Paused: no  for 7s · from the identity', 'Paused: no  for 8s · from the identity')).toBe('\u001B[2;17H8');
		expect(lineUpdate(4, 'Cam-✔  paused - 1s ago', 'Cam-✔  paused - 2s ago')).toBe('\u001B[4;17H2');
	});

	it('leaves a terminal showing what drawing the newest frame afresh shows, whatever width it gives uncertain characters', async () => {
		const frames = Array.from({length: 14}, (_, second) => [
			bold(`c2c-status · Cam ${second < 7 ? 'A' : '撮影'} · http://127.0.0.1`),
			`${green(second % 4 === 0 ? '‖' : '▶')}  Paused: ${second % 4 === 0 ? 'yes' : 'no'}  for ${second}s · from the identity`,
			`Fetched    ${second * 7}s ago · next in ${60 - (second * 7)}s   State  joined for ${second}s`,
			`${bold('── Health')} · ok ${20 + second} ms · checked ${second % 10}s ago, next in ${10 - (second % 10)}s ${'─'.repeat(second % 3)}`,
			`latency ${'█▁▂▃'.slice(0, (second % 4) + 1)}`,
			` → 19:33:${String(second).padStart(2, '0')} Cam-✔️ ${second % 2 ? 'é' : 'e\u0301'} heartbeat #${second}`,
		]);
		for (const ambiguousWide of [false, true]) {
			const {terminal} = play(frames, 70, 8, {ambiguousWide});
			const fresh = new VirtualTerminal(70, 8, {ambiguousWide});
			fresh.write(frameUpdate(undefined, frames.at(-1)!));
			expect(await terminal.styledLines()).toEqual(await fresh.styledLines());
		}
	});

	it('keeps the terminal showing exactly the newest frame, through changes of every kind', async () => {
		const frames = [
			['c2c-status  http://127.0.0.1', `${green('✔')}  Connected: yes  for 1s`, bold('── Health ──────'), 'line four', 'five'],
			['c2c-status  http://127.0.0.1', `${green('✔')}  Connected: yes  for 2s`, bold('── Health ──────'), 'line four', 'five'],
			['c2c-status  http://127.0.0.1', '✖  Connected: no  for 0s', bold('── Health · down ─'), '撮影 is wide', 'five'],
			['c2c-status  http://127.0.0.1', '✖  Connected: no  for 10s', bold('── Health · down ─')],
			['a new layout', 'after a resize', '', 'with a gap'],
		];
		const {terminal} = play(frames);
		expect((await terminal.lines()).slice(0, 4)).toEqual(plain(frames.at(-1)!));
		expect((await terminal.lines()).slice(4).every(line => line === '')).toBe(true);
	});

	it('draws a first frame whole, row by row, and erases everything below it', async () => {
		const terminal = new VirtualTerminal(20, 6);
		// What was on the terminal before: every row full, then a shorter line at the top.
		terminal.write(Array.from({length: 6}, (_, row) => `\u001B[${row + 1};1H${'x'.repeat(20)}`).join(''));
		terminal.write('\u001B[1;1Hjunk\u001B[K');
		expect(await terminal.lines()).toEqual(['junk', ...Array.from({length: 5}, () => 'x'.repeat(20))]);
		terminal.write(frameUpdate(undefined, ['one', 'two']));
		expect(await terminal.lines()).toEqual(['one', 'two', '', '', '', '']);
	});

	it('costs a few bytes a second for an idle view whose countdowns tick', async () => {
		const frame = (second: number) => [
			bold('c2c-status A-cam  https://api.frame.io'),
			`${green('▶')}  Paused: no  for ${second}s · from the identity`,
			`${green('✔')}  Connected: yes  for ${second + 60}s · /health ok 21 ms`,
			'── Identity ──────────────────── ── Socket · devices:7e57 ──',
			`Fetched    ${second % 60}s ago · next in ${60 - (second % 60)}s   State  joined for ${second}s`,
			`── Health · ok 21 ms · checked ${second % 10}s ago, next in ${10 - (second % 10)}s ─────────────────`,
		];
		const frames = Array.from({length: 60}, (_, second) => frame(second + 1));
		const {terminal, bytes} = play(frames, 80, 10);
		expect((await terminal.lines()).slice(0, 6)).toEqual(plain(frames.at(-1)!));
		const perSecond = bytes.slice(1).reduce((sum, count) => sum + count, 0) / 59;
		// Writing from the first cell of uncertain width (▶, ·, ─) costs a few bytes more than placing
		// each change by its column; writing each changed line whole, more again.
		expect(perSecond).toBeLessThan(250);
		const wholeLines = frames.slice(1).flatMap((lines, second) => lines.filter((line, row) => line !== frames[second]![row]));
		expect(perSecond * 1.5).toBeLessThan(Buffer.byteLength(wholeLines.join('')) / 59);
	});

	it('fits a frame to the terminal: no more rows than it has, no line wider', async () => {
		expect(fitFrame(['abcdef', green('ghijkl'), 'x'], {columns: 4, rows: 2})).toEqual(['abcd', '\u001B[32mghij\u001B[0m']);
		expect(fitFrame(['ab撮影'], {columns: 3, rows: 5})).toEqual(['ab']);
	});

	it('cuts a line into the graphemes of the whole line, though it segments only the stretches that are not ASCII', async () => {
		const lines = [
			'plain ASCII only',
			'e\u0301 at the start, and a\u0300 inside',
			'a·e\u0301b: a mark on the letter after a symbol',
			'keycap #\uFE0F\u20E3 and 1\u20E3',
			'\u0600a prepended mark takes the letter after it',
			'flags 🇯🇵🇫🇷 and a ZWJ family 👨‍👩‍👧 in a row',
			'x\u200Dy ─── rules ─── 日本語 text ✔️ done ·',
			'·',
			'é',
		];
		for (const line of lines) {
			expect(cellsOf(line).map(cell => cell.text)).toEqual(graphemes(line));
			expect(cellsOf(line).map(cell => cell.width)).toEqual(graphemes(line).map(grapheme => displayWidth(grapheme)));
		}
	});

	it('remembers a bounded number of lines, and still knows the ones on screen after many others', () => {
		const onScreen = 'Paused  ▶ no   Connected  ✔ yes';
		const first = cellsOf(onScreen);
		for (let index = 0; index < 5000; index++) {
			cellsOf(`a clock line that moves ${index} ─`);
			if (index % 50 === 0) {
				// The line on screen is looked at every frame.
				expect(cellsOf(onScreen)).toBe(first);
			}
		}

		expect(rememberedLineCount()).toBeLessThanOrEqual(200);
	});
});
