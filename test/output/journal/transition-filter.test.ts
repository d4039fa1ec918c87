import {describe, expect, it} from 'vitest';
import {unknownStatus} from '../../../source/core/derive-status.js';
import {Emitter} from '../../../source/core/emitter.js';
import type {MonitorEvent} from '../../../source/core/monitor-events.js';
import type {MalformedFrame} from '../../../source/core/socket/traffic.js';
import type {Line} from '../../../source/output/ndjson/ndjson-format.js';
import {journalMonitor} from '../../../source/output/journal/journal-monitor.js';
import {journalMayKeep, TransitionFilter} from '../../../source/output/journal/transition-filter.js';

const time = '2026-11-27T10:00:00.000Z';
const socket = (state: string, extra: Line = {}): Line => ({time, type: 'socket', state, attempt: 1, ...extra});
const health = (ok: boolean, kind?: string): Line => ok ? {time, type: 'health', ok, latencyMs: 20} : {time, type: 'health', ok, error: 'x', kind, latencyMs: 5};
const identityOk = (status: string, extra: Line = {}): Line => ({
	time, type: 'identity', ok: true, origin: 'fetched', project: 'Shoot', creator: 'Ana', expiresAt: null, status, deviceId: 'd1', deviceName: 'A', latencyMs: 80, ...extra,
});

function kept(lines: Line[]): Line[] {
	const filter = new TransitionFilter();
	return lines.filter(line => filter.keep(line));
}

describe('the transition filter', () => {
	it('keeps every status, token, hook and monitor line', () => {
		const lines: Line[] = [
			{time, type: 'status', paused: false, connected: true},
			{time, type: 'status', paused: false, connected: true},
			{time, type: 'token', event: 'refreshing'},
			{time, type: 'token', event: 'refreshing'},
			{time, type: 'hook', changed: 'paused', ok: true},
			{time, type: 'monitor', event: 'started'},
		];
		expect(kept(lines)).toEqual(lines);
	});

	it('never keeps frames, errors, or what it does not know', () => {
		expect(kept([{time, type: 'frame', direction: 'in'}, {time, type: 'error', message: 'bad frame'}, {time, type: 'recording'}])).toEqual([]);
	});

	it('keeps a socket line when the state changes, or a join is refused', () => {
		const states = ['connecting', 'open', 'open', 'open refused', 'joined', 'joined', 'closed', 'waiting', 'connecting'];
		const lines = states.map((state, index) => state === 'open refused' ? socket('open', {error: 'unmatched topic'}) : socket(state, {attempt: index}));
		expect(kept(lines).map(line => `${String(line.state)}${line.error ? '!' : ''}`)).toEqual(['connecting', 'open', 'open!', 'joined', 'closed', 'waiting', 'connecting']);
	});

	it('keeps health only when it goes from ok to failing and back, or fails another way', () => {
		const lines = [health(true), health(true), health(false, 'timeout'), health(false, 'timeout'), health(false, 'dns'), health(true), health(true)];
		expect(kept(lines).map(line => line.ok === true ? 'ok' : String(line.kind))).toEqual(['ok', 'timeout', 'dns', 'ok']);
	});

	it('keeps an identity only when what it says changes', () => {
		const failure = (kind: string, httpStatus: number): Line => ({time, type: 'identity', ok: false, error: `HTTP ${httpStatus}`, kind, httpStatus});
		const lines = [
			identityOk('online'),
			identityOk('online', {latencyMs: 300, origin: 'other-process'}),
			identityOk('paused'),
			identityOk('paused', {project: 'Reshoot'}),
			identityOk('paused', {expiresAt: '2026-12-01T00:00:00Z'}),
			failure('auth', 401),
			failure('auth', 401),
			failure('http', 500),
			identityOk('paused', {expiresAt: '2026-12-01T00:00:00Z'}),
		];
		expect(kept(lines)).toEqual([lines[0], lines[2], lines[3], lines[4], lines[5], lines[7], lines[8]]);
	});

	it('remembers the latest kept line of each state, to carry into a new day\'s file', () => {
		const filter = new TransitionFilter();
		for (const line of [socket('joined'), health(true), health(true), identityOk('online'), {time, type: 'status', paused: true}, {time, type: 'token', event: 'loaded'}]) {
			filter.keep(line);
		}

		expect(filter.latestStates().map(line => line.type)).toEqual(['socket', 'health', 'identity', 'status']);
	});
});

describe('feeding a monitor\'s events to the journal', () => {
	it('drops frames and errors on their type, and formats the rest', () => {
		const events = new Emitter<MonitorEvent>();
		const recorded: Line[] = [];
		const stop = journalMonitor({events}, {record(line) {
			recorded.push(line);
		}});
		const at = Date.parse(time);
		const entry: MalformedFrame = {kind: 'malformed', seq: 1, at, direction: 'in', bytes: 3, connection: 1, error: 'not JSON', text: 'xyz'};
		events.emit({type: 'frame', at, entry});
		events.emit({type: 'error', at, message: 'protocol error'});
		events.emit({type: 'status', at, status: unknownStatus});
		stop();
		events.emit({type: 'status', at, status: unknownStatus});
		expect(recorded.map(line => line.type)).toEqual(['status']);
		expect(journalMayKeep('frame')).toBe(false);
		expect(journalMayKeep('socket')).toBe(true);
	});
});
