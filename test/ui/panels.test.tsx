import {afterEach, describe, expect, it} from 'vitest';
import FrameDetail from '../../source/ui/FrameDetail.js';
import Footer from '../../source/ui/Footer.js';
import HealthPanel from '../../source/ui/HealthPanel.js';
import HelpOverlay from '../../source/ui/HelpOverlay.js';
import IdentityPanel from '../../source/ui/IdentityPanel.js';
import {keymap} from '../../source/ui/keymap.js';
import SocketPanel from '../../source/ui/SocketPanel.js';
import StatusPanel from '../../source/ui/StatusPanel.js';
import TrafficLog from '../../source/ui/TrafficLog.js';
import {baseTime, frame, heartbeats, pausedStatus, snapshot} from '../helpers/fake-monitor.js';
import {cleanup, renderInk} from '../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const now = baseTime;
const base = snapshot();

describe('StatusPanel', () => {
	it('shows Paused and Connected as symbol and word, with how long and from where', () => {
		const app = renderInk(<StatusPanel status={pausedStatus(true)} latencyMs={42} now={now} detail={1}/>);
		expect(app.frame()).toContain('‖  Paused: yes  for 2m 03s · from a status_updated event');
		expect(app.frame()).toContain('✔  Connected: yes  for 1h 02m · /health ok 42 ms');
		expect(app.frame()).toContain('raw identity status: online (the device talked to Frame.io within the last 5 minutes)');
	});

	it('says no and unknown in words too', () => {
		const app = renderInk(<StatusPanel status={pausedStatus(false, false)} latencyMs={null} now={now} detail={0}/>);
		expect(app.frame()).toContain('▶  Paused: no  for 2m 03s · from the identity');
		expect(app.frame()).toContain('✖  Connected: no  for 1h 02m · /health failing');
		expect(app.frame()).not.toContain('raw identity status');
		const unknown = renderInk(<StatusPanel status={pausedStatus(null, null)} latencyMs={null} now={now} detail={0}/>);
		expect(unknown.frame()).toContain('?  Paused: unknown  waiting for the identity or a status event');
		expect(unknown.frame()).toContain('?  Connected: unknown  first /health check pending');
	});

	it('says when the paused evidence has not been confirmed for a while', () => {
		const status = {...pausedStatus(false), paused: {value: false, since: baseTime - 3_600_000, source: 'identity' as const, evidenceAt: baseTime - 300_000}};
		expect(renderInk(<StatusPanel status={status} latencyMs={42} now={now} detail={0}/>).frame()).toContain('Paused: no  for 1h 00m · from the identity · last confirmed 5m 00s ago');
	});

	it('uses ASCII symbols with --ascii', () => {
		const app = renderInk(<StatusPanel status={pausedStatus(true, false)} latencyMs={null} now={now} detail={1}/>, {ascii: true});
		expect(app.frame()).toContain('|| Paused: yes');
		expect(app.frame()).toContain('x  Connected: no');
		expect(app.frame()).toMatch(/^[\u0020-\u007E\n]*$/);
	});
});

