import {spawn} from 'node:child_process';
import process from 'node:process';
import {sanitize} from '../ui/sanitize.js';
import type {StatusChange} from './status-changes.js';

/** A hook that runs longer than this is stopped and reported. */
export const hookTimeoutMs = 30_000;
/** After SIGTERM, a hook that lingers this long is killed. */
const killAfterMs = 2000;

/** What became of one run of the hook. */
export type HookReport = {
	readonly device: string;
	readonly changed: StatusChange['changed'];
	readonly at: number;
	readonly ok: boolean;
	readonly durationMs: number;
	readonly exitCode: number | null;
	/** Why it failed: its exit code, a signal, the timeout, or that /bin/sh could not start. */
	readonly error?: string;
};

export type ChangeHookOptions = {
	/** Run through /bin/sh -c. */
	readonly command: string;
	readonly report: (report: HookReport) => void;
	readonly timeoutMs?: number;
	readonly now?: () => number;
};

/**
`--on-change COMMAND`: runs the command through /bin/sh whenever a device's Paused or Connected changes,
with C2C_DEVICE, C2C_PAUSED (yes/no), C2C_CONNECTED (yes/no/unknown), C2C_CHANGED (paused/connected)
and C2C_PROJECT in its environment. Never two runs for one device at once: a change that comes while
one runs waits, and only the newest waiting change runs next. A run is never awaited by the monitor;
one that fails or runs past 30 s is reported (and stopped).
*/
export class ChangeHooks {
	readonly #options: ChangeHookOptions;
	readonly #running = new Map<string, Promise<void>>();
	readonly #waiting = new Map<string, StatusChange>();
	readonly #children = new Set<ReturnType<typeof spawn>>();
	#closed = false;

	constructor(options: ChangeHookOptions) {
		this.#options = options;
	}

	/** A change to act on (from watchStatusChanges). */
	readonly changed = (change: StatusChange): void => {
		if (this.#closed) {
			return;
		}

		if (this.#running.has(change.device)) {
			this.#waiting.set(change.device, change);
			return;
		}

		this.#start(change);
	};

	/** Stops what runs and drops what waits (the monitor is stopping). */
	close(): void {
		this.#closed = true;
		this.#waiting.clear();
		for (const child of this.#children) {
			child.kill('SIGTERM');
		}
	}

	/** Resolves when no hook runs any more (for tests, and a tidy exit). */
	async idle(): Promise<void> {
		while (this.#running.size > 0) {
			// eslint-disable-next-line no-await-in-loop -- a run may queue the next for its device
			await Promise.all(this.#running.values());
		}
	}

	#start(change: StatusChange): void {
		this.#running.set(change.device, this.#runThenNext(change));
	}

	async #runThenNext(change: StatusChange): Promise<void> {
		await this.#run(change);
		this.#running.delete(change.device);
		const next = this.#waiting.get(change.device);
		if (next && !this.#closed) {
			this.#waiting.delete(change.device);
			this.#start(next);
		}
	}

	async #run(change: StatusChange): Promise<void> {
		const now = this.#options.now ?? Date.now;
		const startedAt = now();
		const {status} = change;
		const env = {
			...process.env,
			// Names come from the server (and the config): a hook may well echo them to a terminal.
			C2C_DEVICE: sanitize(change.device),
			C2C_PAUSED: status.paused.value ? 'yes' : 'no',
			C2C_CONNECTED: status.connected.value === null ? 'unknown' : (status.connected.value ? 'yes' : 'no'),
			C2C_CHANGED: change.changed,
			C2C_PROJECT: sanitize(change.project ?? ''),
		};
		const outcome = await new Promise<{exitCode: number | null; error?: string}>(resolve => {
			const child = spawn('/bin/sh', ['-c', this.#options.command], {env, stdio: 'ignore'});
			this.#children.add(child);
			let timedOut = false;
			const timer = setTimeout(() => {
				timedOut = true;
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
			}, this.#options.timeoutMs ?? hookTimeoutMs);
			child.once('error', error => {
				clearTimeout(timer);
				this.#children.delete(child);
				resolve({exitCode: null, error: `could not run /bin/sh: ${error.message}`});
			});
			child.once('exit', (code, signal) => {
				clearTimeout(timer);
				this.#children.delete(child);
				if (timedOut) {
					resolve({exitCode: code, error: `ran past ${Math.round((this.#options.timeoutMs ?? hookTimeoutMs) / 1000)} s and was stopped`});
				} else if (signal) {
					resolve({exitCode: null, error: `ended by ${signal}`});
				} else {
					resolve(code === 0 ? {exitCode: 0} : {exitCode: code, error: `exited with ${code}`});
				}
			});
		});
		this.#options.report({
			device: change.device, changed: change.changed, at: startedAt, ok: outcome.error === undefined,
			durationMs: now() - startedAt, exitCode: outcome.exitCode, ...(outcome.error ? {error: outcome.error} : {}),
		});
	}
}
