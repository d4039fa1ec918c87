import {afterEach, describe, expect, it, vi} from 'vitest';
import App from '../../../source/ui/monitor/App.js';
import {asciiOnly} from '../../../source/ui/screen/ascii-stdout.js';
import {lineOnScreen} from '../../../source/ui/monitor/traffic/line-on-screen.js';
import TrafficLog from '../../../source/ui/monitor/traffic/TrafficLog.js';
import {breakToWidth, displayWidth, graphemes, lookedAt, truncateMiddle, truncateToWidth, wrapToWidth} from '../../../source/ui/format/text-width.js';
import {baseTime, FakeMonitor, frame, snapshot} from '../../../support/fake-monitor.js';
import {cleanup, renderInk} from '../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const lines = (frame: string) => frame.split('\n');

describe('display width', () => {
	it('cuts by terminal cells, between characters, never inside a surrogate pair or an emoji sequence', () => {
		expect(truncateToWidth('東京プロジェクト', 7)).toBe('東京プ…');
		expect(displayWidth(truncateToWidth('東京プロジェクト', 7))).toBe(7);
		expect(truncateToWidth('ab😀😀😀', 5)).toBe('ab😀…');
		expect(truncateToWidth('👨‍👩‍👧👨‍👩‍👧', 3)).toBe('👨‍👩‍👧…');
		const payload = truncateToWidth(lineOnScreen(frame({payload: {note: '😀😀😀😀😀😀'}}), text => text).payload, 12);
		expect(payload).toBe('{"note":"😀…');
		expect(payload).not.toMatch(loneSurrogate);
	});

	it('wraps words to a width in cells', () => {
		expect(wrapToWidth('refresh the identity (at most once a minute)', 20)).toEqual(['refresh the identity', '(at most once a', 'minute)']);
		expect(wrapToWidth('撮影 カート 東京 プロジェクト', 10)).toEqual(['撮影', 'カート', '東京', 'プロジェ…']);
	});

	it('cuts a path in its middle, keeping its start and its file name, by cells', () => {
		expect(truncateMiddle('/home/dit/.config/c2c-status/credentials.json', 24)).toBe('/home/dit/.c…ntials.json');
		expect(displayWidth(truncateMiddle('/home/dit/.config/c2c-status/credentials.json', 24))).toBe(24);
		expect(truncateMiddle('/東京/プロジェクト/トークン', 11)).toBe('/東京…クン');
		expect(truncateMiddle('/short', 24)).toBe('/short');
		expect(truncateMiddle('/abc', 1)).toBe('…');
	});

	it('breaks an address with no spaces over lines, whole', () => {
		expect(breakToWidth('https://next.frame.io/pair', 10)).toEqual(['https://ne', 'xt.frame.i', 'o/pair']);
		expect(breakToWidth('東京東京東', 4)).toEqual(['東京', '東京', '東']);
		expect(breakToWidth('short', 10)).toEqual(['short']);
	});
});

describe('long texts', () => {
	const samples = {
		'ASCII and accents': 'Café déjà vu, naïve: ',
		'CJK and kana': '撮影カート東京プロジェクト。',
		'emoji sequences': '👩\u200D💻🏳️\u200D🌈👍🏽🇯🇵#\uFE0F\u20E3',
		'combining marks': 'e\u0301\u0302\u0303a\u0308',
		'Hangul jamo': '\u1100\u1161\u11A8한국',
		'Devanagari conjuncts': 'क्षत्रिय ',
		'line breaks': 'a\r\nb\r\n',
		'a mix': 'x😀é撮\u0301 ─·▶ ',
	};

	it('takes a long text apart into the same graphemes as Intl.Segmenter whole, in pieces it can take quickly', () => {
		const whole = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
		for (const [what, sample] of Object.entries(samples)) {
			const text = sample.repeat(Math.ceil(3000 / sample.length));
			const spy = vi.spyOn(Intl.Segmenter.prototype, 'segment');
			const found = graphemes(text);
			const pieces = spy.mock.calls.map(([piece]) => piece.length);
			spy.mockRestore();
			expect(found, what).toEqual(Array.from(whole.segment(text), segment => segment.segment));
			// V8's segmenter slows with the square of a text's length: never more than two pieces' length at once.
			expect(Math.max(...pieces), what).toBeLessThanOrEqual(513);
		}
	});

	it('cuts a long text looking at no more of it than the width needs', () => {
		const text = `${'é'.repeat(100_000)}`;
		expect(truncateToWidth(text, 20)).toBe(`${'é'.repeat(19)}…`);
		expect(lookedAt(20)).toBeLessThan(300);
		// A long text that fits whole is kept whole.
		expect(truncateToWidth('a'.repeat(300), 300)).toBe('a'.repeat(300));
	});
});

describe('--ascii with wide characters', () => {
	it('replaces a wide character with as many "?" as the cells it takes, and leaves escape sequences whole', () => {
		expect(asciiOnly('東京🎬|x')).toBe('??????|x');
		expect(asciiOnly('é·…')).toBe('??~');
		// A combining mark right after an escape sequence must not take the sequence's last byte with it.
		expect(asciiOnly('\u001B[1m\u0301x\u001B[22m')).toBe('\u001B[1mx\u001B[22m');
	});

	it('keeps the columns after a CJK or emoji name in place at 80x24', async () => {
		const base = snapshot();
		const monitor = new FakeMonitor(snapshot({
			identity: {...base.identity, identity: {...base.identity.identity!, name: '撮影カート🎬', projectName: '東京プロジェクト', creatorName: '山田 太郎 🎬'}},
			traffic: [frame({topic: 'devices:x', event: 'status_updated', payload: {note: '東京'}})],
		}));
		const rendered = renderInk(<App monitor={monitor} now={() => baseTime} onQuit={() => {}}/>, {columns: 80, rows: 24, ascii: true});
		const drawn = await rendered.waitForFrame(f => f.includes('東京') && lines(f).every(line => displayWidth(line) <= 79), 'the 80x24 frame');
		const screen = lines(asciiOnly(drawn));
		expect(screen.join('\n')).toMatch(/^[\u0020-\u007E\n]*$/);
		expect(screen.every(line => line.length <= 79), screen.join('\n')).toBe(true);
		const panels = screen.slice(screen.findIndex(line => line.startsWith('-- Identity')), screen.findIndex(line => line.startsWith('-- Health')));
		const column = panels[0]!.indexOf('-- Socket');
		expect(column).toBeGreaterThan(30);
		for (const [index, label] of ['State', 'Last close', 'Heartbeat', 'Round trip', 'Frames'].entries()) {
			expect(panels[index + 1]!.indexOf(label), panels[index + 1]).toBe(column);
		}

		expect(panels[1]).toContain('Project    ????????????????');
		expect(panels[2]).toContain('Paired by  ???? ???? ??');
	});

	it('fills a title to the edge by cells when a fact holds wide characters', () => {
		const entries = [frame({topic: 'devices:x', event: 'status_updated', payload: '東京'})];
		const text = renderInk(<TrafficLog
			follow entries={entries} seqs={entries.map(entry => entry.seq)}
			total={1} rows={2} width={79}
			selectedSeq={null} filter="東京" editingFilter={false}
			hideHeartbeats={false}/>, {columns: 80}).frame();
		const title = lines(text)[0]!;
		expect(title).toMatch(/^── Traffic · following · 1 frames · filter "東京" ─+$/);
		expect(displayWidth(title)).toBe(79);
	});
});
