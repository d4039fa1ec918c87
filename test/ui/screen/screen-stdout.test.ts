import {EventEmitter} from 'node:events';
import process from 'node:process';
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
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

function terminalOf(stream: ReturnType<typeof terminalStream>) {
	const terminal = new VirtualTerminal(stream.columns, stream.rows);
	// A terminal starts with autowrap on; the writer turns it off.
	terminal.write('\u001B[?7h');
	terminal.write(stream.written.join(''));
	return terminal;
}

async function screenOf(stream: ReturnType<typeof terminalStream>) {
	return terminalOf(stream).lines();
}

const beginUpdate = '\u001B[?2026h';
const endUpdate = '\u001B[?2026l';

describe('the live view\'s terminal stream', () => {
	it('hides the cursor and turns autowrap off for the view, and puts both back below the frame on close', async () => {
		const stream = terminalStream(40, 10);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		screen.stdout.write('one\ntwo');
		// eslint-disable-next-line no-control-regex -- the sequences it starts with
		expect(stream.written[0]).toMatch(/^\u001B\[\?2026h\u001B\[\?25l\u001B\[\?7l\u001B\[2J/);
		const terminal = terminalOf(stream);
		expect(await terminal.modes()).toEqual({autowrap: false, synchronizedOutput: false, cursorVisible: false});
		screen.close();
		expect(stream.written.at(-1)).toBe('\u001B[3;1H\u001B[?7h\u001B[?25h');
		expect((await screenOf(stream)).slice(0, 3)).toEqual(['one', 'two', '']);
		const closed = terminalOf(stream);
		expect(await closed.cursor()).toEqual({row: 3, column: 1});
		expect(await closed.modes()).toEqual({autowrap: true, synchronizedOutput: false, cursorVisible: true});
	});

	it('keeps the last frame on screen once closed: the empty frame Ink writes as it unmounts is dropped', async () => {
		const stream = terminalStream(40, 10);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		screen.stdout.write('State stopped\nLast close 1000 by client');
		screen.close();
		const writes = stream.written.length;
		screen.stdout.write('');
		screen.close();
		screen.repaint();
		expect(stream.written).toHaveLength(writes);
		expect((await screenOf(stream)).slice(0, 3)).toEqual(['State stopped', 'Last close 1000 by client', '']);
	});

	it('writes only what changed between frames, and nothing for a frame that did not', async () => {
		const stream = terminalStream(40, 10);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		screen.stdout.write('Paused: no  for 7s\nConnected: yes');
		screen.stdout.write('Paused: no  for 8s\nConnected: yes');
		expect(stream.written.at(-1)).toBe(`${beginUpdate}\u001B[1;17H8${endUpdate}`);
		const writes = stream.written.length;
		screen.stdout.write('Paused: no  for 8s\nConnected: yes');
		expect(stream.written).toHaveLength(writes);
		expect((await screenOf(stream)).slice(0, 2)).toEqual(['Paused: no  for 8s', 'Connected: yes']);
		screen.close();
	});

	it('wraps every update in synchronized output, each in one write, so no terminal shows half a frame', async () => {
		const stream = terminalStream(40, 10);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		for (let second = 0; second < 5; second++) {
			screen.stdout.write(`Paused: no  for ${second}s\n${'─'.repeat(second)} Health`);
		}

		stream.emit('resize');
		screen.stdout.write('after a resize');
		screen.repaint();
		expect(stream.written).toHaveLength(7);
		for (const update of stream.written) {
			expect(update.startsWith(beginUpdate) && update.endsWith(endUpdate)).toBe(true);
			expect(update.slice(beginUpdate.length, -endUpdate.length)).not.toContain('\u001B[?2026');
		}

		expect((await terminalOf(stream).modes()).synchronizedOutput).toBe(false);
		screen.close();
	});

	it('repaints the whole frame on Ctrl+L: what another program wrote on the terminal is gone', async () => {
		const stream = terminalStream(40, 6);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		screen.stdout.write('c2c-status\n▶  Paused: no  for 7s\n── Health ──');
		// A `wall` message, written by another program wherever the cursor was, scrolling the screen,
		// and a `reset` that turned autowrap back on and showed the cursor.
		stream.written.push('\r\nBroadcast message from root@box:\r\n\r\nThe system is going down for reboot NOW!\r\n\u001B[?7h\u001B[?25h');
		expect(await screenOf(stream)).not.toEqual(['c2c-status', '▶  Paused: no  for 7s', '── Health ──', '', '', '']);
		screen.repaint();
		const terminal = terminalOf(stream);
		expect(await terminal.lines()).toEqual(['c2c-status', '▶  Paused: no  for 7s', '── Health ──', '', '', '']);
		expect(await terminal.modes()).toEqual({autowrap: false, synchronizedOutput: false, cursorVisible: false});
		// And the next frame is a change from the repainted one (from ▶, whose width is uncertain).
		screen.stdout.write('c2c-status\n▶  Paused: no  for 8s\n── Health ──');
		expect(stream.written.at(-1)).toBe(`${beginUpdate}\u001B[2;1H▶  Paused: no  for 8${endUpdate}`);
		expect((await screenOf(stream)).slice(0, 3)).toEqual(['c2c-status', '▶  Paused: no  for 8s', '── Health ──']);
		screen.close();
	});

	it('leaves the cursor below the frame, shown, with autowrap on, before an uncaught exception is printed', async () => {
		const stream = terminalStream(40, 10);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		screen.stdout.write('one\ntwo\nthree');
		screen.stdout.write('one\n2\nthree');
		(process as EventEmitter).emit('uncaughtExceptionMonitor', new Error('a crash'), 'uncaughtException');
		const terminal = terminalOf(stream);
		expect(await terminal.cursor()).toEqual({row: 4, column: 1});
		expect(await terminal.modes()).toEqual({autowrap: true, synchronizedOutput: false, cursorVisible: true});
		// The frame stays; nothing more is drawn over what the crash prints.
		const writes = stream.written.length;
		screen.stdout.write('one\ntwo');
		expect(stream.written).toHaveLength(writes);
		expect((await screenOf(stream)).slice(0, 3)).toEqual(['one', '2', 'three']);
		screen.close();
		expect(stream.written).toHaveLength(writes);
	});

	it('does the same in a process that crashes: the last write before the error is the cursor below the frame', async () => {
		const script = [
			`import {screenStdout} from ${JSON.stringify(fileURLToPath(new URL('../../../source/ui/screen/screen-stdout.ts', import.meta.url)))};`,
			'const screen = screenStdout(process.stdout);',
			String.raw`screen.stdout.write("line one\nline two");`,
			'setTimeout(() => { throw new Error("crash in a timer"); }, 10);',
		].join('\n');
		let failed: {stdout: string; stderr: string; code: number} | undefined;
		try {
			await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
		} catch (error) {
			failed = error as typeof failed;
		}

		expect(failed?.code).toBe(1);
		expect(failed?.stderr).toContain('crash in a timer');
		expect(failed?.stdout.endsWith('\u001B[3;1H\u001B[?7h\u001B[?25h')).toBe(true);
	});

	it('draws the frame whole after a resize, cut to the new width, and never on the last row', async () => {
		const stream = terminalStream(30, 6);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream);
		screen.stdout.write(Array.from({length: 8}, (_, row) => `row ${row} ${'x'.repeat(30)}`).join('\n'));
		expect(await screenOf(stream)).toEqual([...Array.from({length: 5}, (_, row) => `row ${row} ${'x'.repeat(24)}`), '']);
		stream.columns = 12;
		stream.emit('resize');
		screen.stdout.write('short\nframe');
		const terminal = new VirtualTerminal(12, 6);
		terminal.write(stream.written.at(-1)!);
		expect(await terminal.lines()).toEqual(['short', 'frame', '', '', '', '']);
		screen.close();
	});

	it('passes each frame through the transform first (--ascii)', async () => {
		const stream = terminalStream(20, 4);
		const screen = screenStdout(stream as unknown as NodeJS.WriteStream, asciiOnly);
		screen.stdout.write('✔ ok · 撮影');
		expect((await screenOf(stream))[0]).toBe('? ok ? ????');
		screen.close();
	});
});
