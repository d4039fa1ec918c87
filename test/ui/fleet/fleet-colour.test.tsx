import {afterEach, describe, expect, it, vi} from 'vitest';
import FleetApp from '../../../source/ui/fleet/FleetApp.js';
import {baseTime} from '../../../support/fake-monitor.js';
import {cleanup, renderInk} from '../../helpers/render-ink.js';
import {cartFleet} from './fleet-fixture.js';

// As in colour.test.tsx: 16 colours, asked for before anything loads Ink (test/setup.ts pins none).
await vi.hoisted(async () => {
	const {default: process} = await import('node:process');
	process.env.FORCE_COLOR = '1';
});

afterEach(() => {
	cleanup();
});

const draw = (color: boolean) => renderInk(<FleetApp fleet={cartFleet()} now={() => baseTime} onQuit={() => {}}/>, {color, columns: 180, rows: 20}).frame();
const row = (frame: string, name: string) => frame.split('\n').find(line => line.includes(name)) ?? '';

describe('fleet colour', () => {
	it('puts a bad state in red or yellow, beside the words and symbols that say it', () => {
		const frame = draw(true);
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(row(frame, 'B-cam')).toMatch(/\u001B\[33m[^\u001B]*‖ yes/);
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(row(frame, 'C-cam')).toMatch(/\u001B\[31m[^\u001B]*✖ no/);
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(row(frame, 'Sound cart')).toMatch(/\u001B\[31m[^\u001B]*✖ token rejected \(HTTP 403\)/);
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(row(frame, 'Sound cart')).toMatch(/\u001B\[31m[^\u001B]*✖ pairing needed/);
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(frame.split('\n')[0]).toMatch(/\u001B\[31m[^\u001B]*1 not connected/);
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(row(frame, 'A-cam')).not.toMatch(/\u001B\[3[13]m/);
	});

	it('uses no colour when told not to', () => {
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(draw(false)).not.toMatch(/\u001B\[(3[0-7]|9[0-7])m/);
	});
});
