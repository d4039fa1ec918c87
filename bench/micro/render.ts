import process from 'node:process';
import {performance} from 'node:perf_hooks';
import {render} from 'ink-testing-library';
import {createElement, version as reactVersion} from 'react';
import {RingBuffer} from '../../source/core/utils/ring-buffer.js';
import {trafficCapacity, type TrafficEntry} from '../../source/core/socket/traffic.js';
import App from '../../source/ui/monitor/App.js';
import ThemeContext from '../../source/ui/shared/ThemeContext.js';
import {createTheme} from '../../source/ui/shared/theme.js';
import {baseTime, FakeMonitor, frame, heartbeats, snapshot} from '../../support/fake-monitor.js';
import {figure, line, mean, percentile, type Figure} from './measure.js';

/*
The Ink view's cost per snapshot: App in ThemeContext (as test/helpers/render-ink.tsx draws it) over
a store holding a full traffic log of 1,000 frames. Each publish adds one frame (ring-buffered at
1,000, as the Monitor keeps it) and is timed until Ink has written the frame that shows it.

No JSX here: tsx compiles bench/ outside tsconfig.json's `include`, so it would not pick up
`"jsx": "react-jsx"` (which is also why render-ink.tsx itself is not imported).
*/

const renders = 500;
const warmup = 25;
const sizes = [{columns: 80, rows: 24}, {columns: 200, rows: 60}] as const;
const topic = 'devices:a7e95254-8cd6-4d59-b54d-28c58570a8de';

type Screen = {
	/** Resolves with the first frame written from now on that satisfies the predicate. */
	next(predicate: (frame: string) => boolean, what: string): Promise<string>;
	close(): void;
};

/** Ink-testing-library's render at a given terminal size (its stdout has 100 columns and no rows by itself). */
function screen(monitor: FakeMonitor, columns: number, rows: number): Screen {
	const tree = createElement(ThemeContext.Provider, {value: createTheme({color: true, ascii: false})}, createElement(App, {monitor, now: () => baseTime, onQuit() {}}));
	const instance = render(tree);
	const stdout = instance.stdout as unknown as NodeJS.EventEmitter & {write: (frame: string) => void};
	let listener: ((frame: string) => void) | undefined;
	// Keep only the latest frame (the library's own write keeps them all).
	stdout.write = (text: string) => {
		listener?.(text);
	};

	Object.defineProperty(stdout, 'columns', {get: () => columns, configurable: true});
	Object.defineProperty(stdout, 'rows', {get: () => rows, configurable: true});
	stdout.emit('resize');
	return {
		async next(predicate, what) {
			return new Promise<string>((resolve, reject) => {
				const timer = setTimeout(() => {
					listener = undefined;
					reject(new Error(`timed out waiting for ${what}`));
				}, 5000);
				listener = text => {
					if (predicate(text)) {
						clearTimeout(timer);
						listener = undefined;
						resolve(text);
					}
				};
			});
		},
		close() {
			instance.unmount();
			instance.cleanup();
		},
	};
}

async function measure(columns: number, rows: number): Promise<number[]> {
	const traffic = new RingBuffer<TrafficEntry>(trafficCapacity);
	for (const entry of heartbeats(trafficCapacity / 2)) {
		traffic.push(entry);
	}

	const monitor = new FakeMonitor(snapshot({traffic: traffic.toArray()}));
	const view = screen(monitor, columns, rows);
	try {
		const samples: number[] = [];
		for (let index = 0; index < warmup + renders; index++) {
			const event = `bench_${index}`;
			traffic.push(frame({at: baseTime - 500, topic, event, ref: null, payload: {}}));
			const drawn = view.next(f => f.includes(event), `a frame with ${event}`);
			const start = performance.now();
			monitor.publish({traffic: traffic.toArray()});

			await drawn;
			if (index >= warmup) {
				samples.push(performance.now() - start);
			}
		}

		return samples;
	} finally {
		view.close();
	}
}

export async function run(): Promise<Figure[]> {
	const build = process.env.NODE_ENV === 'production' ? 'production' : 'development';
	line(`React ${reactVersion}, ${build} build (NODE_ENV=${process.env.NODE_ENV ?? ''}); color theme, FORCE_COLOR=${process.env.FORCE_COLOR ?? ''}`);
	const measuresBefore = performance.getEntriesByType('measure').length;
	const figures: Figure[] = [];
	for (const {columns, rows} of sizes) {
		const samples = await measure(columns, rows);
		line(`${columns}x${rows}: ${samples.length} renders after ${warmup} warm-up, median ${percentile(samples, 0.5).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms`);
		figures.push(
			figure(`render ${columns}x${rows} mean`, mean(samples), 'ms'),
			figure(`render ${columns}x${rows} p95`, percentile(samples, 0.95), 'ms'),
		);
	}

	// React's development build leaves performance.measure entries behind on every render; Node keeps them until cleared.
	line(`performance.measure entries left behind by React: ${performance.getEntriesByType('measure').length - measuresBefore}`);
	performance.clearMeasures();
	return figures;
}
