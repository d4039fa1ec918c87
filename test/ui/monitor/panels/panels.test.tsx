import {afterEach, describe, expect, it} from 'vitest';
import FrameDetail from '../../../../source/ui/monitor/traffic/FrameDetail.js';
import Footer from '../../../../source/ui/shared/Footer.js';
import HelpOverlay from '../../../../source/ui/shared/HelpOverlay.js';
import IdentityPanel from '../../../../source/ui/monitor/panels/IdentityPanel.js';
import {keymap} from '../../../../source/ui/shared/keymap.js';
import TrafficLog from '../../../../source/ui/monitor/traffic/TrafficLog.js';
import {baseTime, frame, heartbeats, malformedFrame, snapshot} from '../../../../support/fake-monitor.js';
import {cleanup, renderInk} from '../../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const now = baseTime;
const base = snapshot();

describe('IdentityPanel', () => {
	it('shows project, who paired it, expiry, where the token comes from, when it was fetched and is fetched next, device', () => {
		const text = renderInk(<IdentityPanel identity={base.identity} token={base.token} now={now} width={100} lines={5}/>).frame();
		expect(text.split('\n')).toEqual([
			expect.stringMatching(/^── Identity ─+$/) as unknown as string,
			'Project    Testbed',
			'Paired by  Harry Potter',
			'Expires    never',
			'Token      $FRAMEIO_TOKEN (watched: refreshed elsewhere)',
			'Fetched    12s ago · next in 48s',
		]);
		// The device id is the first to go (the socket's title names it too); given a line it comes last.
		const six = renderInk(<IdentityPanel identity={base.identity} token={base.token} now={now} width={100} lines={6}/>).frame();
		expect(six.split('\n').at(-1)).toBe('Device id  a7e95254-8cd6-4d59-b54d-28c58570a8de');
	});

	it('keeps Expires (as Frame.io asks) and the fetch countdown in a half-width panel at 80x20, dropping the device id', () => {
		const identity = {...base.identity, refreshQueued: true};
		const text = renderInk(<IdentityPanel identity={identity} token={base.token} now={now} width={39} lines={4}/>).frame();
		expect(text.split('\n').slice(1)).toEqual([
			'Project    Testbed',
			'Paired by  Harry Potter',
			'Expires    never',
			'Fetched    12s ago · queued, in 48s',
		]);
	});

	it('puts a problem before the fetch time when only four rows fit, and both in five', () => {
		const identity = {...base.identity, stale: true, phase: 'error' as const, error: {kind: 'timeout' as const, message: 'no answer within 10 s'}};
		const four = renderInk(<IdentityPanel identity={identity} token={base.token} now={now} width={39} lines={4}/>).frame();
		expect(four.split('\n').slice(1)).toEqual(['Project    Testbed', 'Paired by  Harry Potter', 'Expires    never', '! no answer within 10 s']);
		const five = renderInk(<IdentityPanel identity={identity} token={base.token} now={now} width={39} lines={5}/>).frame();
		expect(five.split('\n').slice(1)).toEqual(['Project    Testbed', 'Paired by  Harry Potter', 'Expires    never', 'Fetched    12s ago · next in 48s', '! no answer within 10 s']);
	});

	it('marks an identity the last run left, with its age, until a fresh fetch replaces it', () => {
		const lastRun = {...base.identity, origin: 'last-run' as const, fetchedAt: baseTime - 40_000};
		const wide = renderInk(<IdentityPanel identity={lastRun} token={base.token} now={now} width={100} lines={5}/>).frame();
		expect(wide).toMatch(/^── Identity · from the last run, 40s ago ─+\n/);
		expect(wide).toContain('Fetched    40s ago · next in 48s');
		// Half width at 80 columns: shorter words, the age kept, nothing cut.
		const half = renderInk(<IdentityPanel identity={lastRun} token={base.token} now={now} width={39} lines={5}/>).frame();
		expect(half.split('\n')[0]).toMatch(/^── Identity · from last run, 40s ago ?─*$/);
		const stale = {...lastRun, stale: true, phase: 'error' as const, error: {kind: 'refused' as const, message: 'connection refused (ECONNREFUSED)'}};
		expect(renderInk(<IdentityPanel identity={stale} token={base.token} now={now} width={100} lines={5}/>).frame()).toMatch(/^── Identity · STALE 40s, from the last run ─/);
		const fresh = renderInk(<IdentityPanel identity={{...lastRun, origin: 'fetched'}} token={base.token} now={now} width={100} lines={5}/>).frame();
		expect(fresh).toMatch(/^── Identity ─+\n/);
	});

	it('marks an identity another running c2c-status fetched moments ago as such, not as the last run\'s (issue 15.6)', () => {
		const shared = {...base.identity, origin: 'other-process' as const};
		const wide = renderInk(<IdentityPanel identity={shared} token={base.token} now={now} width={100} lines={5}/>).frame();
		expect(wide).toMatch(/^── Identity · fetched by another c2c-status, 12s ago ─/);
		expect(wide).not.toContain('last run');
		// Half width at 80 columns: the shorter words, whole (the Fetched row below has the age).
		const half = renderInk(<IdentityPanel identity={shared} token={base.token} now={now} width={39} lines={5}/>).frame();
		expect(half.split('\n')[0]).toMatch(/^── Identity · another c2c-status ─*$/);
		expect(half).toContain('Fetched    12s ago');
	});

	it('marks a stale identity and says why, with an expiry date', () => {
		const identity = {
			...base.identity,
			identity: {...base.identity.identity!, expiresAt: '2026-11-28T10:00:00.000Z'},
			stale: true, phase: 'error' as const,
			error: {kind: 'refused' as const, message: 'connection refused (ECONNREFUSED)'},
		};
		const text = renderInk(<IdentityPanel identity={identity} token={base.token} now={now} width={100} lines={5}/>).frame();
		expect(text).toMatch(/^── Identity · STALE 12s ─/);
		expect(text).toMatch(/Expires {4}2026-11-2\d \d\d:00 \(in 24h 00m\)/);
		expect(text).toContain('! connection refused (ECONNREFUSED)');
	});

	it('explains an auth failure before anything was fetched', () => {
		const identity = {
			...base.identity, identity: null, fetchedAt: null, phase: 'error' as const, nextFetchAt: baseTime + 240_000,
			error: {kind: 'auth' as const, status: 401, message: 'the token was rejected (HTTP 401: Not Authorized)'},
		};
		const text = renderInk(<IdentityPanel identity={identity} token={base.token} now={now} width={100} lines={2}/>).frame();
		expect(text).toMatch(/^── Identity · ERROR ─/);
		expect(text).toContain('! the token was rejected (HTTP 401: Not Authorized)');
		const wide = renderInk(<IdentityPanel identity={identity} token={base.token} now={now} width={100} lines={5}/>).frame();
		expect(wide).toContain('Fetched    never · next in 4m 00s');
	});

	it('says why the token file cannot be read, and that the last token is still used, before the path', () => {
		const token = {...base.token, source: 'file' as const, label: '/run/frameio/access-token', error: 'permission denied'};
		const full = renderInk(<IdentityPanel identity={base.identity} token={token} now={now} width={100} lines={2}/>).frame();
		expect(full).toContain('! token file: permission denied, still using the last token · /run/frameio/access-token');
		// Half width at 80 columns: two lines, the reason on the first.
		const half = renderInk(<IdentityPanel identity={base.identity} token={token} now={now} width={39} lines={5}/>).frame().split('\n');
		expect(half.slice(-2)).toEqual(['! token file: permission denied, still', 'using the last token · /run/frameio/ac…']);
		const one = renderInk(<IdentityPanel identity={base.identity} token={token} now={now} width={39} lines={4}/>).frame();
		expect(one.split('\n').at(-1)).toBe('! token file: permission denied, still…');
	});

	it('counts down to the next try after a 429, before the message', () => {
		const identity = {
			...base.identity, phase: 'error' as const, stale: true, nextFetchAt: baseTime + 38_000,
			error: {kind: 'rate-limited' as const, status: 429, message: 'rate limited (HTTP 429), asked to wait 42 s', retryAfterMs: 42_000},
		};
		const half = renderInk(<IdentityPanel identity={identity} token={base.token} now={now} width={39} lines={5}/>).frame();
		expect(half).toContain('! next try in 38s: rate limited (HTTP …');
		const narrow = renderInk(<IdentityPanel identity={identity} token={base.token} now={now} width={79} lines={2}/>).frame();
		expect(narrow).toContain('! next try in 38s: rate limited (HTTP 429), asked to wait 42 s');
	});
});

