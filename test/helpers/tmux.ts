import process from 'node:process';
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {appendFile, mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);
// A server of our own, its socket in a folder of our own (removed by killServer), so tests never
// touch a person's tmux and leave nothing behind in /tmp.
const socketDirectory = mkdtempSync(join(tmpdir(), 'c2c-status-tmux-server-'));
const socket = join(socketDirectory, 'socket');

async function tmux(...args: string[]): Promise<string> {
	const {stdout} = await run('tmux', ['-S', socket, '-f', '/dev/null', ...args]);
	return stdout;
}

const quote = (value: string) => `'${value.replaceAll('\'', String.raw`'\''`)}'`;

/**
A real terminal: tmux runs a command in a detached session of a given size (with the environment of
a person's shell: no CI, no colour settings of the test run), and the test reads the
screen with capture-pane and types with send-keys, as a person would.
*/
export class TmuxSession {
	/** Starts `command` (argv) with `env`; CI is unset as on a person's machine. */
	static async start(command: readonly string[], options: {columns: number; rows: number; env?: Record<string, string>}): Promise<TmuxSession> {
		const directory = await mkdtemp(join(tmpdir(), 'c2c-status-tmux-'));
		const name = `s${process.pid}-${++TmuxSession.#count}`;
		const env = Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${quote(value)}`).join(' ');
		const script = `env -u CI -u CONTINUOUS_INTEGRATION -u FORCE_COLOR -u NO_COLOR TERM=xterm-256color ${env} ${command.map(part => quote(part)).join(' ')}; `
			+ `echo $? > ${quote(join(directory, 'exit'))}; sleep 600`;
		await tmux('new-session', '-d', '-s', name, '-x', String(options.columns), '-y', String(options.rows), script);
		return new TmuxSession(name, directory);
	}

	static async killServer(): Promise<void> {
		try {
			await tmux('kill-server');
		} catch {
			// No server running: nothing to kill.
		}

		await rm(socketDirectory, {recursive: true, force: true});
	}

	static #count = 0;

	private constructor(readonly name: string, readonly directory: string) {}

	/** The screen as text (`escapes`: with colour and style sequences). */
	async capture(escapes = false): Promise<string> {
		return tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', this.name);
	}

	/** Whether the program rang the terminal's bell: tmux flags the window, as its status line shows a person. */
	async rangBell(): Promise<boolean> {
		return (await tmux('display-message', '-p', '-t', this.name, '#{window_bell_flag}')).trim() === '1';
	}

	/** Polls the screen until the predicate holds; the error shows the last screen. */
	async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		while (Date.now() < deadline) {
			screen = await this.capture();
			if (predicate(screen)) {
				return screen;
			}

			await new Promise(resolve => {
				setTimeout(resolve, 50);
			});
		}

		throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${screen}`);
	}

	async keys(...keys: string[]): Promise<void> {
		for (const key of keys) {
			await tmux('send-keys', '-t', this.name, key);
		}
	}

	/** Several keys in one send-keys: they reach the program together, in one read, as key repeat or a paste would. */
	async keysAtOnce(...keys: string[]): Promise<void> {
		await tmux('send-keys', '-t', this.name, ...keys);
	}

	/**
	Writes to the pane's terminal from outside the program, as `wall` or another program writing to the
	same tty does: the text lands wherever the cursor is, over the program's screen.
	*/
	async writeToTerminal(text: string): Promise<void> {
		const tty = (await tmux('display-message', '-p', '-t', this.name, '#{pane_tty}')).trim();
		await appendFile(tty, text);
	}

	async resize(columns: number, rows: number): Promise<void> {
		await tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
	}

	/** The command's exit status, once it has exited. */
	async exitCode(timeoutMs = 10_000): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			try {
				return Number((await readFile(join(this.directory, 'exit'), 'utf8')).trim());
			} catch {
				await new Promise(resolve => {
					setTimeout(resolve, 50);
				});
			}
		}

		throw new Error(`the command did not exit within ${timeoutMs} ms; screen:\n${await this.capture()}`);
	}

	async close(): Promise<void> {
		try {
			await tmux('kill-session', '-t', this.name);
		} catch {
			// The session is already gone.
		}

		await rm(this.directory, {recursive: true, force: true});
	}
}
