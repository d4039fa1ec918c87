import process from 'node:process';
import {type Clock, systemClock, type TimerHandle} from '../../core/clock.js';
import type {StatusChange, StatusChangeKind} from '../status-changes.js';
import {hookEnvironment, type HookEnvironmentOptions} from './hook-env.js';
import {type HookOutcome, type HookProcess, startHookProcess} from './hook-process.js';
import {changedSince, hookState, hookVariables, type HookState, sameState} from './hook-variables.js';

/** A hook that runs longer than this is stopped and reported. */
export const hookTimeoutMs = 30_000;
/** After SIGTERM, a hook that lingers this long is killed. */
const hookKillAfterMs = 2000;
/** At most one run per device this often, unless told (`--on-change-interval`). */
export const defaultHookIntervalMs = 1000;

/** What became of one run of the hook. */
export type HookReport = {
	readonly device: string;
	/** What C2C_CHANGED said. */
	readonly changed: StatusChangeKind;
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
	/** At most one run per device this often, counted from a run's start (1 s unless told; 0: no wait). */
	readonly intervalMs?: number;
	/** Times the interval and the reports (the system clock unless told). */
	readonly clock?: Clock;
	/** C2C_DEVICE for a change: its `device` unless told (a single device goes by its name at Frame.io). */
	readonly nameFor?: (change: StatusChange) => string;
	/** The environment the hook's is made from (this process's unless told). */
	readonly env?: NodeJS.ProcessEnv;
};

type DeviceSlot = {
	running: boolean;
	/** What the device's last run told the hook (undefined before its first). */
	told: HookState | undefined;
	lastStartAt: number;
	/** The newest change not yet told. */
	waiting: StatusChange | undefined;
	/** Set while a waiting change is held back by the interval. */
	timer: TimerHandle | undefined;
};

/**
`--on-change COMMAND`: runs the command through /bin/sh when a device's Paused or Connected changes,
or Paused's confirmation comes or goes, with C2C_DEVICE, C2C_PAUSED (yes/no/unknown),
C2C_PAUSED_CONFIRMED (yes/no), C2C_CONNECTED (yes/no/unknown), C2C_CHANGED (paused/connected/confirmed)
and C2C_PROJECT in its environment (and without the monitor's secrets).

Per device: never two runs at once, and at most one run per interval (1 s unless told), counted from
a run's start. A change that comes meanwhile waits; only the newest waiting change runs next, with
the device's newest state, and not at all when that is what the hook was last told (paused, resumed,
paused again). So 300 flaps in 10 s make about ten runs, and the last run always tells the newest
state. A run is never awaited by the monitor; one that fails or runs past 30 s is reported (and
stopped, with its process group).
*/
export class ChangeHooks {
	readonly #options: ChangeHookOptions;
	readonly #clock: Clock;
	readonly #intervalMs: number;
	readonly #devices = new Map<string, DeviceSlot>();
	readonly #processes = new Set<HookProcess>();
	readonly #idle = new Set<() => void>();
	#closed = false;

	constructor(options: ChangeHookOptions) {
		this.#options = options;
		this.#clock = options.clock ?? systemClock;
		this.#intervalMs = options.intervalMs ?? defaultHookIntervalMs;
	}

	/** A change to act on (from watchStatusChanges). */
	readonly changed = (change: StatusChange): void => {
		if (this.#closed) {
			return;
		}

		let slot = this.#devices.get(change.device);
		if (!slot) {
			slot = {running: false, told: undefined, lastStartAt: Number.NEGATIVE_INFINITY, waiting: undefined, timer: undefined};
			this.#devices.set(change.device, slot);
		}

		slot.waiting = change;
		this.#next(change.device, slot);
	};

	/** Stops what runs (with everything in its process group) and drops what waits: the monitor is stopping. */
	close(): void {
		this.#closed = true;
		for (const slot of this.#devices.values()) {
			slot.waiting = undefined;
			this.#clock.clearTimeout(slot.timer);
			slot.timer = undefined;
		}

		for (const run of this.#processes) {
			run.stop('stopped as the monitor stopped');
		}

		this.#settle();
	}

	/**
	Resolves when no hook runs and none waits (for tests, and a tidy exit). A change held back by the
	interval waits on the clock: with a manual clock, move it.
	*/
	async idle(): Promise<void> {
		if (!this.#busy()) {
			return;
		}

		return new Promise(resolve => {
			this.#idle.add(resolve);
		});
	}

	#busy(): boolean {
		return [...this.#devices.values()].some(slot => slot.running || slot.waiting !== undefined);
	}

	#settle(): void {
		if (this.#busy()) {
			return;
		}

		for (const resolve of this.#idle) {
			resolve();
		}

		this.#idle.clear();
	}

	/** Starts the device's waiting change when it may run: nothing running, the interval over, and news to tell. */
	#next(device: string, slot: DeviceSlot): void {
		const change = slot.waiting;
		if (this.#closed || slot.running || slot.timer !== undefined || change === undefined) {
			this.#settle();
			return;
		}

		const state = hookState(change);
		// A change and its undoing while the hook waited leave nothing new to tell it.
		if (sameState(slot.told, state)) {
			slot.waiting = undefined;
			this.#settle();
			return;
		}

		const wait = slot.lastStartAt + this.#intervalMs - this.#clock.now();
		if (wait > 0) {
			slot.timer = this.#clock.setTimeout(() => {
				slot.timer = undefined;
				this.#next(device, slot);
			}, wait);
			return;
		}

		const changed = changedSince(slot.told, state, change);
		slot.waiting = undefined;
		slot.told = state;
		slot.running = true;
		slot.lastStartAt = this.#clock.now();
		const variables = hookVariables(change, state, changed, this.#options.nameFor?.(change) ?? change.device);
		// One reading of the clock: the interval is kept between the starts the reports give.
		const startedAt = slot.lastStartAt;
		void this.#runThenNext(device, slot, async () => this.#run(change, {variables, changed, startedAt}));
	}

	async #runThenNext(device: string, slot: DeviceSlot, run: () => Promise<void>): Promise<void> {
		await run();
		slot.running = false;
		this.#next(device, slot);
	}

	async #run(change: StatusChange, {variables, changed, startedAt}: {readonly variables: Record<string, string>; readonly changed: StatusChangeKind; readonly startedAt: number}): Promise<void> {
		const timeoutMs = this.#options.timeoutMs ?? hookTimeoutMs;
		const env = hookEnvironment(this.#options.env ?? process.env, variables, this.#options);
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
			device: change.device, changed, at: startedAt, ok: error === undefined,
			durationMs: this.#clock.now() - startedAt, exitCode: outcome.exitCode, ...(error === undefined ? {} : {error}),
		});
	}
}
