/**
The NDJSON line that says where /metrics is served, written first (before any device's line): with
`--metrics-port 0` the port is chosen at start, and a program reading the lines finds it here.
*/
export function metricsLine(url: string, at: number): Record<string, unknown> {
	return {time: new Date(at).toISOString(), type: 'metrics', url};
}
