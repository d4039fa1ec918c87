import {afterEach, describe, expect, it} from 'vitest';
import HealthPanel from '../../../../source/ui/monitor/panels/HealthPanel.js';
import SocketPanel from '../../../../source/ui/monitor/panels/SocketPanel.js';
import {baseTime, snapshot} from '../../../../support/fake-monitor.js';
import {cleanup, renderInk} from '../../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const now = baseTime;
const base = snapshot();

describe('SocketPanel', () => {
	it('shows state, uptime, reconnects, heartbeats and round trips', () => {
		const text = renderInk(<SocketPanel socket={base.socket} now={now} width={100} lines={5}/>).frame();
		expect(text).toContain('Socket · 2 reconnects · devices:a7e95254-8cd6-4d59-b54d-28c58570a8de');
		expect(text).toContain('State      joined for 5m 12s');
		expect(text).toContain('Last close 1006 by network: connection lost without a close frame · 5m 13s ago');
		expect(text).toContain('Heartbeat  sent 3s ago, reply 2s ago');
		expect(text).toContain('Round trip 12 ms · avg 11 ms\n');
		expect(text).toContain('Frames     in 24 · out 22 · errors 0');
	});

	it('keeps the close code, who closed and the reason at half width (80 columns)', () => {
		const socket = {...base.socket, lastClose: {code: 1011, reason: 'internal error', at: baseTime - 65_000, by: 'server' as const}};
		const text = renderInk(<SocketPanel socket={socket} now={now} width={39} lines={5}/>).frame();
		expect(text).toContain('Last close 1011 by server: internal er…');
		expect(text.split('\n')[0]).toMatch(/^── Socket · 2 reconnects · devices:a7e…$/);
	});

	it('puts protocol errors and unknown events before the frame counts', () => {
		const socket = {...base.socket, protocolErrors: 3, unknownEvents: 1, lastUnknownEvent: {at: baseTime, topic: 't', event: 'device_renamed'}};
		const text = renderInk(<SocketPanel socket={socket} now={now} width={39} lines={5}/>).frame();
		expect(text).toContain('Frames     errors 3 · unknown events 1…');
		expect(renderInk(<SocketPanel socket={socket} now={now} width={100} lines={5}/>).frame())
			.toContain('Frames     errors 3 · unknown events 1 (last device_renamed) · in 24 · out 22');
	});

	it('shows a heartbeat awaiting its reply', () => {
		const socket = {
			...base.socket, heartbeat: {...base.socket.heartbeat, awaitingReply: true}, unknownEvents: 3, lastUnknownEvent: {at: baseTime, topic: 't', event: 'device_renamed'},
		};
		const text = renderInk(<SocketPanel socket={socket} now={now} width={100} lines={5}/>).frame();
		expect(text).toContain('Heartbeat  sent 3s ago, awaiting reply');
		expect(text).toContain('Round trip 12 ms · avg 11 ms');
		expect(text).toContain('Frames     unknown events 3 (last device_renamed) · in 24 · out 22');
	});

	it('shows only this connection\'s heartbeats and round trips after a reconnect (issue 15.14)', () => {
		// Joined a moment ago; the last heartbeat and its reply, and an unanswered one, were the previous connection's.
		const socket = {
			...base.socket, openedAt: baseTime - 400, join: {...base.socket.join, joinedAt: baseTime - 300},
			heartbeat: {...base.socket.heartbeat, lastSentAt: baseTime - 103_000, lastReplyAt: baseTime - 103_000, timeouts: 1, nextAt: baseTime + 14_600},
		};
		const text = renderInk(<SocketPanel socket={socket} now={now} width={39} lines={5}/>).frame();
		expect(text).toContain('State      joined for 0s');
		expect(text).toContain('Heartbeat  none yet · first in 15s');
		expect(text).toContain('Round trip none yet on this connection');
		expect(text).not.toContain('1m 43s');
		expect(text).not.toContain('unanswered');
		const sent = {...socket, heartbeat: {...socket.heartbeat, lastSentAt: baseTime - 100}};
		expect(renderInk(<SocketPanel socket={sent} now={now} width={100} lines={5}/>).frame()).toContain('Heartbeat  sent 0s ago, no reply yet');
		// The compact line (a short terminal) says the same: heartbeats were sent on earlier connections, so never "never".
		expect(renderInk(<SocketPanel socket={socket} now={now} width={100} lines={2}/>).frame()).toContain('heartbeat none yet · rtt - · reconnects 2');
		expect(renderInk(<SocketPanel socket={sent} now={now} width={100} lines={2}/>).frame()).toContain('heartbeat no reply yet · rtt - · reconnects 2');
	});

	it('shows the last connection\'s heartbeats, with their ages, while the socket is down and retrying', () => {
		// Attempts since then were refused before opening: no connection of their own.
		const lastClose = {code: 1006, reason: 'connect ECONNREFUSED', at: baseTime - 6000, by: 'network' as const};
		const socket = {...base.socket, state: 'waiting' as const, openedAt: null, nextRetryAt: baseTime + 9000, lastClose};
		const text = renderInk(<SocketPanel socket={socket} now={now} width={100} lines={5}/>).frame();
		expect(text).toContain('Heartbeat  sent 3s ago, reply 2s ago');
		expect(renderInk(<SocketPanel socket={socket} now={now} width={100} lines={2}/>).frame()).toContain('heartbeat 2s ago · rtt - · reconnects 2');
	});

	it('counts down to the next attempt while waiting', () => {
		const socket = {
			...base.socket, state: 'waiting' as const, attempt: 3, nextRetryAt: baseTime + 4000, lastClose: {code: 1000, reason: 'idle timeout', at: baseTime - 1000, by: 'server' as const},
		};
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
		expect(text).toContain('Health · ok 42 ms · checked 3s ago, next in 7s');
		expect(text).toContain('latency ▁▁█▁');
	});

	it('marks outages and names the failure', () => {
		const failure = {at: baseTime - 2000, ok: false, latencyMs: 5000, failure: {kind: 'timeout' as const, message: 'no answer within 5 s'}};
		const earlier = {...failure, at: baseTime - 12_000};
		const health = {...base.health, phase: 'down' as const, last: failure, lastSuccessAt: baseTime - 22_000, consecutiveFailures: 2, history: [...base.health.history, earlier, failure]};
		const text = renderInk(<HealthPanel health={health} now={now} width={80} sparklineRows={1}/>).frame();
		expect(text).toContain('Health · DOWN for 12s: timed out · checked 2s ago, next in 7s');
		expect(text).toContain('latency ▁▁█▁✖✖');
	});

	it('says "checking…" while a check is under way, not "next -" (issue 15.14)', () => {
		const checking = {...base.health, phase: 'checking' as const, nextCheckAt: null};
		expect(renderInk(<HealthPanel health={checking} now={now} width={79} sparklineRows={0}/>).frame()).toMatch(/^── Health · ok 42 ms · checked 3s ago, checking… ─+$/);
		expect(renderInk(<HealthPanel health={checking} now={now} width={79} sparklineRows={0}/>, {ascii: true}).frame()).toMatch(/^-- Health \| ok 42 ms \| checked 3s ago, checking\.\.\. -+$/);
		const first = {...checking, last: null, history: []};
		expect(renderInk(<HealthPanel health={first} now={now} width={79} sparklineRows={0}/>).frame()).toMatch(/^── Health · checking… ─+$/);
	});

	it('keeps the next check in sight at 80 columns during a long outage', () => {
		const failure = {at: baseTime - 10_000, ok: false, latencyMs: 40, failure: {kind: 'http' as const, status: 503, message: 'HTTP 503'}};
		const start = {...failure, at: baseTime - 754_000};
		const health = {...base.health, phase: 'down' as const, last: failure, consecutiveFailures: 2, history: [start, failure]};
		const title = renderInk(<HealthPanel health={health} now={now} width={79} sparklineRows={0}/>).frame();
		expect(title).toMatch(/^── Health · DOWN for 12m 34s: HTTP error 503 · checked 10s ago, next in 7s ─+$/);
	});
});
