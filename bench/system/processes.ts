import {type Buffer} from 'node:buffer';
import process from 'node:process';
import {spawn, type ChildProcess, type StdioOptions} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {alive} from './proc.js';

/*
Every process a benchmark starts, and every folder it makes, is registered here and goes when the
benchmark ends: on success, on failure, on exit, on Ctrl+C (SIGINT), SIGTERM or SIGHUP. Children
run in process groups of their own, so a group is killed whole.
*/

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** This tree's build. */
export const treeCliPath = join(repoRoot, 'dist', 'cli.js');

/**
What is started: `emulator`, this tree's build (for its flood control); `monitor`, the same or
another tree's with BENCH_CLI=/path/to/dist/cli.js (to compare two trees). `snapshotBuild` points
both at a copy made when the benchmark starts.
*/
export const build = {
	emulator: treeCliPath,
	monitor: process.env.BENCH_CLI ?? treeCliPath,
};

/**
Copies this tree's dist/ (and package.json, with node_modules linked) into the workspace and runs
everything from the copy: a `npm run build` in the tree meanwhile (`npm test` runs one) cannot change
what is measured halfway through.
*/
export function snapshotBuild(root: string): void {
	const copy = join(root, 'build');
	mkdirSync(copy, {recursive: true});
	cpSync(join(repoRoot, 'dist'), join(copy, 'dist'), {recursive: true});
	cpSync(join(repoRoot, 'package.json'), join(copy, 'package.json'));
	symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
	const cli = join(copy, 'dist', 'cli.js');
	if (build.monitor === treeCliPath) {
		build.monitor = cli;
	}

	build.emulator = cli;
}

export const nodePath = process.execPath;

const groups = new Set<number>();
const lastRites: Array<() => void> = [];
let cleaned = false;

/** Kills every tracked process group and runs every synchronous cleanup (once). */
export function cleanupSync(): void {
	if (cleaned) {
		return;
	}

	cleaned = true;
	for (const pid of groups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}

	groups.clear();
	for (const rite of lastRites.splice(0).reverse()) {
		try {
			rite();
		} catch {
			// Best effort: the others still run.
		}
	}
}

/** Runs at exit (and on a signal), after the processes are killed; last registered, first run. */
export function atExit(rite: () => void): void {
	lastRites.push(rite);
}

let installed = false;
/** Cleans up on exit and on SIGINT/SIGTERM/SIGHUP (then exits with 128 + the signal's number). */
export function installCleanup(): void {
	if (installed) {
		return;
	}

	installed = true;
	process.on('exit', cleanupSync);
	for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
		process.on(signal, () => {
			process.stderr.write(`\nbench: ${signal}: stopping every process it started and removing its folders\n`);
			cleanupSync();
			process.exit(128 + number);
		});
	}
}

/** One temporary folder for the whole benchmark run, removed at exit. */
export function workspace(): string {
	const directory = mkdtempSync(join(tmpdir(), 'c2c-bench-'));
	atExit(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	return directory;
}

let folderCount = 0;
/** A fresh folder inside the workspace. */
export function freshFolder(root: string, name: string): string {
	const directory = join(root, `${String(++folderCount).padStart(3, '0')}-${name}`);
	mkdirSync(directory, {recursive: true});
	return directory;
}

/**
The environment of a person's shell, made from nothing: no CI, no colour settings, no NODE_OPTIONS
of the benchmark's own, and HOME and the XDG folders in `home` (never the person's files).
*/
export function cleanEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
	mkdirSync(join(home, 'config'), {recursive: true});
	mkdirSync(join(home, 'state'), {recursive: true});
	return {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		HOME: home,
		LANG: 'C.UTF-8',
		XDG_CONFIG_HOME: join(home, 'config'),
		XDG_STATE_HOME: join(home, 'state'),
		...extra,
	};
}

export type Line = {readonly text: string; readonly at: number};

export type Tracked = {
	readonly child: ChildProcess;
	readonly pid: number;
	readonly exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
	/** Stdout and stderr so far (when piped), for error messages. */
	output(): string;
	/** The first stdout line (already seen or to come) that matches, with when it arrived (performance.now()). */
	waitForLine(predicate: (text: string) => boolean, what: string, timeoutMs: number): Promise<Line>;
	/** SIGTERM to the group, then SIGKILL after `graceMs`; resolves once it has exited. */
	stop(graceMs?: number): Promise<void>;
};

