import type stringWidthType from 'string-width';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import App from '../../../../source/ui/monitor/App.js';
import {frameDetailLines, shownDetailLimit} from '../../../../source/ui/monitor/traffic/FrameDetail.js';
import {lineOnScreen, lineWindow} from '../../../../source/ui/monitor/traffic/line-on-screen.js';
import {searchText} from '../../../../source/ui/monitor/traffic/traffic-text.js';
import {visibleTraffic} from '../../../../source/ui/monitor/traffic/traffic-view.js';
import {baseTime, FakeMonitor, frame, snapshot} from '../../../../support/fake-monitor.js';
import {cleanup, keys, renderInk} from '../../../helpers/render-ink.js';

/** Characters our width code measured (string-width) and took apart into graphemes (Intl.Segmenter), since the last reset. */
const work = vi.hoisted(() => ({measured: 0, segmented: 0}));

vi.mock('string-width', async importOriginal => {
	const {default: stringWidth} = await importOriginal<{default: typeof stringWidthType}>();
	return {
		default(text: string, options?: Parameters<typeof stringWidth>[1]) {
			work.measured += text.length;
			return stringWidth(text, options);
		},
	};
});

const {segment} = Intl.Segmenter.prototype;

beforeEach(() => {
	vi.spyOn(Intl.Segmenter.prototype, 'segment').mockImplementation(function (this: Intl.Segmenter, text: string) {
		work.segmented += text.length;
		return segment.call(this, text);
	});
	work.measured = 0;
	work.segmented = 0;
});

afterEach(() => {
	vi.restoreAllMocks();
	cleanup();
});

const mebibyte = 1024 * 1024;
const secret = 'secret-token-0123456789abcdef';
const redact = (text: string) => text.replaceAll(secret, '[redacted]');

/** A payload of `bytes`: ASCII, then accented letters (so nothing takes the ASCII shortcut), a secret at the end. */
function largeFrame(bytes = mebibyte) {
	return frame({
		topic: 'devices:7e57', event: 'big_push',
		payload: {data: 'x'.repeat(bytes / 2), note: 'é'.repeat(bytes / 2), tail: secret},
	});
}

describe('one large frame', () => {
	// 40 KiB: measured whole, as before the fix, it takes a few seconds and fails the count; at 1 MiB it froze the view.
	it.each([['40 KiB', 40 * 1024], ['1 MiB', mebibyte]])('of %s is drawn in the log with work bounded by the screen, not by the frame', async (_size, bytes) => {
		const big = largeFrame(bytes);
		const monitor = new FakeMonitor(snapshot({traffic: [frame({event: 'before'}), big]}));
		const rendered = renderInk(<App monitor={monitor} now={() => baseTime} onQuit={() => undefined}/>, {columns: 120, rows: 40});
		const drawn = await rendered.waitForFrame(f => f.includes('big_push'), 'the large frame in the log');
		expect(drawn.split('\n').find(line => line.includes('big_push'))).toContain('{"data":"xxxxxxxx');
		// Drawing the whole view measured a few thousand characters, not a million.
		expect(work.measured + work.segmented).toBeLessThan(20_000);
		// And every later draw (a countdown ticks, a frame arrives) as little.
		work.measured = 0;
		work.segmented = 0;
		monitor.publish({traffic: [...monitor.getSnapshot().traffic, frame({event: 'after'})]});
		await rendered.waitForFrame(f => f.includes('after'), 'the next frame');
		expect(work.measured + work.segmented).toBeLessThan(10_000);
	});

	it('keeps no more than a window of each string for its line, with the secrets taken out of the whole first', () => {
		const big = frame({topic: 't'.repeat(mebibyte), event: 'e'.repeat(mebibyte), payload: `${'p'.repeat(lineWindow - 10)}${secret}`});
		const line = lineOnScreen(big, redact);
		for (const part of [line.topic, line.event, line.payload]) {
			expect(part.length).toBeLessThanOrEqual(lineWindow);
		}

		// The secret straddled the window's end: taken out whole before the cut, none of it is left.
		expect(line.payload).not.toContain(secret.slice(0, 8));
		expect(line.payload).toMatch(/p\[red(?:a|ac|act|acte|acted)?$/);
		expect(lineOnScreen(big, redact)).toBe(line);
	});

	it('shows the first 64 KiB in the frame\'s detail, says how large it is, and lays it out once', () => {
		const big = largeFrame();
		const lines = frameDetailLines(big, 80, redact);
		expect(lines.join('\n')).toContain('too large to show whole: the first 64 KiB of its 1.0 MiB as JSON, below');
		expect(lines.at(-1)).toMatch(/^… the rest \(\d+ KiB\) is not shown$/);
		expect(lines.length).toBeLessThan((shownDetailLimit / 80) + 20);
		expect(lines.every(line => line.length <= 80)).toBe(true);
		expect(lines.join('')).not.toContain(secret);
		work.segmented = 0;
		expect(frameDetailLines(big, 80, redact)).toBe(lines);
		expect(work.segmented).toBe(0);
	});

	it('opens, scrolls to its end and closes, and q still quits', async () => {
		const monitor = new FakeMonitor(snapshot({traffic: [largeFrame(), frame({event: 'newer'})]}));
		let quits = 0;
		const rendered = renderInk(<App
			monitor={monitor} now={() => baseTime} onQuit={() => {
				quits++;
			}}/>, {columns: 100, rows: 30});
		await rendered.press(keys.up, keys.enter);
		await rendered.waitForFrame(f => f.includes('too large to show whole'), 'the frame detail');
		await rendered.press(keys.end);
		await rendered.waitForFrame(f => f.includes('is not shown'), 'its end');
		await rendered.press(keys.escape);
		await rendered.waitForFrame(f => f.includes('── Traffic'), 'the log again');
		await rendered.press('q');
		expect(quits).toBe(1);
	});

	it('is searched by the filter as far as its first few thousand characters, once', () => {
		const big = largeFrame();
		const text = searchText(big, redact);
		expect(text.length).toBeLessThan(4200);
		expect(searchText(big, redact)).toBe(text);
		expect(visibleTraffic([big], {text: 'xxxx', hideHeartbeats: false}, redact)).toEqual([big]);
		expect(visibleTraffic([big], {text: 'secret-token', hideHeartbeats: false}, redact)).toEqual([]);
	});
});
