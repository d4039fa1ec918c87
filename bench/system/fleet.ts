import {chmodSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {failure, removeFolder, type Context, type Group} from './context.js';
import {EmulatorProcess} from './emulator.js';
import {cpuSeconds, peakRssMb} from './proc.js';
import {freshFolder, pollUntil, sleep} from './processes.js';
import {figure, type FigureResult} from './report.js';
import {startJsonMonitor, startTuiMonitor, type Subject} from './subjects.js';

/*
The fleet: an emulator with BENCH_FLEET_DEVICES (50) devices, and one monitor watching all of them
from one --config (a token file each, as README "Several devices" shows), in NDJSON mode (stdout to
a file) and in the TUI (tmux 120x40). Once the emulator reports every device's socket joined, and
BENCH_SETTLE_SECONDS more, a quiet window of BENCH_FLEET_SECONDS: CPU as a share of one core (user+sys
from /proc), and the peak RSS (VmHWM) at its end.
*/

const token = 'bench-fleet-token';
const joinTimeoutMs = 120_000;

type Mode = 'json' | 'tui';
/**
Two windows: the first once all have joined and settled, while the table's last-event ages still count
seconds ("27s ago") and it redraws every second; the second once every age is past a minute ("2m
ago"), which is how a fleet on a cart looks for most of a day: the quiet minute the target is about.
*/
type Sample = {readonly firstCpuPercent: number; readonly cpuPercent: number; readonly rssMb: number; readonly joinMs: number};

/** Ages on the fleet table count seconds for their first minute. */
const secondsAgesMs = 61_000;

/** Token files and the config, as a person would write them. */
function fleetConfig(directory: string, count: number): string {
	const devices = Array.from({length: count}, (_, index) => {
		const name = `cam-${String(index + 1).padStart(2, '0')}`;
		const file = join(directory, `${name}.token`);
		writeFileSync(file, `${index === 0 ? token : `${token}-${index + 1}`}\n`);
		chmodSync(file, 0o600);
		return {name, tokenFile: `${name}.token`};
	});
	const config = join(directory, 'fleet.json');
	writeFileSync(config, `${JSON.stringify({devices}, undefined, 2)}\n`);
	return config;
}

/** The process's CPU time over the next `seconds`, as a share of one core. */
async function cpuPercentOver(pid: number, seconds: number): Promise<number> {
	const cpuBefore = cpuSeconds(pid);
	const windowStart = performance.now();
	await sleep(seconds * 1000);
	return (cpuSeconds(pid) - cpuBefore) / ((performance.now() - windowStart) / 1000) * 100;
}

async function measure(context: Context, mode: Mode): Promise<Sample> {
	const home = freshFolder(context.root, `fleet-${mode}`);
	const count = context.settings.fleetDevices;
	const config = fleetConfig(home, count);
	const emulator = await EmulatorProcess.start(home, {token, devices: count});
	try {
		const startedAt = performance.now();
		const args = ['--config', config];
		const subject: Subject = mode === 'json'
			? await startJsonMonitor(emulator, home, join(home, 'fleet.ndjson'), {args, env: {}, waitReady: false})
			: await startTuiMonitor(context.tmux, emulator, home, {args, env: {}, ready: screen => screen.includes(`${count} devices`)});
		try {
			let joined = 0;
			const all = await pollUntil(async () => {
				joined = await emulator.joinedSockets();
				return joined >= count ? joined : undefined;
			}, {what: `all ${count} devices joined`, timeoutMs: joinTimeoutMs, intervalMs: 250, detail: () => `${joined} joined`});
			const joinMs = all.at - startedAt;
			await sleep(context.settings.settleSeconds * 1000);
			const firstCpuPercent = await cpuPercentOver(subject.pid, context.settings.fleetSeconds);
			await sleep(Math.max(0, all.at + secondsAgesMs - performance.now()));
			const cpuPercent = await cpuPercentOver(subject.pid, context.settings.fleetSeconds);
			return {firstCpuPercent, cpuPercent, rssMb: peakRssMb(subject.pid), joinMs};
		} finally {
			await subject.stop();
		}
	} finally {
		await emulator.stop();
		removeFolder(home);
	}
}

export const fleetGroup: Group = {
	name: 'fleet',
	what: '50 devices from one --config, the first minute and a quiet one: CPU and peak RSS in NDJSON mode and the TUI',
	async run(context) {
		const samples = new Map<Mode, Array<Sample | undefined>>([['json', []], ['tui', []]]);
		const errors = new Map<Mode, string[]>([['json', []], ['tui', []]]);
		for (let run = 1; run <= context.settings.runs; run++) {
			for (const mode of ['json', 'tui'] as const) {
				const {fleetDevices, settleSeconds, fleetSeconds} = context.settings;
				context.progress(`run ${run}/${context.settings.runs} ${mode}: ${fleetDevices} devices, ${settleSeconds} s to settle, then ${fleetSeconds} s measured,`
					+ ` then ${fleetSeconds} s more once every age is past a minute…`);
				try {
					const sample = await measure(context, mode);
					samples.get(mode)!.push(sample);
					context.progress(`run ${run}/${context.settings.runs} ${mode}: ${sample.firstCpuPercent.toFixed(2)}% of a core in the first minute,`
						+ ` ${sample.cpuPercent.toFixed(2)}% in a quiet one, peak RSS ${sample.rssMb.toFixed(0)} MB (all joined ${sample.joinMs.toFixed(0)} ms after launch)`);
				} catch (error) {
					samples.get(mode)!.push(undefined);
					errors.get(mode)!.push(`run ${run}: ${failure(error)}`);
					context.progress(`run ${run}/${context.settings.runs} ${mode}: FAILED: ${failure(error)}`);
				}
			}
		}

		const runs = (mode: Mode, pick: (sample: Sample) => number) => samples.get(mode)!.map(sample => (sample ? pick(sample) : Number.NaN));
		const devices = context.settings.fleetDevices;
		const firstWindow = `${context.settings.fleetSeconds} s once all ${devices} sockets joined and ${context.settings.settleSeconds} s more`
			+ ' (the table\'s ages still count seconds and it redraws every second)';
		const window = `${context.settings.fleetSeconds} s once every device joined more than a minute ago (the table's ages count minutes)`;
		const results: FigureResult[] = [];
		for (const mode of ['json', 'tui'] as const) {
			const label = mode === 'json' ? 'NDJSON' : 'TUI 120x40';
			results.push(
				figure(
					{id: `fleet.${mode}.cpu-first-minute`, group: 'fleet', name: `fleet: ${devices} devices, ${label}, CPU, first minute`, unit: '%', target: {kind: 'below', limit: 3},
						method: `utime+stime from /proc over ${firstWindow}, as a share of one core.`},
					runs(mode, sample => sample.firstCpuPercent),
					errors.get(mode),
				),
				figure(
					{id: `fleet.${mode}.cpu`, group: 'fleet', name: `fleet: ${devices} devices, ${label}, CPU, quiet minute`, unit: '%', target: {kind: 'below', limit: 3},
						method: `utime+stime from /proc over ${window}, as a share of one core.`},
					runs(mode, sample => sample.cpuPercent),
					errors.get(mode),
				),
				figure(
					{id: `fleet.${mode}.rss`, group: 'fleet', name: `fleet: ${devices} devices, ${label}, peak RSS`, unit: 'MB', target: {kind: 'below', limit: 250},
						method: 'VmHWM from /proc/<pid>/status at the end of the window (MB = MiB).'},
					runs(mode, sample => sample.rssMb),
					errors.get(mode),
				),
			);
		}

		return results;
	},
};
