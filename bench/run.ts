/*
Benchmarks (bench/README.md says more).

  npm run bench                              every figure of issue 10: flood, idle, startup, fleet
  npm run bench -- flood|idle|startup|fleet  one group (or several)
  npm run bench -- micro                     the in-process benchmarks: codec, monitor-flood, shoot-day, render
  npm run bench -- codec|monitor-flood|shoot-day|render

`npm run bench` builds first (the figures are of the tree as it is), then runs this file with
`node --expose-gc --import tsx`. Every process under test is started as a person would start it.
*/
import {dirname} from 'node:path';
import process from 'node:process';
import {performance} from 'node:perf_hooks';
import {settingsFromEnv, type Context, type Group} from './system/context.js';
import {floodGroup} from './system/flood.js';
import {fleetGroup} from './system/fleet.js';
import {idleGroup} from './system/idle.js';
import {build, cleanEnv, cleanupSync, freshFolder, installCleanup, snapshotBuild, workspace} from './system/processes.js';
import {gitState, loadAverage, machine, table, writeResults, type FigureResult, type GroupRecord} from './system/report.js';
import {soakGroup} from './system/soak.js';
import {startupGroup} from './system/startup.js';
import {TmuxServer} from './system/tmux.js';
import type {Benchmark, Figure} from './micro/measure.js';

// Pin what Ink and chalk read when they load (as test/setup.ts does), so the in-process benchmarks
// draw the same frames every time: no CI mode, 16 colours. (The processes the system groups start get
// an environment of their own, made from nothing.) React's production build unless told otherwise.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
delete process.env.NO_COLOR;
process.env.FORCE_COLOR = '1';
process.env.NODE_ENV ??= 'production';
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = false;

const groups: readonly Group[] = [floodGroup, idleGroup, startupGroup, fleetGroup];
/** Groups that run only when named (`npm run bench -- soak`): they take long and measure an issue of their own. */
const namedOnly: readonly Group[] = [soakGroup];

type Micro = {readonly name: string; readonly what: string; readonly load: () => Promise<Benchmark>};
const micro: readonly Micro[] = [
	{name: 'codec', what: 'Phoenix decode/encode and NDJSON lines, in process', load: async () => import('./micro/codec.js')},
	{name: 'monitor-flood', what: '20,000 pushed events through a real Monitor and the emulator, in process', load: async () => import('./micro/flood.js')},
	{name: 'shoot-day', what: 'a 12-hour day on a ManualClock: heartbeats, pauses, drops, heap', load: async () => import('./micro/shoot-day.js')},
	{name: 'render', what: 'the Ink App over 1,000 traffic frames at 80x24 and 200x60', load: async () => import('./micro/render.js')},
];

function usage(): string {
	return [
		'usage: npm run bench [-- name…]',
		'  (no name)     every group below but micro',
		...groups.map(group => `  ${group.name.padEnd(13)} ${group.what}`),
		...namedOnly.map(group => `  ${group.name.padEnd(13)} ${group.what} (only when named)`),
		'  micro         every in-process benchmark:',
		...micro.map(entry => `    ${entry.name.padEnd(13)} ${entry.what}`),
		'environment: BENCH_RUNS (3), BENCH_STARTUP_RUNS (5), BENCH_IDLE_SECONDS (60), BENCH_FLEET_SECONDS (60),',
		'  BENCH_SETTLE_SECONDS (10), BENCH_FLOOD_COUNT (100000), BENCH_FLOOD_BATCH (1; 0: one write per frame), BENCH_FLEET_DEVICES (50),',
		'  BENCH_CLI (another tree\'s dist/cli.js to measure; the emulator stays this tree\'s),',
		'  BENCH_SOAK_SECONDS (600), BENCH_SOAK_FAULTS (17)',
		'',
	].join('\n');
}

const print = (text: string) => process.stdout.write(`${text}\n`);

