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
