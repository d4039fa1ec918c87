import process from 'node:process';
import {performance} from 'node:perf_hooks';

/** One number a benchmark reports; `run.ts` collects them into the closing table. */
export type Figure = {
	readonly name: string;
	readonly value: number;
	readonly unit: string;
};

export type Benchmark = {
	/** Runs the benchmark, printing its own lines as it goes, and returns its headline figures. */
	run(): Promise<Figure[]>;
};

/** Whether the process was started with --expose-gc (heap figures are only comparable when it was). */
export const canCollect = typeof globalThis.gc === 'function';

/** A full collection (twice, so objects freed by finalizers go too); a no-op without --expose-gc. */
export function collect(): void {
	globalThis.gc?.();
	globalThis.gc?.();
}

/** V8 heap in use after a full collection, in MB. */
export function heapUsedMb(): number {
	collect();
	return process.memoryUsage().heapUsed / (1024 * 1024);
}

/** Keeps results alive so the optimiser cannot drop the work that produced them. */
let sink = 0;
export function consume(value: number): void {
	sink = Math.trunc(sink + value);
}

export function sinkValue(): number {
	return sink;
}

export type Throughput = {
	readonly opsPerSecond: number;
	readonly iterations: number;
	readonly ms: number;
};

/**
Calls `body` in batches until `durationMs` of measured time has passed (after `warmupMs` that is not
counted) and returns the rate. Time is read once per batch, not per call.
*/
export function throughput(body: () => void, options: {readonly durationMs?: number; readonly warmupMs?: number; readonly batch?: number} = {}): Throughput {
	const durationMs = options.durationMs ?? 500;
	const warmupMs = options.warmupMs ?? 100;
	const batch = options.batch ?? 256;
	const loop = (ms: number): Throughput => {
		let iterations = 0;
		const start = performance.now();
		let elapsed = 0;
		do {
			for (let index = 0; index < batch; index++) {
				body();
			}

			iterations += batch;
			elapsed = performance.now() - start;
		} while (elapsed < ms);

		return {opsPerSecond: iterations / (elapsed / 1000), iterations, ms: elapsed};
	};

	loop(warmupMs);
	return loop(durationMs);
}

/** The value below which `fraction` of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
	if (samples.length === 0) {
		return Number.NaN;
	}

	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
	return sorted[rank] ?? Number.NaN;
}

export function mean(samples: readonly number[]): number {
	return samples.length === 0 ? Number.NaN : samples.reduce((sum, value) => sum + value, 0) / samples.length;
}

/** 1234567 → "1,234,567"; small or fractional values keep a few significant digits. */
export function formatValue(value: number): string {
	if (!Number.isFinite(value)) {
		return String(value);
	}

	const magnitude = Math.abs(value);
	if (magnitude >= 1000 || Number.isInteger(value)) {
		return Math.round(value).toLocaleString('en-US');
	}

	const digits = magnitude >= 100 ? 1 : (magnitude >= 1 ? 2 : 3);
	return value.toFixed(digits);
}

/** Prints one indented line of a benchmark's own output. */
export function line(text: string): void {
	process.stdout.write(`  ${text}\n`);
}

/** Prints a figure as a line and returns it, so a benchmark can print and collect in one go. */
export function figure(name: string, value: number, unit: string): Figure {
	line(`${name}: ${formatValue(value)} ${unit}`);
	return {name, value, unit};
}
