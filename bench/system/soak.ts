import process from 'node:process';
import {join} from 'node:path';
import {freePort} from '../../support/free-port.js';
import {failure, removeFolder, type Context, type Group} from './context.js';
import {EmulatorProcess} from './emulator.js';
import {Inspector} from './inspector.js';
import {rssMb} from './proc.js';
import {freshFolder, sleep} from './processes.js';
import {figure, type FigureResult} from './report.js';
import {completeScreen, startJsonMonitor, startTuiMonitor, type Subject} from './subjects.js';

/*
Soak (issue 14.10): the live view (tmux 120x40) and NDJSON mode (stdout to a file), each for
BENCH_SOAK_SECONDS (600) of real time against an emulator that injects BENCH_SOAK_FAULTS (17) faults,
one every 35 s or so: sockets dropped (soft and hard), /health down, joins and connections refused,
slow HTTP, silent heartbeats, malformed frames, unknown events, a pause. Each fault is held up to 10 s
and then cleared. The monitor runs as a person runs it, with NODE_OPTIONS=--inspect on a loopback
port, through which the benchmark has it collect garbage and reads its heap (inspector.ts): after
BENCH_SETTLE_SECONDS at the start (once 1,500 unknown events have filled the traffic log, which keeps
1,000), after each fault has cleared, and at the end. RSS from /proc.
*/

const token = 'bench-soak-token';

type Fault = {readonly name: string; apply(emulator: EmulatorProcess, holdSeconds: number): Promise<unknown>; clear?(emulator: EmulatorProcess): Promise<unknown>};

const faults: readonly Fault[] = [
	{name: 'socket dropped', apply: async emulator => emulator.post('drop', {})},
	{name: '/health down', apply: async emulator => emulator.post('health', {ok: false}), clear: async emulator => emulator.post('health', {ok: true})},
	{name: 'malformed frames', apply: async emulator => emulator.post('faults', {sendMalformed: true})},
	{name: 'joins refused', async apply(emulator) {
		await emulator.post('faults', {refuseJoins: true});
		return emulator.post('drop', {});
	}, clear: async emulator => emulator.post('faults', {refuseJoins: false})},
	{name: 'paused', apply: async emulator => emulator.post('pause'), clear: async emulator => emulator.post('resume')},
	{name: 'socket dropped hard', apply: async emulator => emulator.post('drop', {hard: true})},
	{name: 'slow HTTP', apply: async emulator => emulator.post('faults', {httpLatencyMs: 3000}), clear: async emulator => emulator.post('faults', {httpLatencyMs: 0})},
	{name: 'unknown events', apply: async emulator => emulator.post('faults', {sendUnknownEvent: 'bench_soak_event'})},
	{name: 'connections refused', async apply(emulator, holdSeconds) {
		await emulator.post('faults', {refuseConnectionsForSeconds: holdSeconds});
		return emulator.post('drop', {});
	}},
	{name: 'silent heartbeats', apply: async emulator => emulator.post('faults', {silentHeartbeats: true}), clear: async emulator => emulator.post('faults', {silentHeartbeats: false})},
];

type Mode = 'tui' | 'json';
type Sample = {readonly startMb: number; readonly endMb: number; readonly trendMb: readonly number[]; readonly startRssMb: number; readonly endRssMb: number};

/**
The floor's growth: the lowest heap after GC in the second half of the run less the lowest in the first
half (the start included). A bounded cache that fills and is emptied (a sawtooth) moves the start and
end figures by where in its cycle they fall; a leak raises the floor.
*/
function floorGrowth({startMb, trendMb, endMb}: Sample): number {
	const all = [startMb, ...trendMb, endMb];
	const half = Math.ceil(all.length / 2);
	return Math.min(...all.slice(half)) - Math.min(...all.slice(0, half));
}

function settings(): {readonly seconds: number; readonly faults: number} {
	const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
	const count = Number(process.env.BENCH_SOAK_FAULTS ?? 17);
	if (!Number.isFinite(seconds) || seconds < 30 || !Number.isInteger(count) || count < 1) {
		throw new Error('BENCH_SOAK_SECONDS must be at least 30 and BENCH_SOAK_FAULTS a whole number of at least 1');
	}

	return {seconds, faults: count};
}

