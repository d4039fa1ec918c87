import {afterEach, describe, expect, it} from 'vitest';
import App from '../../../source/ui/monitor/App.js';
import FleetApp from '../../../source/ui/fleet/FleetApp.js';
import {baseTime, FakeMonitor, frame} from '../../../support/fake-monitor.js';
import {cleanup, keys, renderInk} from '../../helpers/render-ink.js';
import {cartFleet} from './fleet-fixture.js';

afterEach(() => {
	cleanup();
});

const now = () => baseTime;
const lines = (frame: string) => frame.split('\n');
/** The selected row, found by its mark alone (the tests run without colour). */
const selectedRow = (frame: string) => lines(frame).find(line => line.startsWith('▸ '));
const inTable = (frame: string) => frame.includes('Connected  Socket');
const inDevice = (frame: string) => frame.includes('── Identity');

const defaultSize = {columns: 100, rows: 24};

function fleetApp(size = defaultSize) {
	const fleet = cartFleet();
	let quits = 0;
	const rendered = renderInk(<FleetApp
		fleet={fleet} now={now} onQuit={() => {
			quits++;
		}}/>, size);
	return {fleet, rendered, quits: () => quits};
}

describe('fleet keys', () => {
	it('selects with Up and Down, marking the row without colour, and stops at either end', async () => {
		const {rendered} = fleetApp();
		expect(selectedRow(await rendered.waitForFrame(inTable, 'the table'))).toMatch(/^▸ A-cam /);
		await rendered.press(keys.down, keys.down);
		expect(selectedRow(await rendered.waitForFrame(f => selectedRow(f)?.includes('C-cam') ?? false, 'C-cam selected'))).toMatch(/^▸ C-cam /);
		await rendered.press(keys.down, keys.down, keys.down);
		expect(selectedRow(await rendered.waitForFrame(f => selectedRow(f)?.includes('Sound cart') ?? false, 'the last device'))).toMatch(/^▸ Sound cart /);
		await rendered.press(keys.up, keys.up, keys.up, keys.up, keys.up);
		const top = await rendered.waitForFrame(f => selectedRow(f)?.includes('A-cam') ?? false, 'the first device');
		expect(lines(top).filter(line => line.startsWith('▸'))).toHaveLength(1);
	});

	it('opens the selected device\'s panels with Enter, and Esc comes back to the table on the same device', async () => {
		const {rendered} = fleetApp();
		await rendered.press(keys.down, keys.enter);
		const device = await rendered.waitForFrame(inDevice, 'B-cam\'s panels');
		expect(lines(device)[0]).toContain('Frameio-B-CAM');
		expect(device).toContain('‖  Paused: yes');
		expect(device).toContain('── Socket');
		expect(device).toContain('── Traffic');
		expect(lines(device).at(-1)).toMatch(/^q quit {2}\? help {2}Esc fleet {2}r refresh/);
		await rendered.press(keys.escape);
		const back = await rendered.waitForFrame(inTable, 'the table again');
		expect(selectedRow(back)).toMatch(/^▸ B-cam /);
		await rendered.press(keys.down, keys.down, keys.enter);
		expect(lines(await rendered.waitForFrame(f => f.includes('Frameio-SOUND'), 'the sound cart\'s panels'))[0]).toContain('Frameio-SOUND');
	});

	it('closes the help, then clears the filter, before Esc leaves a device', async () => {
		const {rendered, fleet} = fleetApp();
		fleet.monitor('A-cam').publish({traffic: [frame({event: 'alpha', topic: 'devices:x'}), frame({event: 'beta', topic: 'devices:x'})]});
		await rendered.press(keys.enter);
		await rendered.waitForFrame(inDevice, 'A-cam\'s panels');
		await rendered.press('?');
		const help = await rendered.waitForFrame(f => f.includes('── Keys'), 'the help');
		expect(help).toContain('close a panel, clear the filter, or back to the fleet table');
		await rendered.press(keys.escape);
		await rendered.waitForFrame(f => inDevice(f) && !f.includes('── Keys'), 'the help closed');
		await rendered.press('/', 'b', 'e', 't', keys.enter);
		await rendered.waitForFrame(f => f.includes('filter "bet"'), 'the filter kept');
		await rendered.press(keys.escape);
		const cleared = await rendered.waitForFrame(f => inDevice(f) && f.includes('alpha'), 'the filter cleared');
		expect(cleared).toContain('── Traffic');
		await rendered.press(keys.escape);
		await rendered.waitForFrame(inTable, 'the table');
	});

	it.each([['q', 'q'], ['Ctrl+C', keys.ctrlC]])('%s quits from the table and from a device', async (_name, key) => {
		const {rendered, quits} = fleetApp();
		await rendered.waitForFrame(inTable, 'the table');
		await rendered.press(key);
		expect(quits()).toBe(1);
		await rendered.press(keys.enter);
		await rendered.waitForFrame(inDevice, 'a device');
		await rendered.press(key);
		expect(quits()).toBe(2);
	});

	it('shows the fleet keys in the footer and in the help, which Esc closes', async () => {
		const {rendered} = fleetApp();
		const table = await rendered.waitForFrame(inTable, 'the table');
		expect(lines(table).at(-1)).toBe('q quit  ? help  Enter open  Up/Down select');
		await rendered.press('?');
		const help = await rendered.waitForFrame(f => f.includes('── Keys'), 'the help');
		const described = [['q, Ctrl+C', 'quit'], ['Enter', 'open the selected device'], ['Up, Down', 'select the device'], ['Home, End', 'the first or the last'], ['Esc', 'close this help']];
		for (const [key, text] of described) {
			expect(lines(help).find(line => line.startsWith(`${key} `)), key).toContain(text);
		}

		expect(help).toContain('Last event: the newest pause or resume');
		await rendered.press(keys.escape);
		await rendered.waitForFrame(f => inTable(f) && !f.includes('── Keys'), 'the table again');
	});

	it('leaves Esc alone in a monitor view that has no fleet to go back to', async () => {
		const monitor = new FakeMonitor();
		const rendered = renderInk(<App monitor={monitor} now={now} onQuit={() => {}}/>, {columns: 100, rows: 24});
		const view = await rendered.waitForFrame(inDevice, 'the panels');
		expect(view).not.toContain('Esc fleet');
		await rendered.press(keys.escape, '?');
		expect(await rendered.waitForFrame(f => f.includes('── Keys'), 'the help')).toContain('close a panel, or clear the filter');
	});
});
