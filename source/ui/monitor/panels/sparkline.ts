import type {HealthCheck} from '../../../core/health/health-monitor.js';

export type SparkCell = {readonly char: string; readonly outage: boolean};

/**
One cell per check, newest on the right: latency scaled between the window's lowest and highest,
and an outage mark for a failed check.
*/
export function sparkline(history: readonly HealthCheck[], width: number, levels: readonly string[], outage: string): SparkCell[] {
	const recent = history.slice(-Math.max(0, width));
	const latencies = recent.filter(check => check.ok).map(check => check.latencyMs);
	const low = Math.min(...latencies);
	const high = Math.max(...latencies);
	return recent.map(check => {
		if (!check.ok) {
			return {char: outage, outage: true};
		}

		const level = high > low ? Math.round(((check.latencyMs - low) / (high - low)) * (levels.length - 1)) : 0;
		return {char: levels[level] ?? levels[0]!, outage: false};
	});
}

/** A stretch of cells drawn alike (checks, or outages): drawn in one style rather than cell by cell. */
export type SparkRun = {readonly text: string; readonly outage: boolean};

export function sparkRuns(cells: readonly SparkCell[]): SparkRun[] {
	const runs: SparkRun[] = [];
	for (const cell of cells) {
		const last = runs.at(-1);
		if (last?.outage === cell.outage) {
			runs[runs.length - 1] = {text: last.text + cell.char, outage: cell.outage};
		} else {
			runs.push({text: cell.char, outage: cell.outage});
		}
	}

	return runs;
}