async function runGroups(selected: readonly Group[]): Promise<boolean> {
	const settings = settingsFromEnv();
	const root = workspace();
	const tmux = await TmuxServer.start(root, cleanEnv(freshFolder(root, 'tmux-home')));
	const git = gitState();
	const statusHead = git.status.split('\n').slice(0, 10).join('\n');
	print(`commit ${git.commit}${git.status === '' ? ', no uncommitted changes' : `, git status --short | head:\n${statusHead}`}`);
	const otherMonitor = process.env.BENCH_CLI;
	snapshotBuild(root);
	print(otherMonitor === undefined
		? `this tree's dist/ copied to ${dirname(build.monitor)}: what is measured cannot change halfway through`
		: `the monitor under test: ${otherMonitor} (BENCH_CLI); the emulator: this tree's dist/, copied`);

	print(`settings ${JSON.stringify(settings)}${settings.runs < 3 ? ' (fewer than 3 runs: for trying things out, not for the table)' : ''}`);
	const records: GroupRecord[] = [];
	let ok = true;
	try {
		for (const group of selected) {
			print(`\n${group.name}: ${group.what}`);
			const started = performance.now();
			const notes: string[] = [];
			const context: Context = {
				root,
				tmux,
				settings,
				notes,
				progress(text) {
					print(`  [${group.name} ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${text}`);
				},
			};
			const machineAtStart = machine();
			let figures: FigureResult[];
			try {
				figures = await group.run(context);
			} catch (error) {
				print(`  ${group.name} FAILED: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
				ok = false;
				continue;
			}

			ok &&= figures.every(result => result.met !== undefined && result.errors.length === 0);
			const seconds = (performance.now() - started) / 1000;
			print(`  (${seconds.toFixed(0)} s)`);
			const monitorCli = otherMonitor ?? 'dist/cli.js of this tree';
			records.push({group: group.name, machine: machineAtStart, git, monitorCli, settings: {...settings}, seconds, loadAverageAtEnd: loadAverage(), figures, notes});
		}
	} finally {
		tmux.close();
	}

	if (records.length > 0) {
		const m = records[0]!.machine;
		print(`\nissue 10 figures · ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB · Node ${m.node} · ${m.date} · load ${m.loadAverageAtStart.join(' ')} → ${loadAverage().join(' ')}`);
		print(`commit ${git.commit.slice(0, 12)}${git.status === '' ? '' : ' with uncommitted changes'}; each figure the median of its runs; ratios paired by round\n`);
		const figures = records.flatMap(record => record.figures);
		print(table(figures));
		for (const record of records) {
			for (const result of record.figures) {
				for (const error of result.errors) {
					print(`  ${result.id}: ${error.split('\n')[0]}`);
				}
			}

			for (const note of record.notes) {
				print(`  ${record.group}: ${note}`);
			}
		}

		const written = writeResults(records);
		print(`\nwritten: ${written.json}, ${written.markdown}`);
	}

	return ok;
}

async function runMicro(selected: readonly Micro[]): Promise<boolean> {
	const rows: Array<[string, string, string, string]> = [];
	let ok = true;
	for (const entry of selected) {
		print(`\n${entry.name}: ${entry.what}`);
		const start = performance.now();
		try {
			const benchmark = await entry.load();
			const figures: Figure[] = await benchmark.run();
			print(`  (${((performance.now() - start) / 1000).toFixed(1)} s)`);
			for (const {name, value, unit} of figures) {
				rows.push([entry.name, name, Number.isInteger(value) || Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2), unit]);
			}
		} catch (error) {
			ok = false;
			const message = error instanceof Error ? error.message : String(error);
			print(`  FAILED: ${error instanceof Error ? error.stack ?? message : message}`);
			rows.push([entry.name, `FAILED: ${message}`, '', '']);
		}
	}

	const all = [['benchmark', 'figure', 'value', 'unit'], ...rows];
	const widths = [0, 1, 2, 3].map(column => Math.max(...all.map(row => row[column]?.length ?? 0)));
	print('');
	for (const row of all) {
		print(row.map((cell, column) => (column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd());
	}

	return ok;
}

async function main(): Promise<number> {
	const names = process.argv.slice(2);
	if (names.includes('--help') || names.includes('-h')) {
		process.stdout.write(usage());
		return 0;
	}

	const known = new Set([...groups.map(group => group.name), ...namedOnly.map(group => group.name), 'micro', ...micro.map(entry => entry.name)]);
	const unknown = names.filter(name => !known.has(name));
	if (unknown.length > 0) {
		process.stderr.write(`unknown benchmark${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}\n${usage()}`);
		return 2;
	}

	installCleanup();
	const m = machine();
	print(`c2c-status benchmarks · ${m.cpu}, ${m.cores} cores · Node ${m.node} · ${process.platform}/${process.arch} · load ${m.loadAverageAtStart.join(' ')}`);
	const selectedGroups = names.length === 0 ? groups : [...groups, ...namedOnly].filter(group => names.includes(group.name));
	const selectedMicro = micro.filter(entry => names.includes('micro') || names.includes(entry.name));
	let ok = true;
	if (selectedGroups.length > 0) {
		ok = await runGroups(selectedGroups);
	}

	if (selectedMicro.length > 0) {
		ok = await runMicro(selectedMicro) && ok;
	}

	return ok ? 0 : 1;
}

try {
	process.exitCode = await main();
} finally {
	cleanupSync();
}

// Nothing should be left running now; if something is, say what instead of hanging silently. The
// timer is unref'd, so it neither keeps the process alive nor fires when the process exits on its own.
setTimeout(() => {
	process.stderr.write(`bench: still running 5 s after the last benchmark; active resources: ${process.getActiveResourcesInfo().join(', ')}\n`);
}, 5000).unref();