describe('IdentityPanel', () => {
	it('shows project, who authorized it, when it was fetched and is fetched next, device, expiry', () => {
		const text = renderInk(<IdentityPanel identity={base.identity} token={base.token} now={now} width={100} lines={5}/>).frame();
		expect(text.split('\n')).toEqual([
			expect.stringMatching(/^── Identity ─+$/) as unknown as string,
			'Project    Testbed',
			'Authorized by Harry Potter',
			'Expires    never',
			'Fetched    12s ago · next in 48s',
			'Device id  a7e95254-8cd6-4d59-b54d-28c58570a8de',
		]);
	});

	it('keeps the fetch countdown in sight in a half-width panel at 80 columns', () => {
		const identity = {...base.identity, refreshQueued: true};
		const text = renderInk(<IdentityPanel identity={identity} token={base.token} now={now} width={39} lines={4}/>).frame();
		expect(text).toContain('Fetched    12s ago · queued, in 48s');
		expect(text).toContain('Device id  a7e95254-8cd6-4d59-b54d-2');
		expect(text).not.toContain('Expires');
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

	it('says when the token file cannot be read', () => {
		const token = {...base.token, source: 'file' as const, error: 'cannot read token file /run/token: permission denied'};
		const text = renderInk(<IdentityPanel identity={base.identity} token={token} now={now} width={120} lines={5}/>).frame();
		expect(text).toContain('! token file: cannot read token file /run/token: permission denied (still using the last token)');
	});
});

describe('SocketPanel', () => {
	it('shows state, uptime, reconnects, heartbeats and round trips', () => {
		const text = renderInk(<SocketPanel socket={base.socket} now={now} width={100} lines={5}/>).frame();
		expect(text).toContain('Socket · devices:a7e95254-8cd6-4d59-b54d-28c58570a8de');
		expect(text).toContain('State      joined for 5m 12s');
		expect(text).toContain('Reconnects 2 · last close 1006 by network: connection lost without a close frame 5m 13s ago');
		expect(text).toContain('Heartbeat  sent 3s ago, reply 2s ago');
		expect(text).toContain('Round trip 12 ms · avg 11 ms · 0 unanswered');
		expect(text).toContain('Frames     in 24 · out 22 · errors 0');
	});

	it('shows a heartbeat awaiting its reply and the ones that went unanswered', () => {
		const socket = {...base.socket, heartbeat: {...base.socket.heartbeat, awaitingReply: true, timeouts: 2}, unknownEvents: 3, lastUnknownEvent: {at: baseTime, topic: 't', event: 'device_renamed'}};
		const text = renderInk(<SocketPanel socket={socket} now={now} width={100} lines={5}/>).frame();
		expect(text).toContain('Heartbeat  sent 3s ago, awaiting reply');
		expect(text).toContain('Round trip 12 ms · avg 11 ms · 2 unanswered');
		expect(text).toContain('Frames     in 24 · out 22 · errors 0 · 3 unknown events (last device_renamed)');
	});

	it('counts down to the next attempt while waiting', () => {
		const socket = {...base.socket, state: 'waiting' as const, attempt: 3, nextRetryAt: baseTime + 4000, lastClose: {code: 1000, reason: 'idle timeout', at: baseTime - 1000, by: 'server' as const}};
		const text = renderInk(<SocketPanel socket={socket} now={now} width={39} lines={5}/>).frame();
		expect(text).toContain('State      retry in 4s (attempt 4)');
		expect(text).toContain('Closed     1000 by server 1s ago');
		expect(text).toContain('Reason     idle timeout');
	});

	it('explains a rejected token plainly', () => {
		const socket = {...base.socket, state: 'rejected' as const, nextRetryAt: baseTime + 48_000, rejection: {status: 403, message: 'x', at: baseTime}};
		const text = renderInk(<SocketPanel socket={socket} now={now} width={100} lines={4}/>).frame();
		expect(text).toContain('State      token rejected (HTTP 403)');
		expect(text).toContain('Token      missing, wrong or expired');
		expect(text).toContain('Next try   in 48s, or on a new token');
	});

	it('spins while connecting', async () => {
		const socket = {...base.socket, state: 'connecting' as const, attempt: 2};
		const app = renderInk(<SocketPanel socket={socket} now={now} width={100} lines={2}/>);
		const first = app.frame();
		expect(first).toContain('connecting (attempt 2)');
		await app.waitForFrame(frame => frame !== first, 'the spinner to move');
	});
});

describe('HealthPanel', () => {
	it('shows latency, when it was checked, and a sparkline', () => {
		const text = renderInk(<HealthPanel health={base.health} now={now} width={80} sparklineRows={1}/>).frame();
		expect(text).toContain('Health · ok 42 ms · checked 3s ago · next in 7s');
		expect(text).toContain('latency ▁▁█▁');
	});

	it('marks outages and names the failure', () => {
		const failure = {at: baseTime - 2000, ok: false, latencyMs: 5000, failure: {kind: 'timeout' as const, message: 'no answer within 5 s'}};
		const earlier = {...failure, at: baseTime - 12_000};
		const health = {...base.health, phase: 'down' as const, last: failure, lastSuccessAt: baseTime - 22_000, consecutiveFailures: 2, history: [...base.health.history, earlier, failure]};
		const text = renderInk(<HealthPanel health={health} now={now} width={80} sparklineRows={1}/>).frame();
		expect(text).toContain('Health · DOWN: timed out · down for 12s · checked 2s ago');
		expect(text).toContain('latency ▁▁█▁✖✖');
	});
});

describe('TrafficLog', () => {
	it('shows direction, time, topic, event, ref, payload and round trip', () => {
		const join = frame({direction: 'out', topic: 'devices:abc', event: 'phx_join', payload: '', ref: '1'});
		const entries = [
			join,
			frame({topic: 'devices:abc', ref: '1', reply: {status: 'ok', requestEvent: 'phx_join', requestTopic: 'devices:abc', requestSeq: join.seq, latencyMs: 31}}),
			frame({topic: 'devices:abc', event: 'status_updated', payload: 'paused', ref: null}),
			frame({topic: null, event: null, ref: null, payload: undefined, error: 'frame is not JSON', text: 'oops'}),
		];
		const text = renderInk(<TrafficLog entries={entries} seqs={entries.map(entry => entry.seq)} total={4} rows={5} width={100} follow selectedSeq={null} filter="" editingFilter={false} hideHeartbeats={false}/>).frame();
		expect(text).toContain('Traffic · following · 4 frames');
		expect(text).toContain(' → 09:59:59 devices:abc phx_join #1 ""');
		expect(text).toContain(' ← 09:59:59 devices:abc phx_reply #1 ok 31 ms (phx_join)');
		expect(text).toContain(' ← 09:59:59 devices:abc status_updated "paused"');
		expect(text).toContain(' ← 09:59:59 malformed: frame is not JSON "oops"');
	});

	it('shows only the newest rows that fit', () => {
		const entries = heartbeats(10);
		const text = renderInk(<TrafficLog entries={entries} seqs={entries.map(entry => entry.seq)} total={20} rows={4} width={100} follow selectedSeq={null} filter="" editingFilter={false} hideHeartbeats={false}/>).frame();
		expect(text.split('\n').filter(line => line.includes('phoenix'))).toHaveLength(4);
		expect(text).toContain(`#${entries.at(-1)!.ref} ok 12 ms (heartbeat)`);
	});
});

describe('FrameDetail, HelpOverlay and Footer', () => {
	it('shows what is known about a frame, then the frame as it went over the wire, scrollable', () => {
		const join = frame({direction: 'out', topic: 'devices:abc', event: 'phx_join', payload: '', ref: '1'});
		const entry = frame({topic: 'devices:abc', ref: '1', payload: {status: 'ok', response: {nested: {deep: [1, 2, 3]}}}, reply: {status: 'ok', requestEvent: 'phx_join', requestTopic: 'devices:abc', requestSeq: join.seq, latencyMs: 31}});
		const top = renderInk(<FrameDetail entry={entry} rows={8} width={100} offset={0}/>).frame();
		expect(top.split('\n')).toHaveLength(8);
		expect(top).toMatch(new RegExp(`^── Frame #${entry.seq} · lines 1-7 of \\d+, Up/Down to scroll · Esc or Enter to close`));
		expect(top).toContain('received 2026-11-27T09:59:59.000Z, 80 bytes, connection 1');
		expect(top).toContain('reply to phx_join #1 on devices:abc, status ok, after 31 ms');
		expect(top).toContain('  "topic": "devices:abc",');
		const bottom = renderInk(<FrameDetail entry={entry} rows={8} width={100} offset={99}/>).frame();
		expect(bottom).toContain('"ref": "1"');
		expect(bottom).not.toContain('received');
	});

	it('shows a malformed frame\'s error and text', () => {
		const entry = frame({topic: null, event: null, payload: undefined, ref: null, error: 'frame is not JSON', text: 'oops'});
		const text = renderInk(<FrameDetail entry={entry} rows={8} width={100} offset={0}/>).frame();
		expect(text).toContain('malformed: frame is not JSON');
		expect(text).toContain('starts with: "oops"');
	});

	it('lists every key of the keymap in the help, pairs on one line', () => {
		const text = renderInk(<HelpOverlay rows={20} width={100}/>).frame();
		for (const binding of keymap) {
			expect(text).toContain(binding.keys);
			if (binding.inHelp !== false) {
				expect(text).toContain(binding.description);
			}
		}

		expect(text).toContain('Up, Down    select an older or newer frame');
	});

	it('fits every description in the help at 60 columns', () => {
		const text = renderInk(<HelpOverlay rows={14} width={59}/>).frame();
		for (const binding of keymap.filter(binding => binding.inHelp !== false)) {
			expect(text).toContain(binding.description);
		}
	});

	it('hints the keymap\'s keys in the footer, or says keys are off', () => {
		const text = renderInk(<Footer keysActive notice={undefined}/>).frame();
		for (const binding of keymap.filter(binding => binding.hint)) {
			expect(text).toContain(binding.hint);
		}

		expect(renderInk(<Footer keysActive notice="identity: fetching now"/>).frame()).toMatch(/^q quit {2}\? help {2}· identity: fetching now · {2}r refresh/);
		expect(renderInk(<Footer keysActive={false} notice={undefined}/>).frame()).toContain('keys off: stdin is not a terminal');
	});
});
