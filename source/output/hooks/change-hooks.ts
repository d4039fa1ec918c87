import process from 'node:process';
import {sanitize} from '../../text/sanitize.js';
import type {StatusChange} from '../status-changes.js';
import {hookEnvironment, type HookEnvironmentOptions} from './hook-env.js';
import {type HookOutcome, type HookProcess, startHookProcess} from './hook-process.js';

/** A hook that runs longer than this is stopped and reported. */
export const hookTimeoutMs = 30_000;
/** After SIGTERM, a hook that lingers this long is killed. */
const hookKillAfterMs = 2000;

/** What became of one run of the hook. */
export type HookReport = {
	readonly device: string;
	readonly changed: StatusChange['changed'];
	readonly at: number;
	readonly ok: boolean;
	readonly durationMs: number;
	readonly exitCode: number | null;
	/** Why it failed (its exit code, a signal, the timeout, or that /bin/sh could not start), then its stderr's first line. */
	readonly error?: string;
};

export type ChangeHookOptions = HookEnvironmentOptions & {
	/** Run through /bin/sh -c. */
	readonly command: string;
	readonly report: (report: HookReport) => void;
	readonly timeoutMs?: number;
	/** After SIGTERM, how long a hook may linger before it is killed (2 s unless told). */
	readonly killAfterMs?: number;
	readonly now?: () => number;
	/** The environment the hook's is made from (this process's unless told). */
	readonly env?: NodeJS.ProcessEnv;
};

/** The C2C_* variables for a change. */
function hookVariables(change: StatusChange): Record<string, string> {
	const {paused, connected} = change.status;
	return {
		// Names come from the server (and the config): a hook may well echo them to a terminal.
		C2C_DEVICE: sanitize(change.device),
		C2C_PAUSED: paused.value ? 'yes' : 'no',
		C2C_CONNECTED: connected.value === null ? 'unknown' : (connected.value ? 'yes' : 'no'),
		C2C_CHANGED: change.changed,
		C2C_PROJECT: sanitize(change.project ?? ''),
	};
}

/** What a run tells the hook, as far as repeating it would be news: the project aside. */
function runKey(change: StatusChange): string {
	const {C2C_PAUSED, C2C_CONNECTED, C2C_CHANGED} = hookVariables(change);
	return `${C2C_PAUSED} ${C2C_CONNECTED} ${C2C_CHANGED}`;
}

/**
`--on-change COMMAND`: runs the command through /bin/sh whenever a device's Paused or Connected changes,
with C2C_DEVICE, C2C_PAUSED (yes/no), C2C_CONNECTED (yes/no/unknown), C2C_CHANGED (paused/connected)
and C2C_PROJECT in its environment (and without the monitor's secrets). Never two runs for one device
at once: a change that comes while one runs waits, only the newest waiting change runs next, and not
at all when it would tell the hook what the run before it just did (paused, resumed, paused again).
A run is never awaited by the monitor; one that fails or runs past 30 s is reported (and stopped,
with everything it started).
*/
export class ChangeHooks {
	readonly #options: ChangeHookOptions;
	readonly #running = new Map<string, Promise<void>>();
	readonly #waiting = new Map<string, StatusChange>();
	readonly #processes = new Set<HookProcess>();
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

	/** Stops what runs (with everything it started) and drops what waits: the monitor is stopping. */
	close(): void {
		this.#closed = true;
		this.#waiting.clear();
		for (const run of this.#processes) {
			run.stop('stopped as the monitor stopped');
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
		this.#waiting.delete(change.device);
		// A change and its undoing while the hook ran leave nothing new to tell it.
		if (next && !this.#closed && runKey(next) !== runKey(change)) {
			this.#start(next);
		}
	}

	async #run(change: StatusChange): Promise<void> {
		const now = this.#options.now ?? Date.now;
		const startedAt = now();
		const timeoutMs = this.#options.timeoutMs ?? hookTimeoutMs;
		const env = hookEnvironment(this.#options.env ?? process.env, hookVariables(change), this.#options);
		const run = startHookProcess(this.#options.command, env, {
			timeoutMs,
			killAfterMs: this.#options.killAfterMs ?? hookKillAfterMs,
			timeoutMessage: `ran past ${Math.round(timeoutMs / 1000)} s and was stopped`,
		});
		this.#processes.add(run);
		const outcome: HookOutcome = await run.outcome;
		this.#processes.delete(run);
		const error = outcome.error === undefined ? undefined : (this.#options.redact ?? String)(outcome.error);
		this.#options.report({
			device: change.device, changed: change.changed, at: startedAt, ok: error === undefined,
			durationMs: now() - startedAt, exitCode: outcome.exitCode, ...(error === undefined ? {} : {error}),
		});
	}
}
