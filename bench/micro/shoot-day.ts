import {performance} from 'node:perf_hooks';
import {getHeapSpaceStatistics} from 'node:v8';
import {Monitor, type MonitorSnapshot} from '../../source/core/monitor.js';
import type {MonitorEvent} from '../../source/core/monitor-events.js';
import {startEmulator} from '../../source/emulator/start-emulator.js';
import {ManualClock} from '../../support/manual-clock.js';
import {waitForEvent, waitForSnapshot} from '../../support/wait-for.js';
import {figure, heapUsedMb, line, type Figure} from './measure.js';

/*
A 12-hour shoot day in a few seconds: a Monitor and the emulator share a ManualClock, which moves in
15 s steps. Within a step the clock stops at each due timer and waits until whatever that timer
started has come back (the heartbeat's reply, the health and identity answers, a reconnect), so
nothing times out for want of wall time. Every half hour the device is paused or resumed, every hour
(at :45) the socket is dropped, soft and hard in turn. Heap is read after gc every hour (the table
has hours 0, 6 and 12): it levels off once the bounded logs have filled, because every log the
monitor and the emulator keep is bounded.
*/

const hours = 12;
const stepMs = 15_000;
const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const token = 'bench-shoot-day-token-9e4c';

type SocketEventOf = Extract<MonitorEvent, {type: 'socket'}>;

/** Nothing in flight: no HTTP request, no unanswered heartbeat, and the socket joined or waiting on a timer. */
function settled(snapshot: MonitorSnapshot): boolean {
	return snapshot.health.phase !== 'checking'
		&& snapshot.identity.phase !== 'fetching'
		&& !snapshot.socket.heartbeat.awaitingReply
		&& (snapshot.socket.state === 'joined' || snapshot.socket.state === 'waiting');
}

/** Compiled code in the V8 heap: it grows as more paths get optimised, which is not data being kept. */
function codeSpaceMb(): number {
	const code = getHeapSpaceStatistics().find(space => space.space_name === 'code_space');
	return (code?.space_used_size ?? 0) / (1024 * 1024);
}

