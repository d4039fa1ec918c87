import {afterEach, describe, expect, it, vi} from 'vitest';
import App from '../../source/ui/App.js';
import {baseTime, FakeMonitor, snapshot} from '../helpers/fake-monitor.js';
import {cleanup, renderInk} from '../helpers/render-ink.js';

// Chalk (through Ink) picks its colour level once, when it loads, and test/setup.ts pins it to none.
// This file (a process of its own) asks for 16 colours before anything loads Ink, as bench/run.ts does;
// vi.hoisted runs before the imports above, which is also why it imports process itself.
await vi.hoisted(async () => {
	const {default: process} = await import('node:process');
	process.env.FORCE_COLOR = '1';
});

afterEach(() => {
	cleanup();
});

const now = () => baseTime;

describe('App colour', () => {
	it('uses colour only when allowed, and never as the only sign', () => {
		const paused = new FakeMonitor(snapshot({status: {...snapshot().status, paused: {value: true, since: baseTime, source: 'event', evidenceAt: baseTime}}}));
		const colour = renderInk(<App monitor={paused} now={now} onQuit={() => {}}/>, {color: true});
		// eslint-disable-next-line no-control-regex
		expect(colour.frame()).toMatch(/\u001B\[33m[^\u001B]*Paused: yes/);
		const plain = renderInk(<App monitor={paused} now={now} onQuit={() => {}}/>, {color: false});
		// eslint-disable-next-line no-control-regex
		expect(plain.frame()).not.toMatch(/\u001B\[(3[0-7]|9[0-7])m/);
		expect(plain.frame()).toContain('‖  Paused: yes');
	});
});
