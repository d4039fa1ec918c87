import {Box} from 'ink';
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import ThemeContext from '../../source/ui/shared/ThemeContext.js';
import {createTheme} from '../../source/ui/shared/theme.js';

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

export type Rendered = ReturnType<typeof render> & {
	/** Resolves with the first frame (the current one included) for which the predicate holds. */
	waitForFrame(predicate: (frame: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	/** Writes keys to stdin, one chunk each, letting the app handle each before the next. */
	press(...sequence: string[]): Promise<void>;
	resize(columns: number, rows: number): void;
	frame(): string;
	/** Draws a new tree (new props) under the same theme. */
	rerender(tree: ReactElement): void;
};

/**
Ink-testing-library's render with a terminal size (its stdout has a fixed 100 columns and no rows),
a theme, and waits that listen for frames instead of sleeping.
*/
export function renderInk(tree: ReactElement, options: {columns?: number; rows?: number; color?: boolean; ascii?: boolean} = {}): Rendered {
	const theme = createTheme({color: options.color ?? false, ascii: options.ascii ?? false});
	const themed = (element: ReactElement) => <ThemeContext.Provider value={theme}>{element}</ThemeContext.Provider>;
	// Nothing is drawn until the terminal has the test's size: the tree is mounted once it has, so its first
	// frame is already laid out for that size (Ink redraws on a resize before the tree has read the new size).
	const result = render(<Box/>);
	const stdout = result.stdout as unknown as NodeJS.EventEmitter & {write: (frame: string) => void; columns: number; rows: number};
	const listeners = new Set<() => void>();
	const {write} = stdout;
	// Frames drawn before the test's terminal size was set do not count.
	let sized = false;
	let latest = '';
	stdout.write = (frame: string) => {
		write(frame);
		if (!sized) {
			return;
		}

		latest = frame;
		for (const listener of listeners) {
			listener();
		}
	};

	const size = {columns: options.columns ?? 100, rows: options.rows ?? 30};
	Object.defineProperty(stdout, 'columns', {get: () => size.columns, configurable: true});
	Object.defineProperty(stdout, 'rows', {get: () => size.rows, configurable: true});
	const rendered: Rendered = {
		...result,
		frame: () => latest,
		rerender(element) {
			result.rerender(themed(element));
		},
		resize(columns, rows) {
			size.columns = columns;
			size.rows = rows;
			sized = true;
			stdout.emit('resize');
		},
		async waitForFrame(predicate, what, timeoutMs = 3000) {
			if (latest !== '' && predicate(latest)) {
				return latest;
			}

			return new Promise<string>((resolve, reject) => {
				const timer = setTimeout(() => {
					listeners.delete(check);
					reject(new Error(`timed out waiting for ${what}; last frame:\n${latest}`));
				}, timeoutMs);
				const check = () => {
					if (predicate(latest)) {
						clearTimeout(timer);
						listeners.delete(check);
						resolve(latest);
					}
				};

				listeners.add(check);
			});
		},
		async press(...sequence) {
			for (const chunk of sequence) {
				// Let effects (useInput's listener among them) attach and the last key's render land.

				await new Promise(resolve => {
					setImmediate(resolve);
				});
				result.stdin.write(chunk);
			}

			await new Promise(resolve => {
				setImmediate(resolve);
			});
		},
	};
	sized = true;
	result.rerender(themed(tree));
	return rendered;
}

export {cleanup} from 'ink-testing-library';