describe('TrafficLog', () => {
	it('shows direction, time, topic, event, ref, payload and round trip', () => {
		const join = frame({direction: 'out', topic: 'devices:abc', event: 'phx_join', payload: '', ref: '1'});
		const entries = [
			join,
			frame({topic: 'devices:abc', ref: '1', reply: {status: 'ok', requestEvent: 'phx_join', requestTopic: 'devices:abc', requestSeq: join.seq, latencyMs: 31}}),
			frame({topic: 'devices:abc', event: 'status_updated', payload: 'paused', ref: null}),
			malformedFrame({error: 'frame is not JSON', text: 'oops'}),
		];
		const text = renderInk(<TrafficLog
			follow entries={entries} seqs={entries.map(entry => entry.seq)}
			total={4} rows={5} width={100}
			selectedSeq={null} filter="" editingFilter={false}
			hideHeartbeats={false}/>).frame();
		expect(text).toContain('Traffic · following · 4 frames');
		expect(text).toContain(' → 09:59:59 devices:abc phx_join #1 ""');
		expect(text).toContain(' ← 09:59:59 devices:abc phx_reply #1 ok 31 ms (phx_join)');
		expect(text).toContain(' ← 09:59:59 devices:abc status_updated "paused"');
		expect(text).toContain(' ← 09:59:59 malformed: frame is not JSON "oops"');
	});

	it('shows a refused reply\'s reason after its status', () => {
		const join = frame({direction: 'out', topic: 'devices:abc', event: 'phx_join', payload: {}, ref: '1'});
		const entries = [join, frame({
			topic: 'devices:abc', ref: '1', payload: {status: 'error', response: {reason: 'unmatched topic'}},
			reply: {status: 'error', requestEvent: 'phx_join', requestTopic: 'devices:abc', requestSeq: join.seq, latencyMs: 4},
		})];
		const text = renderInk(<TrafficLog
			follow entries={entries} seqs={entries.map(entry => entry.seq)}
			total={2} rows={3} width={100}
			selectedSeq={null} filter="" editingFilter={false}
			hideHeartbeats={false}/>).frame();
		expect(text).toContain(' ← 09:59:59 devices:abc phx_reply #1 error 4 ms (phx_join) {"reason":"unmatched topic"}');
	});

	it('gives the topic column the room the terminal has, aligned: whole at 120 columns, cut at 80', () => {
		const topic = 'devices:a7e95254-8cd6-4d59-b54d-28c58570a8de';
		const entries = [
			frame({topic, event: 'status_updated', payload: 'paused', ref: null}),
			frame({direction: 'out', topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '7'}),
		];
		const log = (width: number) => renderInk(<TrafficLog
			follow entries={entries} seqs={entries.map(entry => entry.seq)}
			total={2} rows={3} width={width}
			selectedSeq={null} filter="" editingFilter={false}
			hideHeartbeats={false}/>, {columns: width + 1}).frame().split('\n').slice(1, 3);
		const wide = log(119);
		expect(wide[0]).toBe(` ← 09:59:59 ${topic} status_updated "paused"`);
		expect(wide[1]).toBe(` → 09:59:59 ${'phoenix'.padEnd(topic.length)} heartbeat #7 {}`);
		const [devices, phoenix] = log(79);
		expect(devices).toBe(' ← 09:59:59 devices:a7e95254-8cd6-4d59-b… status_updated "paused"');
		expect(phoenix!.indexOf('heartbeat')).toBe(devices!.indexOf('status_updated'));
	});

	it('shows only the newest rows that fit', () => {
		const entries = heartbeats(10);
		const text = renderInk(<TrafficLog
			follow entries={entries} seqs={entries.map(entry => entry.seq)}
			total={20} rows={4} width={100}
			selectedSeq={null} filter="" editingFilter={false}
			hideHeartbeats={false}/>).frame();
		expect(text.split('\n').filter(line => line.includes('phoenix'))).toHaveLength(4);
		expect(text).toContain(`#${entries.at(-1)!.ref} ok 12 ms (heartbeat)`);
	});
});

