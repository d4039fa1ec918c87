import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {asciiOnly} from '../../../source/ui/screen/ascii-stdout.js';
import {screenStdout} from '../../../source/ui/screen/screen-stdout.js';
import {VirtualTerminal} from '../../helpers/virtual-terminal.js';

/** A terminal stream: its size, its resize event, and what is written to it, drawn on a virtual screen. */
function terminalStream(columns: number, rows: number) {
	// An EventEmitter, as a terminal stream is (Ink and the screen subscribe to its 'resize').
	// eslint-disable-next-line unicorn/prefer-event-target
	const stream = Object.assign(new EventEmitter(), {
		columns, rows, isTTY: true, writable: true, written: [] as string[],
		write(text: string) {
			stream.written.push(text);
			return true;
		},
	});
	return stream;
}

function screenOf(stream: ReturnType<typeof terminalStream>) {
	const terminal = new VirtualTerminal(stream.columns, stream.rows);
	terminal.write(stream.written.join(''));
	return terminal.lines();
}

describe('the live view\'s terminal stream', () => {
	it('hides the cursor and turns autowrap off for the view, and puts both back below the frame on close', () => {
		const stream = terminalStream(40, 10);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		screen.stdout.write('one\ntwo');
		// eslint-disable-next-line no-control-regex -- the sequences it starts with
		expect(stream.written[0]).toMatch(/^\u001B\[\?25l\u001B\[\?7l\u001B\[2J/);
		screen.close();
		expect(stream.written.at(-1)).toBe('\u001B[3;1H\u001B[?7h\u001B[?25h');
		expect(screenOf(stream).slice(0, 3)).toEqual(['one', 'two', '']);
	});

	it('keeps the last frame on screen once closed: the empty frame Ink writes as it unmounts is dropped', () => {
		const stream = terminalStream(40, 10);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		screen.stdout.write('State stopped\nLast close 1000 by client');
		screen.close();
		const writes = stream.written.length;
		screen.stdout.write('');
		screen.close();
		expect(stream.written).toHaveLength(writes);
		expect(screenOf(stream).slice(0, 3)).toEqual(['State stopped', 'Last close 1000 by client', '']);
	});

	it('writes only what changed between frames, and nothing for a frame that did not', () => {
		const stream = terminalStream(40, 10);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		screen.stdout.write('Paused: no  for 7s\nConnected: yes');
		screen.stdout.write('Paused: no  for 8s\nConnected: yes');
		expect(stream.written.at(-1)).toBe('\u001B[1;17H8');
		const writes = stream.written.length;
		screen.stdout.write('Paused: no  for 8s\nConnected: yes');
		expect(stream.written).toHaveLength(writes);
		screen.close();
	});

	it('draws the frame whole after a resize, cut to the new width, and never on the last row', () => {
		const stream = terminalStream(30, 6);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		screen.stdout.write(Array.from({length: 8}, (_, row) => `row ${row} ${'x'.repeat(30)}`).join('\n'));
		expect(screenOf(stream)).toEqual([...Array.from({length: 5}, (_, row) => `row ${row} ${'x'.repeat(24)}`), '']);
		stream.columns = 12;
		stream.emit('resize');
		screen.stdout.write('short\nframe');
		const terminal = new VirtualTerminal(12, 6);
		terminal.write(stream.written.at(-1)!);
		expect(terminal.lines()).toEqual(['short', 'frame', '', '', '', '']);
		screen.close();
	});

	it('passes each frame through the transform first (--ascii)', () => {
		const stream = terminalStream(20, 4);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream, asciiOnly);
		screen.stdout.write('✔ ok · 撮影');
		expect(screenOf(stream)[0]).toBe('? ok ? ????');
		screen.close();
	});
});
