/*
Benchmarks: `npm run bench` runs them all, `node --expose-gc --import tsx bench/run.ts <name>…` only
those named. Each prints figures; none asserts a timing. All traffic stays on 127.0.0.1.
*/
import process from 'node:process';
import {performance} from 'node:perf_hooks';
import {canCollect, formatValue, type Benchmark, type Figure} from './measure.js';

// Pin what Ink and chalk read when they load (as test/setup.ts does), so every run draws the same
// frames: no CI mode, 16 colours whatever the terminal. The benchmarks are imported only after this.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
delete process.env.NO_COLOR;
process.env.FORCE_COLOR = '1';
// React's production build unless told otherwise: the development build renders 4-5x slower and
// records ~70 performance.measure entries per render, which would swamp the render figures.
// `NODE_ENV=development npm run bench` measures the development build instead.
process.env.NODE_ENV ??= 'production';
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = false;

type Entry = {
	readonly name: string;
	readonly what: string;
	readonly load: () => Promise<Benchmark>;
};

const benchmarks: readonly Entry[] = [
	{name: 'codec', what: 'Phoenix decode/encode and NDJSON lines, in process', load: async () => import('./codec.js')},
	{name: 'flood', what: '20,000 pushed events through a real Monitor and the emulator', load: async () => import('./flood.js')},
	{name: 'shoot-day', what: 'a 12-hour day on a ManualClock: heartbeats, pauses, drops, heap', load: async () => import('./shoot-day.js')},
	{name: 'render', what: 'the Ink App over 1,000 traffic frames at 80x24 and 200x60', load: async () => import('./render.js')},
];

type Outcome = {readonly name: string; readonly ms: number} & ({readonly ok: true; readonly figures: Figure[]} | {readonly ok: false; readonly error: string});

function usage(): string {
	return `usage: node --expose-gc --import tsx bench/run.ts [${benchmarks.map(b => b.name).join(' | ')}]…\n${benchmarks.map(b => `  ${b.name.padEnd(10)} ${b.what}`).join('\n')}\n`;
}

function table(outcomes: readonly Outcome[]): string {
	const rows: Array<[string, string, string, string]> = [['benchmark', 'figure', 'value', 'unit']];
	for (const outcome of outcomes) {
		if (outcome.ok) {
			for (const {name, value, unit} of outcome.figures) {
				rows.push([outcome.name, name, formatValue(value), unit]);
			}
		} else {
			rows.push([outcome.name, `FAILED: ${outcome.error}`, '', '']);
		}
	}

	const widths = [0, 1, 2, 3].map(column => Math.max(...rows.map(row => row[column]?.length ?? 0)));
	const format = (row: readonly string[]) => row.map((cell, column) => (column === 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
	const [head, ...body] = rows;
	return [format(head ?? []), widths.map(width => '-'.repeat(width)).join('  '), ...body.map(row => format(row))].join('\n');
}

async function main(): Promise<number> {
	const names = process.argv.slice(2);
	if (names.includes('--help') || names.includes('-h')) {
		process.stdout.write(usage());
		return 0;
	}

	const unknown = names.filter(name => !benchmarks.some(b => b.name === name));
	if (unknown.length > 0) {
		process.stderr.write(`unknown benchmark${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}\n${usage()}`);
		return 2;
	}

	const selected = names.length === 0 ? benchmarks : benchmarks.filter(b => names.includes(b.name));
	process.stdout.write(`c2c-status benchmarks · node ${process.version} · ${process.platform}/${process.arch}\n`);
	if (!canCollect) {
		process.stdout.write('note: started without --expose-gc, so heap figures are taken without a full collection first\n');
	}

	const outcomes: Outcome[] = [];
	for (const entry of selected) {
		process.stdout.write(`\n${entry.name}: ${entry.what}\n`);
		const start = performance.now();
		try {
			const benchmark = await entry.load();

			const figures = await benchmark.run();
			const ms = performance.now() - start;
			process.stdout.write(`  (${(ms / 1000).toFixed(1)} s)\n`);
			outcomes.push({name: entry.name, ms, ok: true, figures});
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			process.stdout.write(`  FAILED: ${error instanceof Error ? error.stack ?? message : message}\n`);
			outcomes.push({name: entry.name, ms: performance.now() - start, ok: false, error: message});
		}
	}

	const totalMs = outcomes.reduce((sum, outcome) => sum + outcome.ms, 0);
	process.stdout.write(`\n${table(outcomes)}\n\ntotal ${(totalMs / 1000).toFixed(1)} s\n`);
	return outcomes.every(outcome => outcome.ok) ? 0 : 1;
}

process.exitCode = await main();

// Nothing should be left running now; if something is, say what instead of hanging silently. The
// timer is unref'd, so it neither keeps the process alive nor fires when the process exits on its own.
setTimeout(() => {
	process.stderr.write(`bench: still running 5 s after the last benchmark; active resources: ${process.getActiveResourcesInfo().join(', ')}\n`);
}, 5000).unref();
