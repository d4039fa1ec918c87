import {statSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {failure, removeFolder, type Context, type Group} from './context.js';
import {EmulatorProcess} from './emulator.js';
import {cpuSeconds} from './proc.js';
import {freshFolder, sleep} from './processes.js';
import {figure, type FigureResult} from './report.js';
import {startTuiMonitor} from './subjects.js';

/*
Idle: the live view at 120x40 against a quiet emulator (heartbeats every 15 s, /health every 10 s,
the identity every minute, countdowns on screen). After BENCH_SETTLE_SECONDS, a window of
BENCH_IDLE_SECONDS: CPU (user+sys from /proc) as a share of one core, and the bytes the monitor wrote
to its terminal (tmux pipe-pane copies every byte the pane's program writes into a file). Then the
event latency: pause and resume through the control API, three times each at random moments, timing
from the request until "Paused: yes" / "Paused: no" is on screen (captured every 5 ms); a run's
figure is its slowest.
*/

const token = 'bench-idle-token';
const probes = 3;

type Sample = {readonly cpuPercent: number; readonly bytesPerSecond: number; readonly worstEventMs: number; readonly eventMs: readonly number[]};

async function measure(context: Context): Promise<Sample> {
	const home = freshFolder(context.root, 'idle');
	const emulator = await EmulatorProcess.start(home, {token});
	const written = join(home, 'terminal.bytes');
	try {
		const subject = await startTuiMonitor(context.tmux, emulator, home, {pipeTo: written});
		try {
			const size = () => {
				try {
					return statSync(written).size;
				} catch {
					return 0;
				}
			};

			await sleep(context.settings.settleSeconds * 1000);
			const bytesBefore = size();
			const cpuBefore = cpuSeconds(subject.pid);
			const startedAt = performance.now();
			await sleep(context.settings.idleSeconds * 1000);
			const seconds = (performance.now() - startedAt) / 1000;
			const cpuPercent = (cpuSeconds(subject.pid) - cpuBefore) / seconds * 100;
			const bytesPerSecond = (size() - bytesBefore) / seconds;

			const eventMs: number[] = [];
			for (let probe = 0; probe < probes; probe++) {
				for (const [action, shown] of [['pause', 'Paused: yes'], ['resume', 'Paused: no']] as const) {
					// At a random moment relative to the once-a-second countdown redraw.
					await sleep(700 + (Math.random() * 1000));
					const requestedAt = performance.now();
					await emulator.post(action);
					const seen = await subject.pane.waitFor(screen => screen.includes(shown), `"${shown}" after ${action}`, 10_000, 5);
					eventMs.push(seen.at - requestedAt);
				}
			}

			return {cpuPercent, bytesPerSecond, worstEventMs: Math.max(...eventMs), eventMs};
		} finally {
			await subject.stop();
		}
	} finally {
		await emulator.stop();
		removeFolder(home);
	}
}

export const idleGroup: Group = {
	name: 'idle',
	what: 'the TUI at 120x40, steady state: CPU, bytes written to the terminal, event latency',
	async run(context) {
		const samples: Array<Sample | undefined> = [];
		const errors: string[] = [];
		for (let run = 1; run <= context.settings.runs; run++) {
			context.progress(`run ${run}/${context.settings.runs}: ${context.settings.settleSeconds} s to settle, then ${context.settings.idleSeconds} s measured…`);
			try {
				const sample = await measure(context);
				samples.push(sample);
				context.progress(`run ${run}/${context.settings.runs}: ${sample.cpuPercent.toFixed(2)}% of a core, ${sample.bytesPerSecond.toFixed(0)} B/s to the terminal; `
					+ `Paused on screen after ${sample.eventMs.map(ms => ms.toFixed(0)).join(', ')} ms`);
			} catch (error) {
				samples.push(undefined);
				errors.push(`run ${run}: ${failure(error)}`);
				context.progress(`run ${run}/${context.settings.runs}: FAILED: ${failure(error)}`);
			}
		}

		const runs = (pick: (sample: Sample) => number) => samples.map(sample => (sample ? pick(sample) : Number.NaN));
		const window = `${context.settings.idleSeconds} s after ${context.settings.settleSeconds} s to settle`;
		const results: FigureResult[] = [
			figure(
				{id: 'idle.cpu', group: 'idle', name: 'idle: TUI 120x40, CPU', unit: '%', target: {kind: 'below', limit: 1},
					method: `utime+stime from /proc over ${window}, as a share of one core.`},
				runs(sample => sample.cpuPercent),
				errors,
			),
			figure(
				{id: 'idle.bytes', group: 'idle', name: 'idle: TUI 120x40, written to the terminal', unit: 'B/s', target: {kind: 'below', limit: 1000},
					method: `Every byte the monitor wrote to its pty (tmux pipe-pane into a file) over ${window}.`},
				runs(sample => sample.bytesPerSecond),
				errors,
			),
			figure(
				{id: 'idle.event', group: 'idle', name: 'idle: Paused on screen after the event', unit: 'ms', target: {kind: 'at-most', limit: 100},
					method: `From the control request (pause, resume; ${probes} each per run) until the screen shows it, captured every 5 ms; each run's slowest of ${probes * 2}.`},
				runs(sample => sample.worstEventMs),
				errors,
			),
		];
		return results;
	},
};
