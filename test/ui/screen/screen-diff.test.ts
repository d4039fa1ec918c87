import {Buffer} from 'node:buffer';
import {describe, expect, it} from 'vitest';
import {fitFrame, frameUpdate, lineUpdate} from '../../../source/ui/screen/screen-diff.js';
import {VirtualTerminal} from '../../helpers/virtual-terminal.js';

const green = (text: string) => `\u001B[32m${text}\u001B[39m`;
const bold = (text: string) => `\u001B[1m${text}\u001B[22m`;

/** Draws each frame in turn as the live view would, and returns the terminal and the bytes each took. */
function play(frames: ReadonlyArray<readonly string[]>, columns = 60, rows = 12) {
	const terminal = new VirtualTerminal(columns, rows);
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
	it('writes nothing for a frame that did not change', () => {
		const frame = ['c2c-status', green('Paused: no  for 7s')];
		expect(frameUpdate(frame, frame)).toBe('');
	});

	it('writes only the cells that changed when the rest of the line keeps its columns', () => {
		expect(lineUpdate(2, 'Paused: no  for 7s · from the identity', 'Paused: no  for 8s · from the identity')).toBe('\u001B[2;17H8');
		// In colour: the cell is drawn in its colour, and the colour ended after it.
		expect(lineUpdate(2, green('Paused: no  for 7s'), green('Paused: no  for 8s'))).toBe('\u001B[2;17H\u001B[32m8\u001B[0m');
	});

	it('writes the rest of the line when its width changes, and erases what a shorter line left', () => {
		expect(lineUpdate(1, 'for 9s · ok', 'for 10s · ok')).toBe('\u001B[1;5H10s · ok');
		expect(lineUpdate(1, 'checked 10s ago', 'checked 9s ago')).toBe('\u001B[1;9H9s ago\u001B[K');
	});

	it('counts columns in cells: a wide character before the change takes two', () => {
		expect(lineUpdate(3, '撮影 A-cam 7s', '撮影 A-cam 8s')).toBe('\u001B[3;12H8');
	});

	it('redraws a whole line that has a grapheme terminals may count differently (an emoji with U+FE0F)', () => {
		// String-width counts ✔️ as two cells, tmux draws it in one: a change placed by column would land
		// one cell off, so the line is written from its first column and what is left erased.
		expect(lineUpdate(4, 'Cam-✔️  paused · 1s ago', 'Cam-✔️  paused · 2s ago')).toBe('\u001B[4;1HCam-✔️  paused · 2s ago\u001B[K');
		expect(lineUpdate(4, 'Cam-✔️  paused · 1s ago', 'Cam-A  paused · 2s ago')).toBe('\u001B[4;1HCam-A  paused · 2s ago\u001B[K');
		// One code point, however wide, is certain: 撮, and ✔ without the selector.
		expect(lineUpdate(4, 'Cam-✔  paused · 1s ago', 'Cam-✔  paused · 2s ago')).toBe('\u001B[4;17H2');
	});

	it('keeps the terminal showing exactly the newest frame, through changes of every kind', () => {
		const frames = [
			['c2c-status  http://127.0.0.1', `${green('✔')}  Connected: yes  for 1s`, bold('── Health ──────'), 'line four', 'five'],
			['c2c-status  http://127.0.0.1', `${green('✔')}  Connected: yes  for 2s`, bold('── Health ──────'), 'line four', 'five'],
			['c2c-status  http://127.0.0.1', '✖  Connected: no  for 0s', bold('── Health · down ─'), '撮影 is wide', 'five'],
			['c2c-status  http://127.0.0.1', '✖  Connected: no  for 10s', bold('── Health · down ─')],
			['a new layout', 'after a resize', '', 'with a gap'],
		];
		const {terminal} = play(frames);
		expect(terminal.lines().slice(0, 4)).toEqual(plain(frames.at(-1)!));
		expect(terminal.lines().slice(4).every(line => line === '')).toBe(true);
	});

	it('draws a first frame whole, row by row, and erases everything below it', () => {
		const terminal = new VirtualTerminal(20, 6);
		// What was on the terminal before: every row full, then a shorter line at the top.
		terminal.write(Array.from({length: 6}, (_, row) => `\u001B[${row + 1};1H${'x'.repeat(20)}`).join(''));
		terminal.write('\u001B[1;1Hjunk\u001B[K');
		expect(terminal.lines()).toEqual(['junk', ...Array.from({length: 5}, () => 'x'.repeat(20))]);
		terminal.write(frameUpdate(undefined, ['one', 'two']));
		expect(terminal.lines()).toEqual(['one', 'two', '', '', '', '']);
	});

	it('costs a few bytes a second for an idle view whose countdowns tick', () => {
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
		expect(terminal.lines().slice(0, 6)).toEqual(plain(frames.at(-1)!));
		const perSecond = bytes.slice(1).reduce((sum, count) => sum + count, 0) / 59;
		expect(perSecond).toBeLessThan(150);
	});

	it('fits a frame to the terminal: no more rows than it has, no line wider', () => {
		expect(fitFrame(['abcdef', green('ghijkl'), 'x'], {columns: 4, rows: 2})).toEqual(['abcd', '\u001B[32mghij\u001B[0m']);
		expect(fitFrame(['ab撮影'], {columns: 3, rows: 5})).toEqual(['ab']);
	});
});
