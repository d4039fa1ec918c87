import process from 'node:process';
import {fitFrame, frameUpdate} from './screen-diff.js';

export type Screen = {
	/** The stream to give Ink (in debug mode, so that each write is one whole frame). */
	readonly stdout: NodeJS.WriteStream;
	/**
	Draws the frame on screen again, whole, on a cleared screen (Ctrl+L): whatever another program wrote
	on the terminal meanwhile (a `wall` message, a stray warning) is gone.
	*/
	repaint(): void;
	/**
	Leaves the frame on screen as it is (frames written later, such as the empty one Ink writes as it
	unmounts, are dropped), and the cursor below it, visible again, with autowrap back on. Also done as
	the process exits, and before an uncaught exception is printed, so that a crash's message starts
	below the frame.
	*/
	close(): void;
};

const hideCursor = '\u001B[?25l';
const showCursor = '\u001B[?25h';
const clearScreen = '\u001B[2J';
// No automatic wrap at the right margin: a line too long (for a moment, during a resize) is cut, never wrapped.
const noWrap = '\u001B[?7l';
const wrap = '\u001B[?7h';
/**
Synchronized output (DEC mode 2026): a terminal that supports it shows nothing of an update until its
end, so a frame never appears half drawn; one that does not ignores both sequences.
*/
const beginUpdate = '\u001B[?2026h';
const endUpdate = '\u001B[?2026l';

/**
The terminal as the live view draws on it: each frame Ink renders is compared with the one on screen,
and only what changed is written (the cells between the first and the last that differ, in each line
that changed), with the cursor placed by row and column. An idle view whose countdowns tick writes a
few dozen bytes a second instead of the whole screen. The frame is drawn from the top-left corner;
after a resize it is drawn whole again. Each update is one write, wrapped in synchronized output.
`transform` changes each frame first (--ascii).
*/
export function screenStdout(stream: NodeJS.WriteStream, transform: (frame: string) => string = frame => frame): Screen {
	let onScreen: string[] | undefined;
	/** The last frame as Ink wrote it, before fitting: a line that has not changed is not fitted again. */
	let lastRaw: string[] = [];
	let lastFitted: string[] = [];
	let lastSize = '';
	let started = false;
	let closed = false;
	const resized = () => {
		onScreen = undefined;
	};

	// Before Ink's own listener (it renders again on resize): the next frame is then drawn whole.
	stream.on('resize', resized);
	const show = (update: string) => update === '' || stream.write(beginUpdate + update + endUpdate);
	const close = () => {
		if (closed) {
			return;
		}

		closed = true;
		stream.off('resize', resized);
		process.off('exit', close);
		process.off('uncaughtExceptionMonitor', close);
		if (started && stream.writable) {
			stream.write(`\u001B[${(onScreen ?? lastFitted).length + 1};1H${wrap}${showCursor}`);
		}
	};

	const write = (chunk: unknown, ...rest: unknown[]): boolean => {
		if (typeof chunk !== 'string') {
			return (stream.write as (...args: unknown[]) => boolean)(chunk, ...rest);
		}

		if (closed) {
			return true;
		}

		// The last row stays free: a write there could scroll the screen in some terminals.
		const size = {columns: stream.columns || 80, rows: Math.max(1, (stream.rows || 24) - 1)};
		const sizeKey = `${size.columns}x${size.rows}`;
		const raw = transform(chunk).split('\n');
		const lines = sizeKey === lastSize
			? raw.slice(0, size.rows).map((line, index) => (line === lastRaw[index] ? lastFitted[index]! : fitFrame([line], size)[0]!))
			: fitFrame(raw, size);
		lastRaw = raw;
		lastFitted = lines;
		lastSize = sizeKey;
		let update = frameUpdate(onScreen, lines);
		if (!started) {
			started = true;
			process.once('exit', close);
			process.once('uncaughtExceptionMonitor', close);
			update = hideCursor + noWrap + clearScreen + update;
		}

		onScreen = lines;
		return show(update);
	};

	const stdout = new Proxy(stream, {
		get(target, property) {
			if (property === 'write') {
				return write;
			}

			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
	return {
		stdout,
		repaint() {
			// After a resize the next frame is drawn whole anyway, at the new size.
			if (closed || onScreen === undefined) {
				return;
			}

			// The modes too: the other program may have reset the terminal.
			show(hideCursor + noWrap + clearScreen + frameUpdate(undefined, onScreen));
		},
		close,
	};
}