export async function run(): Promise<Figure[]> {
	const clock = new ManualClock();
	const emulator = await startEmulator({port: 0, token, clock});
	// CoalesceMs 0: every change is published at once, so "settled" can be awaited without moving the clock.
	const monitor = new Monitor({
		apiUrl: new URL(emulator.url),
		token: {kind: 'env', variable: 'FRAMEIO_TOKEN', token},
		clientVersion: '2.0.0',
		healthIntervalMs: 10_000,
	}, {clock, coalesceMs: 0});
	const waitSettled = async (what: string) => waitForSnapshot(monitor, settled, what, 10_000);

	/** Moves the clock to `target` one due timer at a time, letting the I/O each one starts finish before the next. */
	const advanceTo = async (target: number) => {
		for (;;) {
			const next = clock.nextIn();
			if (next === undefined || clock.now() + next > target) {
				break;
			}

			await clock.advance(next);

			await waitSettled(`the monitor to settle at ${new Date(clock.now()).toISOString()}`);
		}

		await clock.advance(target - clock.now());
		await waitSettled(`the monitor to settle at ${new Date(clock.now()).toISOString()}`);
	};

	try {
		let heartbeatReplies = 0;
		let statusChanges = 0;
		let errors = 0;
		monitor.events.on(event => {
			if (event.type === 'frame' && event.entry.kind === 'frame' && event.entry.reply?.requestEvent === 'heartbeat') {
				heartbeatReplies++;
			} else if (event.type === 'status') {
				statusChanges++;
			} else if (event.type === 'error') {
				errors++;
			}
		});
		const joined = waitForEvent(monitor.events, (event: MonitorEvent): event is SocketEventOf => event.type === 'socket' && event.socket.state === 'joined', 'joined');
		await monitor.start();
		await joined;
		await waitForSnapshot(monitor, s => settled(s) && s.socket.state === 'joined' && s.identity.phase === 'ok' && s.health.phase === 'ok', 'first identity and health');
		const startedAt = clock.now();
		// Count the day's own status changes, not the three of start-up (unknown, then connected, then not paused).
		statusChanges = 0;
		const heap: Array<{readonly hour: number; readonly mb: number; readonly codeMb: number}> = [{hour: 0, mb: heapUsedMb(), codeMb: codeSpaceMb()}];
		const wallStart = performance.now();
		let drops = 0;
		let quietSteps = 0;
		for (let step = 1; step <= (hours * hourMs) / stepMs; step++) {
			const target = startedAt + (step * stepMs);
			const heartbeatsBefore = heartbeatReplies;

			await advanceTo(target);
			const elapsed = target - startedAt;
			if (heartbeatReplies === heartbeatsBefore) {
				quietSteps++;
			}

			if (elapsed % (30 * minuteMs) === 0) {
				const pause = elapsed % hourMs !== 0;
				const changed = waitForEvent(monitor.events, (event: MonitorEvent) => event.type === 'status' && event.status.paused.value === pause, pause ? 'paused' : 'resumed');
				if (pause) {
					emulator.control.pause();
				} else {
					emulator.control.resume();
				}

				await changed;

				await waitSettled('the monitor to settle after a status change');
			}

			if (elapsed % hourMs === 45 * minuteMs) {
				const waiting = waitForEvent(monitor.events, (event: MonitorEvent) => event.type === 'socket' && event.socket.state === 'waiting', 'the socket waiting to reconnect');
				emulator.control.drop({hard: drops % 2 === 1});
				drops++;

				await waiting;
			}

			if (elapsed % hourMs === 0) {
				heap.push({hour: elapsed / hourMs, mb: heapUsedMb(), codeMb: codeSpaceMb()});
			}
		}

		const wallMs = performance.now() - wallStart;
		const snapshot = monitor.getSnapshot();
		const device = emulator.control.state().devices[0];
		if (!device) {
			throw new Error('the emulator has no device');
		}

		const {heartbeat} = snapshot.socket;
		line(`simulated ${hours} h in ${(wallMs / 1000).toFixed(1)} s (${Math.round((hours * hourMs) / wallMs).toLocaleString('en-US')}x real time)`);
		line(`heartbeats: ${heartbeat.sent} sent, ${heartbeat.answered} answered, ${heartbeat.timeouts} timed out `
			+ `(${heartbeatReplies} replies seen as events; ${quietSteps} of ${(hours * hourMs) / stepMs} steps had none, the one after each reconnect)`);
		line(`socket: ${snapshot.socket.connections} connections, ${snapshot.socket.reconnects} reconnects after ${drops} drops; `
			+ `${snapshot.socket.framesOut} frames out, ${snapshot.socket.framesIn} in`);
		line(`status: ${statusChanges} changes after start-up (a pause or resume every 30 min); paused now: ${String(snapshot.status.paused.value)}; ${errors} error events`);
		line(`identity: ${snapshot.identity.requests} requests by the monitor, ${device.identityRequests.length} kept by the emulator (capped at 500), `
			+ `identityTooSoon ${device.identityTooSoon} (must be 0)`);
		line(`health: ${snapshot.health.history.length} checks kept (capped at 120), last ${snapshot.health.phase}`);
		line(`heap after gc, hour by hour (MB): ${heap.map(({mb}) => mb.toFixed(1)).join(' ')}`);
		line(`  of which V8 code space (compiled code, not data): ${heap.map(({codeMb}) => codeMb.toFixed(1)).join(' ')}`);
		return [
			figure('wall time for 12 h', wallMs, 'ms'),
			figure('heartbeats sent', heartbeat.sent, 'heartbeats'),
			figure('identity requests', snapshot.identity.requests, 'requests'),
			figure('emulator identityTooSoon (must be 0)', device.identityTooSoon, 'requests'),
			figure('traffic log length (bound 1000)', snapshot.traffic.length, 'frames'),
			...heap.filter(({hour}) => hour % 6 === 0).map(({hour, mb}) => figure(`heap used at hour ${hour} (after gc)`, mb, 'MB')),
		];
	} finally {
		await monitor.stop();
		await emulator.close();
	}
}
