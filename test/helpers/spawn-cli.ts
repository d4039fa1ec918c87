import {type Buffer} from 'node:buffer';
import process from 'node:process';
import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

const children = new Set<ChildProcess>();

export type RunningCli = {
	readonly child: ChildProcess;
	readonly exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
	/** Everything written to stdout so far. */
	stdout(): string;
	stderr(): string;
	/** Resolves with the first stdout line (parsed as JSON when `json`) that matches. */
	waitForLine(predicate: (line: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
};

/** Runs the built CLI with a clean environment plus `env`; killed in `killAll()` if still running. */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): RunningCli {
	const child = spawn(process.execPath, [cliPath, ...args], {
		// The test worker's own home and XDG folders (test/setup.ts), never the person's.
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '/tmp',
			XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? '',
			XDG_STATE_HOME: process.env.XDG_STATE_HOME ?? '',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	children.add(child);
	let out = '';
	let error = '';
	const waiters: Array<{predicate: (line: string) => boolean; resolve: (line: string) => void}> = [];
	let pending = '';
	child.stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString();
		pending += chunk.toString();
		const lines = pending.split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) {
			for (const waiter of waiters) {
				if (waiter.predicate(line)) {
					waiters.splice(waiters.indexOf(waiter), 1);
					waiter.resolve(line);
				}
			}
		}
	});
	child.stderr.on('data', (chunk: Buffer) => {
		error += chunk.toString();
	});
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
		child.on('exit', (code, signal) => {
			children.delete(child);
			resolve({code, signal});
		});
	});
	return {
		child,
		stdout: () => out,
		stderr: () => error,
		exited,
		async waitForLine(predicate, what, timeoutMs = 30_000) {
			const existing = out.split('\n').find(line => predicate(line));
			if (existing !== undefined) {
				return existing;
			}

			return new Promise<string>((resolve, reject) => {
				const timer = setTimeout(() => {
					reject(new Error(`timed out waiting for ${what}; stdout so far:\n${out.slice(-2000)}\nstderr:\n${error.slice(-2000)}`));
				}, timeoutMs);
				waiters.push({predicate, resolve(line) {
					clearTimeout(timer);
					resolve(line);
				}});
			});
		},
	};
}

/** Parses an NDJSON line, or undefined when it is not JSON. */
export function json(line: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(line) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

export async function killAll(): Promise<void> {
	await Promise.all([...children].map(async child => new Promise<void>(resolve => {
		child.once('exit', () => {
			resolve();
		});
		child.kill('SIGKILL');
	})));
}
