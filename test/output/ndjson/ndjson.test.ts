import {type Buffer} from 'node:buffer';
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {deriveStatus, reassess, unknownStatus} from '../../../source/core/derive-status.js';
import {Emitter} from '../../../source/core/emitter.js';
import type {MonitorEvent} from '../../../source/core/monitor-events.js';
import {createRedactor} from '../../../source/core/token/redact.js';
import {initialSocketSnapshot} from '../../../source/core/socket/socket-types.js';
import {formatEvent} from '../../../source/output/ndjson/ndjson-format.js';
import {writeNdjson} from '../../../source/output/ndjson/ndjson-writer.js';

const at = Date.parse('2026-11-27T10:00:00.000Z');
const time = '2026-11-27T10:00:00.000Z';

describe('formatEvent', () => {
	it('writes a status line with both values, null while unknown, and Paused unconfirmed with why', () => {
		expect(formatEvent({type: 'status', at, status: unknownStatus})).toEqual({
			time, type: 'status', paused: null, pausedSource: null, pausedConfirmed: false, pausedUnconfirmed: ['no device id yet', 'no identity yet'], pausedAsOf: null, pausedSince: null,
			pausedSinceEarliest: null, connected: null, identityStatus: null,
		});
	});

	it('writes Paused with its evidence: confirmed, as of when, and the bounds of when it began', () => {
		let status = deriveStatus(unknownStatus, {kind: 'identity', status: 'online', requestedAt: at - 90_000, receivedAt: at - 89_900});
		status = deriveStatus(status, {kind: 'identity', status: 'paused', requestedAt: at - 20_000, receivedAt: at - 19_900});
		const iso = (ms: number) => new Date(ms).toISOString();
		expect(formatEvent({type: 'status', at, status})).toEqual({
			time, type: 'status', paused: true, pausedSource: 'identity', pausedConfirmed: true, pausedAsOf: iso(at - 20_000),
			pausedSince: iso(at - 19_900), pausedSinceEarliest: iso(at - 90_000), connected: null, identityStatus: 'paused',
		});
		// 75 s after the identity's request, with no joined channel, nothing confirms it.
		expect(formatEvent({type: 'status', at, status: reassess(status, at + 55_000)})).toMatchObject({
			pausedConfirmed: false, pausedUnconfirmed: ['no device id yet', 'identity stale'], pausedAsOf: iso(at - 20_000),
		});
	});

	it('writes an identity line for a wait on another process, and a state line when the state file cannot be written', () => {
		expect(formatEvent({type: 'identity-wait', at, wait: {claimedAt: at - 1000, ownRequestAt: at + 61_000}}))
			.toEqual({time, type: 'identity', waiting: true, otherRequestAt: new Date(at - 1000).toISOString(), ownRequestAt: new Date(at + 61_000).toISOString()});
		expect(formatEvent({type: 'state', at, problem: 'cannot write /s/device.json: EROFS: read-only file system'})).toEqual({
			time, type: 'state', writable: false,
			error: 'cannot write /s/device.json: EROFS: read-only file system; so Frame.io\'s 60 s identity rule cannot hold across restarts and other c2c-status processes',
		});
		expect(formatEvent({type: 'state', at, problem: null})).toEqual({time, type: 'state', writable: true});
	});

	it('writes health and identity failures with their kind', () => {
		expect(formatEvent({type: 'health', at, check: {at, ok: false, latencyMs: 5000, failure: {kind: 'timeout', message: 'no answer within 5 s'}}}))
			.toEqual({time, type: 'health', ok: false, error: 'no answer within 5 s', kind: 'timeout', latencyMs: 5000});
		expect(formatEvent({type: 'identity', at, result: {ok: false, origin: 'fetched', requestedAt: at, receivedAt: at, failure: {kind: 'rate-limited', status: 429, message: 'rate limited'}}}))
			.toEqual({time, type: 'identity', ok: false, error: 'rate limited', kind: 'rate-limited', httpStatus: 429});
	});

	it('says where an identity came from, and when one from the last run was fetched', () => {
		const identity = {id: 'd', name: 'cart', projectId: 'p', projectName: 'Testbed', creatorName: 'Harry', expiresAt: null, status: 'online'};
		expect(formatEvent({type: 'identity', at, result: {ok: true, origin: 'fetched', identity, problems: [], requestedAt: at - 20, receivedAt: at, latencyMs: 20}}))
			.toEqual({
				time, type: 'identity', ok: true, origin: 'fetched', fetchedAt: time, project: 'Testbed', creator: 'Harry', expiresAt: null, status: 'online',
				deviceId: 'd', deviceName: 'cart', latencyMs: 20,
			});
		expect(formatEvent({type: 'identity', at, result: {ok: true, origin: 'last-run', identity, problems: [], requestedAt: at - 40_000, receivedAt: at - 40_000, latencyMs: null}}))
			.toMatchObject({time, origin: 'last-run', latencyMs: null, fetchedAt: new Date(at - 40_000).toISOString()});
		// A failure another process's request met within the window: its origin and when it came.
		const failure = {kind: 'auth', status: 401, message: 'the token was rejected (HTTP 401)'} as const;
		expect(formatEvent({type: 'identity', at, result: {ok: false, origin: 'other-process', failure, requestedAt: at - 25_000, receivedAt: at - 25_000}}))
			.toEqual({
				time, type: 'identity', ok: false, error: 'the token was rejected (HTTP 401)', kind: 'auth', httpStatus: 401, origin: 'other-process', fetchedAt: new Date(at - 25_000).toISOString(),
			});
	});

	it('writes socket lines only for the documented states, with close details and the wait', () => {
		const base = initialSocketSnapshot('wss://x/devices/websocket');
		expect(formatEvent({type: 'socket', at, socket: {...base, state: 'idle'}})).toBeUndefined();
		expect(formatEvent({type: 'socket', at, socket: {...base, state: 'stopped'}})).toBeUndefined();
		expect(formatEvent({type: 'socket', at, socket: {...base, state: 'waiting', attempt: 3, nextRetryAt: at + 4000, lastClose: {code: 1006, reason: 'lost', at, by: 'network'}}}))
			.toEqual({time, type: 'socket', state: 'waiting', attempt: 3, code: 1006, reason: 'lost', closedBy: 'network', retryInMs: 4000});
		expect(formatEvent({type: 'socket', at, socket: {
			...base, state: 'rejected', attempt: 1, nextRetryAt: at + 60_000, rejection: {status: 403, message: 'refused', at}, lastClose: {code: 1006, reason: 'HTTP 403', at, by: 'server'},
		}}))
			.toEqual({time, type: 'socket', state: 'rejected', attempt: 1, code: 1006, reason: 'HTTP 403', closedBy: 'server', httpStatus: 403, error: 'refused', retryInMs: 60_000});
	});

	it('writes frames with the round trip of a paired reply, and malformed frames with their error', () => {
		expect(formatEvent({type: 'frame', at, entry: {
			kind: 'frame', seq: 2, at, direction: 'in', bytes: 90, connection: 1, topic: 'phoenix', event: 'phx_reply', ref: '7', payload: {status: 'ok', response: {}},
			reply: {status: 'ok', requestEvent: 'heartbeat', requestTopic: 'phoenix', requestSeq: 1, latencyMs: 12},
		}}))
			.toEqual({
				time, type: 'frame', direction: 'in', topic: 'phoenix', event: 'phx_reply', ref: '7', payload: {status: 'ok', response: {}},
				bytes: 90, rttMs: 12, replyTo: 'heartbeat', replyStatus: 'ok',
			});
		expect(formatEvent({type: 'frame', at, entry: {
			kind: 'malformed', seq: 3, at, direction: 'in', bytes: 3, connection: 1, error: 'frame is not JSON', text: 'bad',
		}}))
			.toEqual({time, type: 'frame', direction: 'in', topic: null, event: null, ref: null, payload: null, bytes: 3, error: 'frame is not JSON'});
	});
});

