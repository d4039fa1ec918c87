import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {cpus, loadavg, release, totalmem} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {repoRoot} from './processes.js';

/*
The figures of issue 10: each the median of its runs, beside its anchor (measured in the same
rounds), the ratio, the target, and whether it is met. Printed as a table and written as JSON
(bench/results/latest.json) and Markdown (bench/results/latest.md).
*/

export type Target =
	/** Value / anchor ≤ limit */
	| {readonly kind: 'ratio-at-most'; readonly limit: number}
	/** Anchor / value ≥ limit ("n× faster") */
	| {readonly kind: 'faster-by-at-least'; readonly limit: number}
	| {readonly kind: 'at-most'; readonly limit: number}
	| {readonly kind: 'below'; readonly limit: number};

export type Unit = 'ms' | 's' | '%' | 'B/s' | 'MB';

export type FigureSpec = {
	readonly id: string;
	readonly group: string;
	readonly name: string;
	readonly unit: Unit;
	readonly target: Target;
	/** How it is measured, one or two sentences. */
	readonly method: string;
};

export type FigureResult = FigureSpec & {
	readonly runs: readonly number[];
	/** The median of the runs (NaN without any). */
	readonly value: number;
	readonly anchor?: {readonly name: string; readonly runs: readonly number[]; readonly value: number};
	/** The median of the ratios of runs paired by round (value / anchor, or anchor / value for "faster"). */
	readonly ratio?: number;
	readonly ratioRuns?: readonly number[];
	readonly met: boolean | undefined;
	readonly errors: readonly string[];
};

