import {type Buffer} from 'node:buffer';
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {atExit, killPid, pollUntil} from './processes.js';

/*
A tmux server of the benchmark's own (its socket in the workspace, no config file, no status line so
a 120x40 session is a 120x40 pane), driven through one control-mode client (`tmux -C`, output
notifications off): capturing the screen costs a line on a pipe and the server's work, not a new
tmux process every poll.
*/

type Pending = {readonly resolve: (output: string) => void; readonly reject: (error: Error) => void; readonly command: string};

/** A word for tmux's command parser: single-quoted, nothing inside is special. */
function tmuxQuote(word: string): string {
	if (word.includes('\n')) {
		throw new Error(`a tmux command cannot hold a newline: ${JSON.stringify(word)}`);
	}

	return `'${word.replaceAll('\'', String.raw`'\''`)}'`;
}

/** A word for /bin/sh. */
export function shellQuote(word: string): string {
	return `'${word.replaceAll('\'', String.raw`'\''`)}'`;
}

export class TmuxServer {
	/** Starts the server with a placeholder session for the control client to attach to. */
	static async start(directory: string, env: Record<string, string>): Promise<TmuxServer> {
		const socket = join(directory, 'tmux.sock');
		const base = ['-S', socket, '-f', '/dev/null'];
		execFileSync('tmux', [...base,
			'new-session',
			'-d',
			'-s',
			'bench-control',
			'-x',
			'120',
			'-y',
			'40',
			'sleep 86400',
			';',
			'set-option',
			'-g',
			'status',
			'off',
			';',
			'set-option',
			'-g',
			'remain-on-exit',
			'on',
			';',
			'set-option',
			'-g',
			'history-limit',
			'2000'], {env, stdio: 'ignore'});
		const serverPid = Number(execFileSync('tmux', [...base, 'display-message', '-p', '#{pid}'], {env, encoding: 'utf8'}).trim());
		atExit(() => {
			try {
				execFileSync('tmux', [...base, 'kill-server'], {env, stdio: 'ignore', timeout: 5000});
			} catch {
				// Not running any more.
			}

			killPid(serverPid);
		});
		const control = spawn('tmux', [...base, '-C', 'attach-session', '-t', 'bench-control', '-f', 'no-output,ignore-size'], {env, stdio: ['pipe', 'pipe', 'pipe']});
		const server = new TmuxServer(directory, control);
		// The first answer proves the client is attached.
		await server.command('display-message', '-p', 'ready');
		return server;
	}

	readonly #directory: string;
	readonly #control: ChildProcess;
	readonly #pending: Pending[] = [];
	#buffer = '';
	#block: {id: string; lines: string[]; ours: boolean} | undefined;
	#closed = false;
	#sessions = 0;

	private constructor(directory: string, control: ChildProcess) {
		this.#directory = directory;
		this.#control = control;
		control.stdout!.on('data', (chunk: Buffer) => {
			this.#read(chunk.toString());
		});
		control.stderr!.on('data', () => undefined);
		control.on('exit', () => {
			this.#closed = true;
			for (const pending of this.#pending.splice(0)) {
				pending.reject(new Error(`the tmux control client exited before answering ${pending.command}`));
			}
		});
	}

	/** Runs one tmux command; resolves with its output, rejects with tmux's error. */
	async command(...args: string[]): Promise<string> {
		if (this.#closed) {
			throw new Error('the tmux control client is gone');
		}

		const command = args.map(arg => tmuxQuote(arg)).join(' ');
		return new Promise<string>((resolve, reject) => {
			this.#pending.push({resolve, reject, command});
			this.#control.stdin!.write(`${command}\n`);
		});
	}

