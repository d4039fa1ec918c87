import {afterEach, describe, expect, it} from 'vitest';
import {Monitor} from '../../../source/core/monitor.js';
import App from '../../../source/ui/monitor/App.js';
import {cleanup as cleanupEmulators, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {cleanup, renderInk} from '../../helpers/render-ink.js';
import type {MonitorEvent} from '../../../source/core/monitor-events.js';
import {eventOf} from '../../helpers/frames.js';
import {waitForEvent} from '../../../support/wait-for.js';

const secret = 'live-ui-token-0c9d8e';
const monitors: Monitor[] = [];

afterEach(async () => {
	cleanup();
	await Promise.all(monitors.splice(0).map(async monitor => monitor.stop()));
	await cleanupEmulators();
});

async function live() {
	const fixture = await startTestEmulator({token: secret});
	const monitor = new Monitor(
		{apiUrl: new URL(fixture.emulator.url), token: {kind: 'env', variable: 'FRAMEIO_TOKEN', token: secret}, clientVersion: '2.0.0', healthIntervalMs: 10_000},
		{clock: fixture.clock},
	);
	monitors.push(monitor);
	const joined = waitForEvent(monitor.events, (event: MonitorEvent) => event.type === 'socket' && event.socket.state === 'joined', 'joined');
	await monitor.start();
	await joined;
	await fixture.clock.advance(66);
	const rendered = renderInk(<App monitor={monitor} now={() => fixture.clock.now()} onQuit={() => {}}/>, {columns: 100, rows: 30});
	return {...fixture, monitor, rendered};
}

describe('App on a live monitor against the emulator', () => {
	it('shows the device and flips to Paused: yes when the emulator pauses it', async () => {
		const {rendered, emulator, clock} = await live();
		const first = await rendered.waitForFrame(f => f.includes('joined for'), 'a joined socket');
		expect(first).toContain('Paused: no');
		expect(first).toContain('Connected: yes');
		expect(first).toContain('Project    Demo project');
		emulator.control.pause();
		await clock.advance(66);
		const paused = await rendered.waitForFrame(f => f.includes('Paused: yes'), 'Paused: yes');
		expect(paused).toContain('from a status_updated event');
		expect(paused).toContain('status_updated "paused"');
		expect(rendered.frames.join('')).not.toContain(secret);
	});

	it('redraws at most once per coalescing window under a flood of frames', async () => {
		const {rendered, emulator, clock, monitor} = await live();
		await rendered.waitForFrame(f => f.includes('joined for'), 'a joined socket');
		const before = rendered.frames.length;
		// One frame per turn of the event loop, so React cannot batch them all into one render by itself.
		for (let index = 0; index < 300; index++) {
			const arrived = waitForEvent(monitor.events, (event: MonitorEvent) => event.type === 'frame' && eventOf(event.entry) === `flood_${index}`, `flood frame ${index}`);
			emulator.control.setFaults({sendUnknownEvent: `flood_${index}`});
			await arrived;
			await new Promise(resolve => {
				setImmediate(resolve);
			});
		}

		const during = rendered.frames.length - before;
		await clock.advance(66);
		await rendered.waitForFrame(f => f.includes('flood_299'), 'the last flood frame');
		expect(during).toBeLessThanOrEqual(2);
	});
});
