import {Text} from 'ink';
import {afterEach, describe, expect, it} from 'vitest';
import {fleetKeymap} from '../../../source/ui/fleet/fleet-keymap.js';
import App from '../../../source/ui/monitor/App.js';
import RepaintKey from '../../../source/ui/screen/RepaintKey.js';
import {helpLines} from '../../../source/ui/shared/help-lines.js';
import {isEscapeThenKey, splitKeyPresses} from '../../../source/ui/shared/key-presses.js';
import {keymap} from '../../../source/ui/shared/keymap.js';
import {baseTime, FakeMonitor, frame, snapshot} from '../../../support/fake-monitor.js';
import {cleanup, keys, renderInk} from '../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const noKeys = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};

describe('an Esc in the same read as the next key', () => {
	it('is told apart from a key\'s own escape sequence', () => {
		for (const raw of ['\u001B\u001B[1~', '\u001B\u001B[H', '\u001B\u001BOH', '\u001Bq', '\u001B/', '\u001B\r', '\u001B\u001B', '\u001B\f']) {
			expect(isEscapeThenKey(raw)).toBe(true);
		}

		for (const raw of ['\u001B', '\u001B[1~', '\u001B[A', '\u001BOH', 'q', '/', '']) {
			expect(isEscapeThenKey(raw)).toBe(false);
		}
	});

	it('is given back as its own press, before the key without the meta Ink took it for', () => {
		const escape = {input: '', key: {...noKeys, escape: true, meta: true}};
		// ESC ESC [ 1 ~: Ink reports Home with meta.
		expect(splitKeyPresses('', {...noKeys, home: true, meta: true}, true)).toEqual([escape, {input: '', key: {...noKeys, home: true}}]);
		// ESC /: Ink reports a plain "/".
		expect(splitKeyPresses('/', noKeys, true)).toEqual([escape, {input: '/', key: noKeys}]);
		// ESC ESC: two Escs.
		expect(splitKeyPresses('', {...noKeys, escape: true, meta: true}, true)).toEqual([escape, {input: '', key: {...noKeys, escape: true}}]);
		// ESC Ctrl+L: Ink reports the form feed as text.
		expect(splitKeyPresses('\f', noKeys, true)).toEqual([escape, {input: 'l', key: {...noKeys, ctrl: true}}]);
		// Without an Esc first, nothing changes.
		expect(splitKeyPresses('', {...noKeys, home: true}, false)).toEqual([{input: '', key: {...noKeys, home: true}}]);
	});

	it('closes the help, and the Home that came with it selects the oldest frame (through Ink\'s own input parsing)', async () => {
		const monitor = new FakeMonitor(snapshot({traffic: [1, 2, 3, 4, 5].map(n => frame({event: `event_${n}`, topic: 'devices:x'}))}));
		const rendered = renderInk(<App monitor={monitor} now={() => baseTime} onQuit={() => undefined}/>, {columns: 100, rows: 30});
		await rendered.waitForFrame(f => f.includes('event_5'), 'the log');
		await rendered.press('?');
		await rendered.waitForFrame(f => f.includes('── Keys'), 'the help');
		// One chunk, as `tmux send-keys Escape Home` delivers it.
		await rendered.press(`${keys.escape}\u001B[1~`);
		const after = await rendered.waitForFrame(f => f.includes('PAUSED'), 'the log, paused on the oldest frame');
		expect(after).not.toContain('── Keys');
		expect(after.split('\n').find(line => line.startsWith('▸'))).toContain('event_1');
	});
});

describe('Ctrl+L', () => {
	it('asks the screen writer for a repaint, also after an Esc in the same read, and no other key does', async () => {
		let repaints = 0;
		const view = (
			<>
				<RepaintKey onRepaint={() => {
					repaints++;
				}}/>
				<Text>the view</Text>
			</>
		);
		const rendered = renderInk(view);
		await rendered.waitForFrame(f => f.includes('the view'), 'the view');
		await rendered.press('\f');
		expect(repaints).toBe(1);
		await rendered.press('l', keys.escape, keys.ctrlC, `${keys.escape}\f`);
		expect(repaints).toBe(2);
	});

	it('is in every help: the live view\'s and the fleet table\'s', () => {
		for (const bindings of [keymap, fleetKeymap]) {
			expect(helpLines(80, bindings).find(line => line.keys === 'Ctrl+L')?.text).toBe('draw the whole screen again (after another program wrote on it)');
		}
	});
});
