import process from 'node:process';
import {rmSync} from 'node:fs';
import type {FigureResult} from './report.js';
import type {TmuxServer} from './tmux.js';

export type Settings = {
	/** Runs per figure (rounds), BENCH_RUNS: default 3. */
	readonly runs: number;
	/** Launches measured for startup, BENCH_STARTUP_RUNS: default 5. */
	readonly startupRuns: number;
	/** The idle window, BENCH_IDLE_SECONDS: default 60. */
	readonly idleSeconds: number;
	/** The fleet's quiet window, BENCH_FLEET_SECONDS: default 60. */
	readonly fleetSeconds: number;
	/** Skipped after startup before an idle or fleet window, BENCH_SETTLE_SECONDS: default 10. */
	readonly settleSeconds: number;
	/** Frames per flood, BENCH_FLOOD_COUNT: default 100,000. */
	readonly floodCount: number;
	/** Devices in the fleet, BENCH_FLEET_DEVICES: default 50. */
	readonly fleetDevices: number;
	/** The flood's writes: batched (1, the default) or one write per frame (BENCH_FLOOD_BATCH=0). */
	readonly floodBatch: number;
};

function numberFrom(name: string, fallback: number, min: number): number {
	const text = process.env[name];
	if (text === undefined || text === '') {
		return fallback;
	}

	const value = Number(text);
	if (!Number.isFinite(value) || value < min) {
		throw new Error(`${name} must be a number of at least ${min}, not ${JSON.stringify(text)}`);
	}

	return value;
}

export function settingsFromEnv(): Settings {
	return {
		runs: Math.round(numberFrom('BENCH_RUNS', 3, 1)),
		startupRuns: Math.round(numberFrom('BENCH_STARTUP_RUNS', 5, 1)),
		idleSeconds: numberFrom('BENCH_IDLE_SECONDS', 60, 1),
		fleetSeconds: numberFrom('BENCH_FLEET_SECONDS', 60, 1),
		settleSeconds: numberFrom('BENCH_SETTLE_SECONDS', 10, 0),
		floodCount: Math.round(numberFrom('BENCH_FLOOD_COUNT', 100_000, 1)),
		fleetDevices: Math.round(numberFrom('BENCH_FLEET_DEVICES', 50, 2)),
		floodBatch: numberFrom('BENCH_FLOOD_BATCH', 1, 0) === 0 ? 0 : 1,
	};
}

export type Context = {
	/** The workspace: every file a run makes goes in a fresh folder inside it. */
	readonly root: string;
	readonly tmux: TmuxServer;
	readonly settings: Settings;
	/** Notes for the group's record (how a figure was taken, what went wrong). */
	readonly notes: string[];
	progress(text: string): void;
};

export type Group = {
	readonly name: string;
	readonly what: string;
	run(context: Context): Promise<FigureResult[]>;
};

/** The message of a failed run, for the progress line and the record. */
export function failure(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Removes a run's folder (NDJSON files of a flood run to tens of MB). */
export function removeFolder(directory: string): void {
	rmSync(directory, {recursive: true, force: true});
}