export function median(samples: readonly number[]): number {
	const sorted = samples.filter(sample => Number.isFinite(sample)).sort((a, b) => a - b);
	if (sorted.length === 0) {
		return Number.NaN;
	}

	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
A figure from its runs. With an anchor, `runs[i]` and `anchorRuns[i]` are from the same round (NaN
for a run that failed), and the ratio is taken per round, then the median.
*/
export function figure(spec: FigureSpec, runs: readonly number[], errors: readonly string[] = [], anchor?: {name: string; runs: readonly number[]}): FigureResult {
	const value = median(runs);
	if (!anchor) {
		const {limit} = spec.target;
		const met = Number.isNaN(value) ? undefined : (spec.target.kind === 'below' ? value < limit : value <= limit);
		return {...spec, runs, value, met, errors};
	}

	const faster = spec.target.kind === 'faster-by-at-least';
	const ratioRuns = runs.map((run, index) => {
		const base = anchor.runs[index] ?? Number.NaN;
		return faster ? base / run : run / base;
	}).filter(ratio => Number.isFinite(ratio));
	const ratio = median(ratioRuns);
	const met = Number.isNaN(ratio) ? undefined : (faster ? ratio >= spec.target.limit : ratio <= spec.target.limit);
	return {...spec, runs, value, anchor: {name: anchor.name, runs: anchor.runs, value: median(anchor.runs)}, ratio, ratioRuns, met, errors};
}

export function formatValue(value: number, unit: Unit): string {
	if (!Number.isFinite(value)) {
		return '—';
	}

	switch (unit) {
		case 'ms':
		case 'B/s': {
			return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
		}

		case 's': {
			return `${value.toFixed(2)} s`;
		}

		case '%': {
			return `${value.toFixed(2)}%`;
		}

		case 'MB': {
			return `${value.toFixed(0)} MB`;
		}
	}
}

function targetText(result: FigureSpec & {anchor?: {name: string}}): string {
	const {target} = result;
	const anchor = result.anchor?.name ?? 'anchor';
	switch (target.kind) {
		case 'ratio-at-most': {
			return `≤ ${target.limit}× ${anchor}`;
		}

		case 'faster-by-at-least': {
			return `≥ ${target.limit}× faster than ${anchor}`;
		}

		case 'at-most': {
			return `≤ ${formatValue(target.limit, result.unit)}`;
		}

		case 'below': {
			return `< ${formatValue(target.limit, result.unit)}`;
		}
	}
}

function ratioText(result: FigureResult): string {
	if (result.ratio === undefined) {
		return '';
	}

	if (!Number.isFinite(result.ratio)) {
		return '—';
	}

	return result.target.kind === 'faster-by-at-least' ? `${result.ratio.toFixed(2)}× faster` : `${result.ratio.toFixed(2)}×`;
}

function resultText(result: FigureResult): string {
	if (result.met === undefined) {
		return result.errors.length > 0 ? 'FAILED' : 'no runs';
	}

	return result.met ? 'met' : 'NOT MET';
}

function spread(result: FigureResult): string {
	const samples = result.ratioRuns ?? result.runs;
	const finite = samples.filter(sample => Number.isFinite(sample));
	if (finite.length < 2) {
		return `n=${finite.length}`;
	}

	const digits = result.ratioRuns ? 2 : (result.unit === 's' || result.unit === '%' ? 2 : 0);
	return `n=${finite.length} ${Math.min(...finite).toFixed(digits)}–${Math.max(...finite).toFixed(digits)}`;
}

const header = ['Figure', 'Measured', 'Anchor', 'Ratio', 'Target', 'Result', 'Runs (min–max)'];

function rowsOf(results: readonly FigureResult[]): string[][] {
	return results.map(result => [
		result.name,
		formatValue(result.value, result.unit),
		result.anchor ? `${result.anchor.name} ${formatValue(result.anchor.value, result.unit)}` : '',
		ratioText(result),
		targetText(result),
		resultText(result),
		spread(result),
	]);
}

export function table(results: readonly FigureResult[]): string {
	const rows = [header, ...rowsOf(results)];
	const widths = header.map((_, column) => Math.max(...rows.map(row => [...(row[column] ?? '')].length)));
	const format = (row: readonly string[]) => row.map((cell, column) => {
		const pad = (widths[column] ?? 0) - [...cell].length;
		return column === 1 || column === 3 ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
	}).join('  ').trimEnd();
	return [format(header), widths.map(width => '-'.repeat(width)).join('  '), ...rows.slice(1).map(row => format(row))].join('\n');
}

export function markdownTable(results: readonly FigureResult[]): string {
	const escape = (cell: string) => cell.replaceAll('|', String.raw`\|`);
	return [
		`| ${header.join(' | ')} |`,
		`| ${header.map((_, column) => (column === 1 || column === 3 ? '---:' : '---')).join(' | ')} |`,
		...rowsOf(results).map(row => `| ${row.map(cell => escape(cell)).join(' | ')} |`),
	].join('\n');
}

export type Machine = {
	readonly cpu: string;
	readonly cores: number;
	readonly memoryGb: number;
	readonly node: string;
	readonly kernel: string;
	readonly date: string;
	readonly loadAverageAtStart: readonly number[];
};

export function loadAverage(): number[] {
	return loadavg().map(load => Math.round(load * 100) / 100);
}

export function machine(): Machine {
	const list = cpus();
	return {
		cpu: list[0]?.model.trim() ?? 'unknown',
		cores: list.length,
		memoryGb: Math.round(totalmem() / (1024 ** 3) * 10) / 10,
		node: process.version,
		kernel: release(),
		date: new Date().toISOString(),
		loadAverageAtStart: loadAverage(),
	};
}

export type GitState = {readonly commit: string; readonly status: string};

export function gitState(): GitState {
	const git = (...args: string[]) => {
		try {
			return execFileSync('git', args, {cwd: repoRoot, encoding: 'utf8'}).trim();
		} catch {
			return 'unknown';
		}
	};

	return {commit: git('rev-parse', 'HEAD'), status: git('status', '--short')};
}

export type GroupRecord = {
	readonly group: string;
	readonly machine: Machine;
	readonly git: GitState;
	/** The monitor measured: this tree's dist/cli.js unless BENCH_CLI named another (absent in older records). */
	readonly monitorCli?: string;
	readonly settings: Readonly<Record<string, number>>;
	readonly seconds: number;
	/** The 1, 5 and 15 minute load averages when the group ended (the machine is shared: a high one means noise). */
	readonly loadAverageAtEnd: readonly number[];
	readonly figures: readonly FigureResult[];
	readonly notes: readonly string[];
};

type Results = {readonly updated: string; readonly groups: Record<string, GroupRecord>};

export const resultsDirectory = join(repoRoot, 'bench', 'results');
const order = ['flood', 'idle', 'startup', 'fleet'];

/** Writes the groups just run into latest.json (keeping the other groups of earlier runs) and latest.md. */
export function writeResults(records: readonly GroupRecord[]): {json: string; markdown: string} {
	mkdirSync(resultsDirectory, {recursive: true});
	const json = join(resultsDirectory, 'latest.json');
	let previous: Results | undefined;
	if (existsSync(json)) {
		try {
			previous = JSON.parse(readFileSync(json, 'utf8')) as Results;
		} catch {
			previous = undefined;
		}
	}

	const groups: Record<string, GroupRecord> = {...previous?.groups};
	for (const record of records) {
		groups[record.group] = record;
	}

	const sorted = Object.values(groups).sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
	writeFileSync(json, `${JSON.stringify({updated: new Date().toISOString(), groups: Object.fromEntries(sorted.map(record => [record.group, record]))}, undefined, '\t')}\n`);
	const markdown = join(resultsDirectory, 'latest.md');
	const lines = ['# c2c-status: issue 10 figures', ''];
	for (const record of sorted) {
		const {machine: m} = record;
		lines.push(
			`## ${record.group}`,
			'',
			`${m.date} · ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB · Node ${m.node} · Linux ${m.kernel} · load ${m.loadAverageAtStart.join(' ')} → ${record.loadAverageAtEnd.join(' ')}`
			+ ` · commit ${record.git.commit.slice(0, 10)}${record.git.status === '' ? '' : ' (with uncommitted changes)'}`
			+ (record.monitorCli === undefined || record.monitorCli.startsWith('dist/cli.js of this tree') ? '' : ` · monitor ${record.monitorCli}`),
			'',
			markdownTable(record.figures),
			'',
			...record.figures.map(result => `- **${result.name}**: ${result.method}`),
			...record.notes.map(note => `- ${note}`),
			'',
		);
	}

	writeFileSync(markdown, `${lines.join('\n')}\n`);
	return {json, markdown};
}
