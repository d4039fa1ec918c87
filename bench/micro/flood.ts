import {performance} from 'node:perf_hooks';
import {Monitor} from '../../source/core/monitor.js';
import type {MonitorEvent} from '../../source/core/monitor-events.js';
import {startEmulator} from '../../source/emulator/start-emulator.js';
import {waitForEvent, waitForSnapshot} from '../../support/wait-for.js';
import {figure, heapUsedMb, line, type Figure} from './measure.js';

/*
A real Monitor on the system clock against the emulator on 127.0.0.1: the emulator pushes 20,000
unknown events, 200 at a time, and each batch is awaited until its last frame reaches monitor.events.
Shows the end-to-end receive rate and that snapshots stay coalesced (~15 a second) whatever the rate.
*/

const total = 20_000;
const batchSize = 200;
const token = 'bench-flood-token-5b1e';

export async function run(): Promise<Figure[]> {
	const emulator = await startEmulator({port: 0, token});
	const monitor = new Monitor({
		apiUrl: new URL(emulator.url),
		token: {kind: 'env', variable: 'FRAMEIO_TOKEN', token},
		clientVersion: '2.0.0',
		healthIntervalMs: 10_000,
	});
	try {
		await monitor.start();
		await waitForSnapshot(monitor, s => s.socket.state === 'joined' && s.identity.phase === 'ok' && s.health.phase === 'ok', 'joined, identity and health', 10_000);
		let received = 0;
		monitor.events.on(event => {
			if (event.type === 'frame' && event.entry.kind === 'frame' && event.entry.direction === 'in' && event.entry.event.startsWith('flood_')) {
				received++;
			}
		});
		let published = 0;
		monitor.subscribe(() => {
			published++;
		});
		const heapBefore = heapUsedMb();
		const start = performance.now();
		for (let first = 0; first < total; first += batchSize) {
			const last = `flood_${first + batchSize - 1}`;
			const arrived = waitForEvent(monitor.events, (event: MonitorEvent) => event.type === 'frame' && event.entry.kind === 'frame' && event.entry.event === last, `frame ${last}`, 30_000);
			for (let index = first; index < first + batchSize; index++) {
				emulator.control.setFaults({sendUnknownEvent: `flood_${index}`});
			}

			await arrived;
		}

		const elapsedMs = performance.now() - start;
		// The last frames reach a snapshot at the end of the current coalescing window.
		await waitForSnapshot(monitor, s => {
			const newest = s.traffic.at(-1);
			return newest?.kind === 'frame' && newest.event === `flood_${total - 1}`;
		}, 'the last frame in a snapshot', 5000);
		const publishedMs = performance.now() - start;
		const heapAfter = heapUsedMb();
		const snapshot = monitor.getSnapshot();
		line(`${received} of ${total} frames received in ${elapsedMs.toFixed(0)} ms (batches of ${batchSize}); socket counted ${snapshot.socket.unknownEvents} unknown events`);
		line(`${published} snapshots published over ${publishedMs.toFixed(0)} ms: one per ${(received / Math.max(1, published)).toFixed(0)} frames, `
			+ `${(published / (publishedMs / 1000)).toFixed(1)} a second (coalescing window 66 ms)`);
		line(`traffic log holds ${snapshot.traffic.length} frames`);
		return [
			figure('frames received end to end', received / (elapsedMs / 1000), 'frames/s'),
			figure('frames', received, 'frames'),
			figure('snapshots published', published, 'snapshots'),
			figure('heap used before (after gc)', heapBefore, 'MB'),
			figure('heap used after (after gc)', heapAfter, 'MB'),
		];
	} finally {
		await monitor.stop();
		await emulator.close();
	}
}
