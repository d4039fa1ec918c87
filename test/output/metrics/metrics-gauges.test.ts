import {afterEach, describe, expect, it} from 'vitest';
import type {PausedConfidence} from '../../../source/core/derive-status.js';
import {Emitter} from '../../../source/core/emitter.js';
import type {MonitorSnapshot} from '../../../source/core/monitor.js';
import type {MonitorEvent} from '../../../source/core/monitor-events.js';
import type {SocketState} from '../../../source/core/socket/socket-types.js';
import type {TokenPersistence, TokenSnapshot} from '../../../source/core/token/token-source.js';
import {createMetrics} from '../../../source/output/metrics/metrics.js';
import {baseTime, ownedToken, pausedStatus, snapshot} from '../../../support/fake-monitor.js';
import {type Exposition, scrape, valueOf} from '../../prometheus/helpers/exposition.js';
import {cleanup, testMetricsServer} from '../../prometheus/helpers/metrics-fixture.js';

afterEach(cleanup);

type TestDevice = {readonly name: string; readonly monitor: {events: Emitter<MonitorEvent>; getSnapshot: () => MonitorSnapshot}};
type Setting = {readonly paused: boolean | null; readonly confidence?: Partial<PausedConfidence>; readonly socket: SocketState; readonly token?: TokenSnapshot};

/** A device whose snapshot the test sets: Paused, what confirms it, the socket's state, the token. */
function device(name: string, {paused, confidence = {}, socket, token = snapshot().token}: Setting): TestDevice {
	const base = snapshot();
	const status = pausedStatus(paused);
	const current = snapshot({status: {...status, confidence: {...status.confidence, ...confidence}}, socket: {...base.socket, state: socket}, token});
	return {name, monitor: {events: new Emitter<MonitorEvent>(), getSnapshot: () => current}};
}

async function scrapeOf(devices: readonly TestDevice[]): Promise<Exposition> {
	const metrics = createMetrics({now: () => baseTime});
	for (const one of devices) {
		metrics.attach(one);
	}

	return scrape((await testMetricsServer(metrics)).url);
}

describe('whether Paused is confirmed, and how old its evidence is (issue 15)', () => {
	it('gives c2c_paused_confirmed and c2c_paused_evidence_age_seconds for each device, at scrape time, and nothing while Paused is unknown', async () => {
		const exposition = await scrapeOf([
			// The channel joined: confirmed, and the evidence is live.
			device('joined', {paused: false, confidence: {confirmed: true, confirmedAt: baseTime - 2988}, socket: 'joined'}),
			// No socket, an identity 20 s old: confirmed by it, 20 s old.
			device('identity', {paused: false, confidence: {confirmed: true, confirmedAt: baseTime - 20_000}, socket: 'waiting'}),
			// Socket refused and identity failing: the last value, confirmed 48 s ago (its event 123 s ago).
			device('blind', {paused: true, confidence: {confirmed: false, confirmedAt: baseTime - 48_000, reasons: ['socket refused', 'identity failing']}, socket: 'rejected'}),
			// Known from the last run only, never confirmed by this one: the age of that evidence (123 s).
			device('last-run', {paused: true, confidence: {confirmed: false, confirmedAt: null}, socket: 'connecting'}),
			device('unknown', {paused: null, confidence: {}, socket: 'connecting'}),
		]);
		const reading = (name: string) => [valueOf(exposition, 'c2c_paused_confirmed', {device: name}), valueOf(exposition, 'c2c_paused_evidence_age_seconds', {device: name})];
		expect(reading('joined')).toEqual([1, 0]);
		expect(reading('identity')).toEqual([1, 20]);
		expect(reading('blind')).toEqual([0, 48]);
		expect(reading('last-run')).toEqual([0, 123]);
		expect(reading('unknown')).toEqual([undefined, undefined]);
		expect(exposition.types.get('c2c_paused_evidence_age_seconds')).toBe('gauge');
	});

	it('reads the age at each scrape: it grows while nothing confirms Paused', async () => {
		let now = baseTime;
		const metrics = createMetrics({now: () => now});
		metrics.attach(device('blind', {paused: true, confidence: {confirmed: false, confirmedAt: baseTime - 48_000}, socket: 'rejected'}));
		const server = await testMetricsServer(metrics);
		expect(valueOf(await scrape(server.url), 'c2c_paused_evidence_age_seconds', {device: 'blind'})).toBe(48);
		now += 60_000;
		expect(valueOf(await scrape(server.url), 'c2c_paused_evidence_age_seconds', {device: 'blind'})).toBe(108);
	});
});

describe('credentials that cannot be saved (issue 14 A)', () => {
	it('gives c2c_credentials_save_failing 1 while owned credentials cannot be saved or are held in memory only, 0 when saved, and nothing for a watched token', async () => {
		const failing = (state: 'cannot-save' | 'unsaved'): TokenPersistence => ({state, error: 'no space left on device', since: baseTime - 5000, nextTryAt: baseTime + 5000});
		const exposition = await scrapeOf([
			device('watched', {paused: false, confidence: {confirmed: true}, socket: 'joined'}),
			device('saved', {paused: false, confidence: {confirmed: true}, socket: 'joined', token: ownedToken()}),
			device('cannot-save', {paused: false, confidence: {confirmed: true}, socket: 'joined', token: ownedToken({}, {persistence: failing('cannot-save')})}),
			device('unsaved', {paused: false, confidence: {confirmed: true}, socket: 'joined', token: ownedToken({}, {persistence: failing('unsaved')})}),
		]);
		expect(valueOf(exposition, 'c2c_credentials_save_failing', {device: 'watched'})).toBeUndefined();
		expect(valueOf(exposition, 'c2c_credentials_save_failing', {device: 'saved'})).toBe(0);
		expect(valueOf(exposition, 'c2c_credentials_save_failing', {device: 'cannot-save'})).toBe(1);
		expect(valueOf(exposition, 'c2c_credentials_save_failing', {device: 'unsaved'})).toBe(1);
	});
});
