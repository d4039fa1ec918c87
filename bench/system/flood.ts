import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {failure, removeFolder, type Context, type Group} from './context.js';
import {EmulatorProcess} from './emulator.js';
import {cpuSeconds, peakRssMb} from './proc.js';
import {freshFolder, sleep} from './processes.js';
import {figure, median, type FigureResult} from './report.js';
import {startBareClient, startJsonMonitor, startTuiMonitor, startWscat, type PaneSubject, type Subject} from './subjects.js';

/*
The flood: a fresh emulator process per measurement pushes `floodCount` frames (an unknown event,
~60-byte payload) to the one joined socket as fast as backpressure allows, then pauses the device.
Measured from just before the flood request until the pause is visible: the bare client's "paused"
line on its stdout pipe, the NDJSON status line with "paused":true in the monitor's file (followed
every 10 ms), "Paused: yes" in the monitor's pane or wscat's printed status_updated (captured every
20 ms). CPU time is user+sys of the process (and any children) from /proc between the same two
moments; peak RSS is VmHWM once the pause is visible.

Each round measures every subject once, in the same order, so ratios are taken between runs made
close together; the figure is the median over rounds.
*/

const token = 'bench-flood-token';
const pauseTimeoutMs = 180_000;
/** Left between ready and the flood, so start-up work (identity, health, first renders) is over. */
const quietBeforeFloodMs = 1000;

type Kind = 'bare' | 'json' | 'tui' | 'wscat' | 'key';

type Sample = {
	readonly wallMs: number;
	readonly cpuS: number;
	readonly rssMb: number;
	/** The emulator's own time to write every frame. */
	readonly sendMs: number;
	/** For 'key': ms from the key press until the help overlay showed, and when that was in the flood. */
	readonly keyMs?: number;
	readonly keyAtMs?: number;
	readonly floodDoneBeforeKey?: boolean;
};

const labels: Record<Kind, string> = {
	bare: 'bare client',
	json: 'monitor --json to a file',
	tui: 'monitor TUI 120x40',
	wscat: 'wscat in tmux 120x40',
	key: 'TUI, ? pressed mid-flood',
};

async function start(kind: Kind, context: Context, emulator: EmulatorProcess, home: string): Promise<Subject> {
	switch (kind) {
		case 'bare': {
			return startBareClient(emulator, home);
		}

		case 'json': {
			return startJsonMonitor(emulator, home, join(home, 'monitor.ndjson'));
		}

		case 'tui':
		case 'key': {
			return startTuiMonitor(context.tmux, emulator, home);
		}

		case 'wscat': {
			return startWscat(context.tmux, emulator, home);
		}
	}
}

/** Presses `?` `delayMs` into the flood and times until the help overlay ("Esc closes") is on screen. */
async function pressKeyMidFlood(subject: PaneSubject, floodStartedAt: number, delayMs: number, floodDone: () => boolean): Promise<{keyMs: number; keyAtMs: number; floodDoneBeforeKey: boolean}> {
	await sleep(Math.max(0, floodStartedAt + delayMs - performance.now()));
	const floodDoneBeforeKey = floodDone();
	const pressedAt = performance.now();
	await subject.pane.keys('?');
	const seen = await subject.pane.waitFor(screen => screen.includes('Esc closes'), 'the help overlay after ?', 30_000, 5);
	return {keyMs: seen.at - pressedAt, keyAtMs: pressedAt - floodStartedAt, floodDoneBeforeKey};
}