	/**
	A new session of `columns` x `rows` running `argv` with exactly `env` (through a script that
	`exec`s it, so the pane's process is the program itself). `pipeTo`: a file that receives every
	byte the program writes to its terminal (tmux pipe-pane).
	*/
	async session(argv: readonly string[], options: {columns: number; rows: number; env: Record<string, string>; pipeTo?: string; label: string}): Promise<Pane> {
		const name = `${options.label}-${++this.#sessions}`;
		const script = join(this.#directory, `${name}.sh`);
		const environment = Object.entries({TERM: 'xterm-256color', ...options.env}).map(([key, value]) => `${key}=${shellQuote(value)}`).join(' ');
		writeFileSync(script, `exec env -i ${environment} ${argv.map(part => shellQuote(part)).join(' ')}\n`);
		const startedAt = performance.now();
		await this.command('new-session', '-d', '-s', name, '-x', String(options.columns), '-y', String(options.rows), `exec /bin/sh ${script}`);
		const [pid, size] = (await this.command('display-message', '-p', '-t', name, '#{pane_pid} #{pane_width}x#{pane_height}')).trim().split(' ');
		if (size !== `${options.columns}x${options.rows}`) {
			throw new Error(`tmux made a ${size} pane, not ${options.columns}x${options.rows}`);
		}

		if (options.pipeTo !== undefined) {
			await this.command('pipe-pane', '-t', name, `cat >> "${options.pipeTo}"`);
		}

		return new Pane(this, name, Number(pid), startedAt);
	}

	/** Kills the control client (the server is killed at exit, see start). */
	close(): void {
		this.#control.stdin!.end();
		this.#control.kill();
	}

	#read(text: string): void {
		this.#buffer += text;
		const lines = this.#buffer.split('\n');
		this.#buffer = lines.pop() ?? '';
		for (const line of lines) {
			this.#line(line);
		}
	}

	/** `%begin time number flags` … `%end|%error time number flags`; flags 1: a command of this client. */
	#line(line: string): void {
		const block = this.#block;
		if (block) {
			const [marker, , id] = line.split(' ');
			if ((marker === '%end' || marker === '%error') && id === block.id) {
				this.#block = undefined;
				if (block.ours) {
					const pending = this.#pending.shift();
					const output = block.lines.join('\n');
					if (marker === '%end') {
						pending?.resolve(output);
					} else {
						pending?.reject(new Error(`tmux ${pending.command}: ${output}`));
					}
				}

				return;
			}

			block.lines.push(line);
			return;
		}

		if (line.startsWith('%begin ')) {
			const parts = line.split(' ');
			this.#block = {id: parts[2] ?? '', lines: [], ours: Number(parts[3]) % 2 === 1};
		}
		// Notifications (%session-changed, %exit …) are not answers.
	}
}

export type Seen = {readonly screen: string; readonly at: number};

export class Pane {
	constructor(readonly server: TmuxServer, readonly name: string, readonly pid: number, readonly startedAt: number) {}

	/** The screen as text, wrapped lines joined. */
	async capture(): Promise<string> {
		return this.server.command('capture-pane', '-p', '-J', '-t', this.name);
	}

	/**
	Polls the screen every `intervalMs` until `predicate` holds; `at` is when that capture's answer
	arrived (performance.now()), so it is late by at most one interval plus one capture.
	*/
	async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs: number, intervalMs = 20): Promise<Seen> {
		let last = '';
		const {value, at} = await pollUntil(async () => {
			last = await this.capture();
			return predicate(last) ? last : undefined;
		}, {what: `${what} in tmux pane ${this.name}`, timeoutMs, intervalMs, detail: () => `the screen:\n${last}`});
		return {screen: value, at};
	}

	/** Keys as tmux names them (`?`, `q`, `Enter`); resolves once tmux has written them to the program. */
	async keys(...keys: string[]): Promise<void> {
		await this.server.command('send-keys', '-t', this.name, ...keys);
	}

	/** Kills the session (its program gets SIGHUP) and the program itself if it lingers. */
	async close(): Promise<void> {
		try {
			await this.server.command('kill-session', '-t', this.name);
		} catch {
			// Already gone.
		}

		killPid(this.pid);
	}
}