describe('FrameDetail, HelpOverlay and Footer', () => {
	it('shows what is known about a frame, then the frame as it went over the wire, scrollable', () => {
		const join = frame({direction: 'out', topic: 'devices:abc', event: 'phx_join', payload: '', ref: '1'});
		const entry = frame({
			topic: 'devices:abc', ref: '1', payload: {status: 'ok', response: {nested: {deep: [1, 2, 3]}}},
			reply: {status: 'ok', requestEvent: 'phx_join', requestTopic: 'devices:abc', requestSeq: join.seq, latencyMs: 31},
		});
		const top = renderInk(<FrameDetail entry={entry} rows={8} width={100} offset={0}/>).frame();
		expect(top.split('\n')).toHaveLength(8);
		// Numbered as the log numbers it (its ref, "#1"); the log's own sequence number is labelled as such.
		expect(top).toMatch(/^── Frame ref #1 phx_reply · Up\/Down: lines 1-7 of \d+ · Esc closes/);
		expect(top).toContain(`received 2026-11-27T09:59:59.000Z, 80 bytes, connection 1, log seq ${entry.seq}`);
		expect(top).toContain('reply to phx_join ref #1: status ok after 31 ms, on devices:abc');
		expect(top).toContain('  "topic": "devices:abc",');
		const bottom = renderInk(<FrameDetail entry={entry} rows={8} width={100} offset={99}/>).frame();
		expect(bottom).toContain('"ref": "1"');
		expect(bottom).not.toContain('received');
	});

	it('shows a malformed frame\'s error and text', () => {
		const entry = malformedFrame({error: 'frame is not JSON', text: 'oops'});
		const text = renderInk(<FrameDetail entry={entry} rows={8} width={100} offset={0}/>).frame();
		expect(text).toMatch(/^── Malformed frame · Esc closes ─/);
		expect(text).toContain('malformed: frame is not JSON');
		expect(text).toContain('starts with: "oops"');
	});

	it('lists every key of the keymap in the help, pairs on one line', () => {
		const text = renderInk(<HelpOverlay rows={20} width={100} offset={0}/>).frame();
		for (const binding of keymap) {
			expect(text).toContain(binding.keys);
			if (binding.inHelp !== false) {
				expect(text).toContain(binding.description);
			}
		}

		expect(text).toContain('Up, Down    select an older or newer frame');
		expect(text).not.toContain('Up/Down: lines');
	});

	it('lays the help out in one column at the minimum size, wrapping long descriptions, and says it scrolls', () => {
		const top = renderInk(<HelpOverlay rows={11} width={49} offset={0}/>).frame().split('\n');
		expect(top).toHaveLength(11);
		expect(top[0]).toMatch(/^── Keys · Up\/Down: lines 1-10 of \d+ · Esc closes$/);
		expect(top).toContain('r           refresh the identity (at most once a');
		expect(top).toContain('            minute)');
		expect(top.every(line => line.length <= 49)).toBe(true);
		const bottom = renderInk(<HelpOverlay rows={11} width={49} offset={99}/>).frame();
		expect(bottom).toContain('Frame.io asks.');
		expect(bottom).not.toContain('q, Ctrl+C');
	});

	it('hints the keymap\'s keys in the footer, or says keys are off', () => {
		const text = renderInk(<Footer keysActive notice={undefined}/>).frame();
		for (const binding of keymap.filter(binding => binding.hint)) {
			expect(text).toContain(binding.hint);
		}

		expect(renderInk(<Footer keysActive notice="identity: fetching now"/>).frame()).toMatch(/^q quit {2}\? help {2}· identity: fetching now · {2}r refresh/);
		expect(renderInk(<Footer keysActive={false} notice={undefined}/>).frame()).toContain('keys off: stdin is not a terminal');
	});

	it('shows only whole hints in the footer at 80 columns (the help has them all)', () => {
		expect(renderInk(<Footer keysActive notice={undefined} width={79}/>).frame()).toBe('q quit  ? help  r refresh  c reconnect  Space pause log  / filter  h heartbeats');
		expect(renderInk(<Footer keysActive notice="identity: fetching now" width={79}/>).frame()).toBe('q quit  ? help  · identity: fetching now ·  r refresh  c reconnect');
	});
});