async function measure(kind: Kind, context: Context, keyDelayMs: number): Promise<Sample> {
	const home = freshFolder(context.root, `flood-${kind}`);
	const emulator = await EmulatorProcess.start(home, {token});
	try {
		const subject = await start(kind, context, emulator, home);
		try {
			await sleep(quietBeforeFloodMs);
			const joined = await emulator.joinedSockets();
			if (joined !== 1) {
				throw new Error(`expected one joined socket before the flood, the emulator has ${joined}`);
			}

			const cpuBefore = cpuSeconds(subject.pid);
			const flood = emulator.flood({count: context.settings.floodCount, batch: context.settings.floodBatch === 1});
			let floodDone = false;
			void (async () => {
				try {
					await flood.done;
				} catch {
					// Reported where the answer is awaited below.
				}

				floodDone = true;
			})();

			if (kind === 'key') {
				const key = await pressKeyMidFlood(subject as PaneSubject, flood.startedAt, keyDelayMs, () => floodDone);
				const result = await flood.done;
				return {wallMs: Number.NaN, cpuS: Number.NaN, rssMb: Number.NaN, sendMs: result.ms, ...key};
			}

			const pausedAt = await subject.waitPaused(pauseTimeoutMs);
			const cpuS = cpuSeconds(subject.pid) - cpuBefore;
			const rssMb = peakRssMb(subject.pid);
			const result = await flood.done;
			if (result.sent !== context.settings.floodCount || result.statusSent !== 1) {
				throw new Error(`the flood sent ${result.sent} of ${context.settings.floodCount} frames and ${result.statusSent} status events`);
			}

			return {wallMs: pausedAt - flood.startedAt, cpuS, rssMb, sendMs: result.ms};
		} finally {
			await subject.stop();
		}
	} finally {
		await emulator.stop();
		removeFolder(home);
	}
}

function describe(kind: Kind, sample: Sample): string {
	if (kind === 'key') {
		const late = sample.floodDoneBeforeKey ? ' (after the emulator had written every frame)' : '';
		return `? answered in ${sample.keyMs!.toFixed(0)} ms, pressed ${sample.keyAtMs!.toFixed(0)} ms into the flood${late}`;
	}

	return `${sample.wallMs.toFixed(0)} ms to the pause, CPU ${sample.cpuS.toFixed(2)} s, peak RSS ${sample.rssMb.toFixed(0)} MB (the emulator wrote every frame in ${sample.sendMs.toFixed(0)} ms)`;
}