/** Starts a process in a group of its own, tracked for cleanup. `stdio` defaults to piped stdout and stderr. */
export function spawnTracked(command: string, args: readonly string[], options: {env: Record<string, string>; stdio?: StdioOptions; cwd?: string}): Tracked {
	const child = spawn(command, args, {env: options.env, cwd: options.cwd ?? repoRoot, detached: true, stdio: options.stdio ?? ['ignore', 'pipe', 'pipe']});
	const {pid} = child;
	if (pid === undefined) {
		throw new Error(`could not start ${command}`);
	}

	groups.add(pid);
	let output = '';
	const lines: Line[] = [];
	const waiters: Array<{predicate: (text: string) => boolean; resolve: (line: Line) => void}> = [];
	let pending = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		const at = performance.now();
		const text = chunk.toString();
		output += text;
		pending += text;
		const complete = pending.split('\n');
		pending = complete.pop() ?? '';
		for (const textLine of complete) {
			const line = {text: textLine, at};
			lines.push(line);
			for (const waiter of waiters) {
				if (waiter.predicate(textLine)) {
					waiters.splice(waiters.indexOf(waiter), 1);
					waiter.resolve(line);
				}
			}
		}
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	let exitedAlready = false;
	const onExit: Array<() => void> = [];
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
		const done = (code: number | null, signal: NodeJS.Signals | null) => {
			if (exitedAlready) {
				return;
			}

			exitedAlready = true;
			groups.delete(pid);
			resolve({code, signal});
			for (const listener of onExit.splice(0)) {
				listener();
			}
		};

		child.on('exit', done);
		child.on('error', error => {
			output += `\n${error.message}`;
			done(null, null);
		});
	});
	const describe = () => `${command} ${args.join(' ')}`;
	return {
		child,
		pid,
		exited,
		output: () => output,
		async waitForLine(predicate, what, timeoutMs) {
			const seen = lines.find(line => predicate(line.text));
			if (seen) {
				return seen;
			}

			return new Promise<Line>((resolve, reject) => {
				const waiter = {
					predicate,
					resolve(line: Line) {
						clearTimeout(timer);
						resolve(line);
					},
				};
				const timer = setTimeout(() => {
					waiters.splice(waiters.indexOf(waiter), 1);
					reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} from ${describe()}; its output:\n${output.slice(-2000)}`));
				}, timeoutMs);
				waiters.push(waiter);
				const gone = () => {
					if (waiters.includes(waiter)) {
						waiters.splice(waiters.indexOf(waiter), 1);
						clearTimeout(timer);
						reject(new Error(`${describe()} exited while waiting for ${what}; its output:\n${output.slice(-2000)}`));
					}
				};

				if (exitedAlready) {
					gone();
				} else {
					onExit.push(gone);
				}
			});
		},
		async stop(graceMs = 3000) {
			if (exitedAlready) {
				return;
			}

			signalGroup(pid, 'SIGTERM');
			const killer = setTimeout(() => {
				signalGroup(pid, 'SIGKILL');
			}, graceMs);
			await exited;
			clearTimeout(killer);
			// Whatever it started in its group goes too.
			signalGroup(pid, 'SIGKILL');
		},
	};
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// Gone already.
	}
}

/** SIGKILL for a process that is not a tracked child (a tmux pane's), if it is still there. */
export function killPid(pid: number): void {
	if (alive(pid)) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Gone meanwhile.
		}
	}
}

/** Waits for `ms`: only for the deliberate steady-state windows and pacing between probes. */
export async function sleep(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

/** Polls `condition` every `intervalMs` until it returns a value (not undefined), or fails after `timeoutMs`. */
export type PollOptions = {
	readonly what: string;
	readonly timeoutMs: number;
	readonly intervalMs: number;
	/** Added to the timeout's message. */
	readonly detail?: () => string | Promise<string>;
};

export async function pollUntil<T>(condition: () => T | undefined | Promise<T | undefined>, {what, timeoutMs, intervalMs, detail}: PollOptions): Promise<{value: T; at: number}> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const value = await condition();
		const at = performance.now();
		if (value !== undefined) {
			return {value, at};
		}

		if (at > deadline) {
			const more = detail ? await detail() : '';
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${more ? `; ${more}` : ''}`);
		}

		await sleep(intervalMs);
	}
}