describe('writeNdjson', () => {
	it('keeps every line valid JSON and free of the token, however short the token is', () => {
		const events = new Emitter<MonitorEvent>();
		const out = new PassThrough();
		const chunks: string[] = [];
		out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
		writeNdjson({events, redact: createRedactor(() => ['e'])}, out);
		events.emit({type: 'status', at, status: unknownStatus});
		events.emit({type: 'error', at, message: 'the token e was echoed'});
		expect(chunks.join('')).toContain('"the token [redacted] was echoed"');
		events.emit({type: 'frame', at, entry: {kind: 'frame', seq: 1, at, direction: 'in', bytes: 10, connection: 1, topic: 'devices:e', event: 'x', ref: null, payload: {e: 'e'}}});
		const lines = chunks.join('').trimEnd().split('\n');
		expect(lines).toHaveLength(3);
		for (const line of lines) {
			const parsed = JSON.parse(line) as Record<string, unknown>;
			expect(Object.keys(parsed)).toContain('time');
			// A token under 8 characters is redacted where it stands as a whole token (not inside "devices").
			expect(JSON.stringify(Object.values(parsed)).replaceAll('[redacted]', '')).not.toMatch(/(?<!\w)e(?!\w)/);
		}
	});

	it('writes an error line instead of crashing on a line it cannot serialize', () => {
		const events = new Emitter<MonitorEvent>();
		const out = new PassThrough();
		const chunks: string[] = [];
		out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
		writeNdjson({events, redact: text => text}, out);
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		events.emit({type: 'frame', at, entry: {kind: 'frame', seq: 1, at, direction: 'in', bytes: 10, connection: 1, topic: 't', event: 'x', ref: null, payload: cyclic}});
		expect(JSON.parse(chunks.join('')) as unknown).toMatchObject({type: 'error', message: expect.stringMatching(/^a frame event could not be written: /) as unknown});
	});
});