async function measure(context: Context, mode: Mode): Promise<Sample> {
	const {seconds, faults: count} = settings();
	const home = freshFolder(context.root, `soak-${mode}`);
	const emulator = await EmulatorProcess.start(home, {token});
	const port = await freePort();
	const env = {FRAMEIO_TOKEN: token, NODE_OPTIONS: `--inspect=127.0.0.1:${port}`};
	let subject: Subject | undefined;
	let inspector: Inspector | undefined;
	try {
		subject = mode === 'tui'
			? await startTuiMonitor(context.tmux, emulator, home, {env})
			: await startJsonMonitor(emulator, home, join(home, 'monitor.ndjson'), {env});
		inspector = await Inspector.connect(port);
		// The traffic log (1,000 frames) filled first: what the soak then measures is growth beyond the bounded logs.
		await emulator.post('flood', {count: 1500, afterwards: 'none'});
		await sleep(context.settings.settleSeconds * 1000);
		const startMb = await inspector.heapAfterGcMb();
		const startRssMb = rssMb(subject.pid);
		const trendMb: number[] = [];
		const everyMs = (seconds * 1000) / (count + 1);
		const holdSeconds = Math.min(10, everyMs / 3000);
		for (let index = 0; index < count; index++) {
			const fault = faults[index % faults.length]!;
			await sleep(everyMs - (holdSeconds * 1000));
			await fault.apply(emulator, holdSeconds);
			await sleep(holdSeconds * 1000);
			await fault.clear?.(emulator);
			trendMb.push(await inspector.heapAfterGcMb());
			context.progress(`${mode}: fault ${index + 1}/${count} (${fault.name}) cleared; heap after gc ${trendMb.at(-1)!.toFixed(1)} MB, RSS ${rssMb(subject.pid).toFixed(0)} MB`);
		}

		await sleep(everyMs);
		if (mode === 'tui') {
			// The view has recovered from the last fault: everything is joined and known again.
			await (subject as Awaited<ReturnType<typeof startTuiMonitor>>).pane.waitFor(completeScreen, 'the complete screen after the faults', 60_000, 200);
		}

		const endMb = await inspector.heapAfterGcMb();
		return {startMb, endMb, trendMb, startRssMb, endRssMb: rssMb(subject.pid)};
	} finally {
		inspector?.close();
		await subject?.stop();
		await emulator.stop();
		removeFolder(home);
	}
}

export const soakGroup: Group = {
	name: 'soak',
	what: 'the TUI and NDJSON mode for 10 minutes with 17 faults: heap after GC at the start and the end (issue 14.10)',
	async run(context) {
		const {seconds, faults: count} = settings();
		const results: FigureResult[] = [];
		for (const mode of ['tui', 'json'] as const) {
			const errors: string[] = [];
			let sample: Sample | undefined;
			context.progress(`${mode}: ${seconds} s with ${count} faults…`);
			try {
				sample = await measure(context, mode);
				context.progress(`${mode}: heap after gc ${sample.startMb.toFixed(1)} → ${sample.endMb.toFixed(1)} MB (after each fault: ${sample.trendMb.map(mb => mb.toFixed(1)).join(' ')}); `
					+ `RSS ${sample.startRssMb.toFixed(0)} → ${sample.endRssMb.toFixed(0)} MB`);
			} catch (error) {
				errors.push(failure(error));
				context.progress(`${mode}: FAILED: ${failure(error)}`);
			}

			const label = mode === 'tui' ? 'TUI 120x40' : '--json';
			const method = `${seconds} s, ${count} faults (each held up to 10 s), heap in use after two full collections (DevTools protocol), `
				+ `after ${context.settings.settleSeconds} s to settle and at the end.`;
			const one = (pick: (value: Sample) => number) => [sample ? pick(sample) : Number.NaN];
			const spec = (id: string, name: string, target: FigureResult['target']) => ({
				id: `soak.${mode}.${id}`, group: 'soak', name: `soak: ${label}, ${name}`, unit: 'MB' as const, target, method,
			});
			const rssMethod = `VmRSS from /proc at the end (${sample ? sample.startRssMb.toFixed(0) : '?'} MB at the start).`;
			results.push(
				figure(spec('heap-start', 'heap after GC at the start', {kind: 'below', limit: 50}), one(value => value.startMb), errors),
				figure(spec('heap-end', 'heap after GC at the end', {kind: 'below', limit: 50}), one(value => value.endMb), errors),
				figure(spec('heap-highest', 'highest heap after GC', {kind: 'below', limit: 50}), one(value => Math.max(value.startMb, value.endMb, ...value.trendMb)), errors),
				figure(spec('heap-floor-growth', 'growth of the heap\'s floor', {kind: 'at-most', limit: 1}), one(value => floorGrowth(value)), errors),
				figure({...spec('rss-end', 'RSS at the end', {kind: 'below', limit: 150}), method: rssMethod}, one(value => value.endRssMb), errors),
			);
		}

		return results;
	},
};
