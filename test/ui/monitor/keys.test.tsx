import {afterEach, describe, expect, it} from 'vitest';
import App from '../../../source/ui/monitor/App.js';
import {baseTime, FakeMonitor, frame, heartbeats, snapshot} from '../../../support/fake-monitor.js';
import {cleanup, keys, renderInk} from '../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const now = () => baseTime;
const defaultSize = {columns: 100, rows: 30};

function app(traffic = [1, 2, 3, 4, 5].map(n => frame({event: `event_${n}`, topic: 'devices:x'})), size = defaultSize) {
	const monitor = new FakeMonitor(snapshot({traffic}));
	let quits = 0;
	const rendered = renderInk(<App
		monitor={monitor} now={now} onQuit={() => {
			quits++;
		}}/>, size);
	return {monitor, rendered, quits: () => quits};
}

const selectedLine = (frame: string) => frame.split('\n').find(line => line.startsWith('▸'));

describe('keys', () => {
	it.each([['q', 'q'], ['Ctrl+C', keys.ctrlC]])('%s quits', async (_name, key) => {
		const {rendered, quits} = app();
		await rendered.waitForFrame(f => f.includes('event_5'), 'the log');
		await rendered.press(key);
		expect(quits()).toBe(1);
	});

	it('r asks the monitor for a refresh and says when it is allowed', async () => {
		const {rendered, monitor} = app();
		await rendered.press('r');
		expect(monitor.refreshes).toBe(1);
		await rendered.waitForFrame(f => f.includes('identity: next allowed in 48 s, queued'), 'the queued notice');
		monitor.refreshOutcome = 'now';
		await rendered.press('r');
		await rendered.waitForFrame(f => f.includes('identity: fetching now'), 'the fetching notice');
	});

	it('c reconnects the socket', async () => {
		const {rendered, monitor} = app();
		await rendered.press('c');
		expect(monitor.reconnects).toBe(1);
		await rendered.waitForFrame(f => f.includes('socket: reconnecting now'), 'the notice');
	});

	it('Up and Down move the selection, Enter shows the selected frame, Esc closes it', async () => {
		const {rendered, monitor} = app();
		const third = monitor.getSnapshot().traffic[2]!;
		await rendered.press(keys.up, keys.up, keys.up, keys.down, keys.enter);
		const detail = await rendered.waitForFrame(f => f.includes('── Frame'), 'the frame detail');
		// The same number as on its log line (#ref), labelled; the log's sequence number is labelled too.
		expect(detail).toContain(`── Frame ref #${third.kind === 'frame' ? third.ref : ''} event_3 · Esc closes`);
		expect(detail).toContain(`log seq ${third.seq}`);
		expect(detail).toContain('"event": "event_3"');
		await rendered.press(keys.escape);
		const back = await rendered.waitForFrame(f => f.includes('── Traffic'), 'the log again');
		expect(selectedLine(back)).toContain('event_3');
		expect(back).toContain('Traffic · PAUSED · Space to follow');
	});

	it('Space pauses following: new frames arrive but the view stays put; Space again follows', async () => {
		const {rendered, monitor} = app();
		await rendered.press(' ');
		await rendered.waitForFrame(f => f.includes('PAUSED'), 'paused');
		expect(selectedLine(rendered.frame())).toContain('event_5');
		monitor.publish({traffic: [...monitor.getSnapshot().traffic, frame({event: 'event_6', topic: 'devices:x'})]});
		const paused = await rendered.waitForFrame(f => f.includes('6 frames'), 'the new count');
		expect(selectedLine(paused)).toContain('event_5');
		await rendered.press(' ');
		const following = await rendered.waitForFrame(f => f.includes('following'), 'following');
		expect(selectedLine(following)).toBeUndefined();
		expect(following).toContain('event_6');
	});

	it('holds a paused view still while the full log drops its oldest frames', async () => {
		const traffic = Array.from({length: 40}, (_, n) => frame({event: `event_${n}`, topic: 'devices:x'}));
		const {rendered, monitor} = app(traffic);
		await rendered.press(keys.up, keys.up, keys.up);
		const before = await rendered.waitForFrame(f => (selectedLine(f) ?? '').includes('event_36 '), 'the selection');
		const shownBefore = before.split('\n').filter(line => line.includes('devices:x'));
		for (let n = 40; n < 45; n++) {
			const current = monitor.getSnapshot().traffic;
			monitor.publish({traffic: [...current.slice(1), frame({event: `event_${n}`, topic: 'devices:x'})]});
		}

		const after = await rendered.waitForFrame(f => !f.includes('event_4 '), 'the oldest frames dropped');
		expect(after.split('\n').filter(line => line.includes('devices:x'))).toEqual(shownBefore);
	});

	it('scrolls a long frame with Up and Down while it is open', async () => {
		const big = frame({event: 'big', topic: 'devices:x', payload: Object.fromEntries(Array.from({length: 60}, (_, n) => [`key_${n}`, n]))});
		const {rendered} = app([big], {columns: 100, rows: 24});
		await rendered.press(keys.enter);
		await rendered.waitForFrame(f => f.includes('"key_0": 0'), 'the top of the frame');
		await rendered.press(keys.down, keys.down, keys.pageDown);
		const scrolled = await rendered.waitForFrame(f => !f.includes('"key_0": 0') && f.includes('── Frame'), 'the scrolled frame');
		expect(scrolled).toMatch(/lines \d+-\d+ of 69/);
		await rendered.press(keys.pageDown, keys.pageDown, keys.pageDown, keys.pageDown);
		expect(await rendered.waitForFrame(f => f.includes('"ref"'), 'the end of the frame')).toContain('lines 53-69 of 69');
	});

	it('End goes to the end of an open frame, Home back to its top, and the frame stays open', async () => {
		const big = frame({event: 'big', topic: 'devices:x', payload: Object.fromEntries(Array.from({length: 60}, (_, n) => [`key_${n}`, n]))});
		const {rendered, monitor} = app([big, frame({event: 'newer', topic: 'devices:x'})], {columns: 100, rows: 24});
		await rendered.press(keys.up, keys.enter);
		await rendered.waitForFrame(f => f.includes('"key_0": 0'), 'the top of the frame');
		await rendered.press(keys.end);
		const end = await rendered.waitForFrame(f => f.includes('"ref"'), 'the end of the frame');
		expect(end).toContain('lines 53-69 of 69');
		expect(end).not.toContain('no longer in the log');
		// Frames arriving meanwhile do not take the open frame away.
		monitor.publish({traffic: [...monitor.getSnapshot().traffic, frame({event: 'newest', topic: 'devices:x'})]});
		await rendered.press(keys.home);
		const top = await rendered.waitForFrame(f => f.includes('lines 1-17 of 69'), 'the top again');
		expect(top).toContain('"key_0": 0');
		await rendered.press(keys.escape);
		expect(selectedLine(await rendered.waitForFrame(f => f.includes('── Traffic'), 'the log again'))).toContain('big');
	});

	it('Home selects the oldest frame, End follows the newest again', async () => {
		const {rendered} = app();
		await rendered.press(keys.home);
		expect(selectedLine(await rendered.waitForFrame(f => f.includes('PAUSED'), 'paused'))).toContain('event_1');
		await rendered.press(keys.end);
		expect(selectedLine(await rendered.waitForFrame(f => f.includes('following'), 'following'))).toBeUndefined();
	});

	it('says a rejected token is not retried faster by c', async () => {
		const {rendered, monitor} = app();
		monitor.reconnectOutcome = 'rejected';
		monitor.publish({socket: {...monitor.getSnapshot().socket, state: 'rejected', nextRetryAt: baseTime + 42_000}});
		await rendered.press('c');
		await rendered.waitForFrame(f => f.includes('socket: token rejected; next try in 42 s or on a new token'), 'the notice');
	});

	it('PgUp, PgDn and End page through a long log', async () => {
		const traffic = Array.from({length: 60}, (_, n) => frame({event: `event_${n}`, topic: 'devices:x'}));
		const {rendered} = app(traffic);
		await rendered.press(keys.pageUp);
		const frame1 = await rendered.waitForFrame(f => f.includes('PAUSED'), 'paused');
		const rows = frame1.split('\n').filter(line => line.includes('devices:x')).length;
		expect(selectedLine(frame1)).toContain(`event_${59 - (rows - 1)} `);
		// Each key's own effect is waited for, so keys that did nothing could not pass for PgUp then PgDn.
		const selects = (event: string) => (f: string) => selectedLine(f)?.includes(`${event} `) === true;
		await rendered.press(keys.pageUp);
		await rendered.waitForFrame(selects(`event_${59 - (2 * (rows - 1))}`), 'a page further up');
		await rendered.press(keys.pageDown);
		expect(selectedLine(await rendered.waitForFrame(selects(`event_${59 - (rows - 1)}`), 'a page back down'))).toContain(`event_${59 - (rows - 1)} `);
		await rendered.press(keys.end);
		const end = await rendered.waitForFrame(f => f.includes('following'), 'following');
		expect(end).toContain('event_59 ');
	});

	it('/ filters by text as you type, Enter keeps the filter, Esc clears it', async () => {
		const {rendered} = app();
		await rendered.press('/', 'e', 'v', 'e', 'n', 't', '_', '3');
		const editing = await rendered.waitForFrame(f => f.includes('filter: /event_3_'), 'the filter prompt');
		expect(editing).toContain('event_3');
		expect(editing).not.toContain('event_4');
		await rendered.press(keys.enter);
		const kept = await rendered.waitForFrame(f => f.includes('filter "event_3"'), 'the kept filter');
		expect(kept).toContain('1 of 5 frames');
		await rendered.press(keys.escape);
		const cleared = await rendered.waitForFrame(f => f.includes('5 frames') && !f.includes('filter "'), 'the cleared filter');
		expect(cleared).toContain('event_4');
	});

	it('filters while paused, and typing q into the filter does not quit', async () => {
		const {rendered, quits} = app([frame({event: 'quiet_event', topic: 'devices:x'}), frame({event: 'loud_event', topic: 'devices:x'})]);
		await rendered.press(' ', '/', 'q', 'u', keys.backspace, keys.backspace, 'q');
		const frame1 = await rendered.waitForFrame(f => f.includes('filter: /q_'), 'the filter prompt');
		expect(quits()).toBe(0);
		expect(frame1).toContain('quiet_event');
		expect(frame1).not.toContain('loud_event');
		expect(frame1).toContain('PAUSED');
	});

	it('deletes one character per Backspace when several arrive in one read, and keeps control characters out', async () => {
		const {rendered} = app([frame({event: 'alpha_event', topic: 'devices:x'}), frame({event: 'beta_event', topic: 'devices:x'})]);
		await rendered.press('/', 'alphx', '\u007F\u007F');
		expect(await rendered.waitForFrame(f => f.includes('filter: /alp_'), 'two characters deleted')).toContain('alpha_event');
		await rendered.press(keys.escape);
		await rendered.waitForFrame(f => f.includes('2 frames'), 'the filter cleared');
		// A laggy link: "/", the text and the Backspaces all in one read.
		await rendered.press('/alphx\u007F\u007F');
		const deleted = await rendered.waitForFrame(f => f.includes('filter: /alp_'), 'two characters deleted');
		expect(deleted).toContain('alpha_event');
		// A paste with controls in it: BS deletes, DEL deletes, the rest of the controls are dropped.
		await rendered.press('h\u0007ax\b\t_\u0000e');
		const pasted = await rendered.waitForFrame(f => f.includes('filter: /alpha_e_'), 'the pasted text');
		expect(pasted).toContain('alpha_event');
		expect(pasted).not.toContain('beta_event');
		// eslint-disable-next-line no-control-regex -- the point is that none of these reach the screen
		expect(pasted).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
	});

	it('/ matches what a log line shows (values, the reply, the ref), not the payload\'s JSON keys', async () => {
		const request = frame({direction: 'out', topic: 'devices:x', event: 'phx_join', payload: {}, ref: '7'});
		const {rendered} = app([
			request,
			frame({
				topic: 'devices:x', ref: '7', payload: {status: 'ok', response: {}},
				reply: {status: 'ok', requestEvent: 'phx_join', requestTopic: 'devices:x', requestSeq: request.seq, latencyMs: 3},
			}),
			frame({topic: 'devices:x', event: 'status_updated', payload: {status: 'paused'}, ref: null}),
			frame({topic: 'devices:x', event: 'device_note', payload: {note: 'lens cap on', count: 42}, ref: null}),
		]);
		await rendered.press('/', 'status', keys.enter);
		const byKey = await rendered.waitForFrame(f => f.includes('filter "status"'), 'the filter');
		// Only the event named status_updated: no phx_reply matches because its payload has a "status" key.
		expect(byKey).toContain('1 of 4 frames');
		expect(byKey).toContain('status_updated');
		await rendered.press(keys.escape, '/', 'lens cap', keys.enter);
		expect(await rendered.waitForFrame(f => f.includes('filter "lens cap"'), 'a value')).toContain('1 of 4 frames');
		await rendered.press(keys.escape, '/', '42', keys.enter);
		expect(await rendered.waitForFrame(f => f.includes('filter "42"'), 'a number')).toContain('device_note');
		await rendered.press(keys.escape, '/', 'ok 3 ms', keys.enter);
		expect(await rendered.waitForFrame(f => f.includes('filter "ok 3 ms"'), 'the reply summary')).toContain('1 of 4 frames');
		await rendered.press(keys.escape, '/', '#7', keys.enter);
		expect(await rendered.waitForFrame(f => f.includes('filter "#7"'), 'the ref')).toContain('2 of 4 frames');
	});

	it('h hides and shows heartbeats', async () => {
		const {rendered} = app([...heartbeats(3), frame({event: 'status_updated', topic: 'devices:x', payload: 'paused', ref: null})]);
		await rendered.press('h');
		const hidden = await rendered.waitForFrame(f => f.includes('heartbeats hidden'), 'hidden heartbeats');
		expect(hidden).not.toContain('heartbeat #');
		expect(hidden).toContain('status_updated');
		expect(hidden).toContain('1 of 7 frames');
		await rendered.press('h');
		expect(await rendered.waitForFrame(f => !f.includes('heartbeats hidden'), 'shown heartbeats')).toContain('(heartbeat)');
	});

	it('? shows every key and Esc closes it', async () => {
		const {rendered} = app();
		await rendered.press('?');
		const help = await rendered.waitForFrame(f => f.includes('── Keys'), 'the help');
		expect(help).toContain('Esc         close a panel, or clear the filter');
		expect(help).toContain('Paused: no'); // The headline stays visible.
		await rendered.press(keys.escape);
		await rendered.waitForFrame(f => f.includes('── Traffic'), 'the log again');
	});
});