export const floodGroup: Group = {
	name: 'flood',
	what: '100,000 small frames then a pause: the monitor (--json, TUI) against a bare client and wscat',
	async run(context) {
		const kinds: Kind[] = ['bare', 'json', 'tui', 'wscat', 'key'];
		const samples = new Map<Kind, Array<Sample | undefined>>(kinds.map(kind => [kind, []]));
		const errors = new Map<Kind, string[]>(kinds.map(kind => [kind, []]));
		for (let round = 1; round <= context.settings.runs; round++) {
			for (const kind of kinds) {
				// The key is pressed 40% into this round's TUI flood (or 500 ms in, without one).
				const tuiWall = samples.get('tui')![round - 1]?.wallMs;
				const keyDelayMs = tuiWall === undefined ? 500 : Math.max(100, tuiWall * 0.4);
				const start = performance.now();
				try {
					const sample = await measure(kind, context, keyDelayMs);
					samples.get(kind)!.push(sample);
					context.progress(`round ${round}/${context.settings.runs} ${labels[kind]}: ${describe(kind, sample)} [${((performance.now() - start) / 1000).toFixed(1)} s]`);
				} catch (error) {
					samples.get(kind)!.push(undefined);
					errors.get(kind)!.push(`round ${round}: ${failure(error)}`);
					context.progress(`round ${round}/${context.settings.runs} ${labels[kind]}: FAILED: ${failure(error)}`);
				}
			}
		}

		const runs = (kind: Kind, pick: (sample: Sample) => number) => samples.get(kind)!.map(sample => (sample ? pick(sample) : Number.NaN));
		const wall = (sample: Sample) => sample.wallMs;
		const cpu = (sample: Sample) => sample.cpuS;
		const rss = (sample: Sample) => sample.rssMb;
		const bare = {name: 'bare', runs: runs('bare', wall)};
		const bareCpu = {name: 'bare', runs: runs('bare', cpu)};
		const keySamples = samples.get('key')!.filter(sample => sample !== undefined);
		const lateKeys = keySamples.filter(sample => sample.floodDoneBeforeKey).length;
		const sendMs = kinds.filter(kind => kind !== 'key').map(kind => `${labels[kind]} ${median(runs(kind, sample => sample.sendMs)).toFixed(0)} ms`);
		context.notes.push(
			`Flood: ${context.settings.floodCount.toLocaleString('en-US')} frames per run; the emulator (its own process) wrote them all in a median of ${sendMs.join(', ')}.`,
			...(lateKeys > 0 ? [`${lateKeys} of ${keySamples.length} key presses came after the emulator had written every frame (the monitor may still have been reading them).`] : []),
		);
		const errorsOf = (...of: Kind[]) => of.flatMap(kind => errors.get(kind)!.map(error => `${labels[kind]}: ${error}`));
		const results: FigureResult[] = [
			figure(
				{id: 'flood.json.wall', group: 'flood', name: 'flood: --json to a file, wall time', unit: 'ms', target: {kind: 'ratio-at-most', limit: 1.25},
					method: 'From the flood request until the NDJSON status line with "paused":true is in the file (followed every 10 ms); the bare client: until it prints "paused".'},
				runs('json', wall),
				errorsOf('json', 'bare'),
				bare,
			),
			figure(
				{id: 'flood.tui.wall', group: 'flood', name: 'flood: TUI 120x40, wall time', unit: 'ms', target: {kind: 'ratio-at-most', limit: 1.25},
					method: 'From the flood request until "Paused: yes" is on the tmux screen (capture-pane every 20 ms through a control-mode client).'},
				runs('tui', wall),
				errorsOf('tui', 'bare'),
				bare,
			),
			figure(
				{id: 'flood.tui.vs-wscat', group: 'flood', name: 'flood: TUI against wscat, same pane', unit: 'ms', target: {kind: 'faster-by-at-least', limit: 3},
					method: 'wscat -c URL -x <join> -w -1 in a 120x40 pane, until it has printed the status_updated "paused" frame; ratio = wscat\'s time / the TUI\'s.'},
				runs('tui', wall),
				errorsOf('tui', 'wscat'),
				{name: 'wscat', runs: runs('wscat', wall)},
			),
			figure(
				{id: 'flood.json.cpu', group: 'flood', name: 'flood: --json CPU time (user+sys)', unit: 's', target: {kind: 'ratio-at-most', limit: 2},
					method: 'utime+stime from /proc/<pid>/stat (every thread, and any children) between the flood request and the pause being seen.'},
				runs('json', cpu),
				errorsOf('json', 'bare'),
				bareCpu,
			),
			figure(
				{id: 'flood.tui.cpu', group: 'flood', name: 'flood: TUI CPU time (user+sys)', unit: 's', target: {kind: 'ratio-at-most', limit: 1.5},
					method: 'As for --json, for the monitor process in the pane (the pane runs it by exec; tmux\'s own CPU is not counted).'},
				runs('tui', cpu),
				errorsOf('tui', 'bare'),
				bareCpu,
			),
			figure(
				{id: 'flood.json.rss', group: 'flood', name: 'flood: peak RSS after the flood, --json', unit: 'MB', target: {kind: 'below', limit: 150},
					method: 'VmHWM from /proc/<pid>/status once the pause is seen (MB = MiB).'},
				runs('json', rss),
				errorsOf('json'),
			),
			figure(
				{id: 'flood.tui.rss', group: 'flood', name: 'flood: peak RSS after the flood, TUI', unit: 'MB', target: {kind: 'below', limit: 150},
					method: 'VmHWM from /proc/<pid>/status once "Paused: yes" is on screen (MB = MiB).'},
				runs('tui', rss),
				errorsOf('tui'),
			),
			figure(
				{id: 'flood.tui.key', group: 'flood', name: 'flood: a key pressed mid-flood', unit: 'ms', target: {kind: 'at-most', limit: 200},
					method: '? sent with tmux send-keys 40% into the round\'s TUI flood time; until the help overlay ("Esc closes") is on screen, captured every 5 ms.'},
				runs('key', sample => sample.keyMs ?? Number.NaN),
				errorsOf('key'),
			),
		];
		const medianOf = (kind: Kind, pick: (sample: Sample) => number, digits: number) => median(runs(kind, pick)).toFixed(digits);
		context.notes.push(`Anchors: bare client ${medianOf('bare', wall, 0)} ms, ${medianOf('bare', cpu, 2)} s CPU, peak RSS ${medianOf('bare', rss, 0)} MB; `
			+ `wscat ${medianOf('wscat', wall, 0)} ms, ${medianOf('wscat', cpu, 2)} s CPU, peak RSS ${medianOf('wscat', rss, 0)} MB.`);
		return results;
	},
};
