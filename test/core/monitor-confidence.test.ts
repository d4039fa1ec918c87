import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {pausedFreshMs} from '../../source/core/derive-status.js';
import {Monitor} from '../../source/core/monitor.js';
import type {MonitorEvent} from '../../source/core/monitor-events.js';
import {WatchedToken} from '../../source/core/token/watched-token.js';
import type {TokenOrigin} from '../../source/core/token/token-source.js';
import type {ManualClock} from '../../support/manual-clock.js';
import {record, waitForSnapshot} from '../../support/wait-for.js';
import {startTestEmulator} from '../helpers/emulator-fixture.js';
import {cleanup, temporaryDirectory, testMonitor} from '../helpers/monitor-fixture.js';

const monitors: Monitor[] = [];

afterEach(async () => {
	await Promise.all(monitors.splice(0).map(async monitor => monitor.stop()));
	await cleanup();
});

const secret = 'tok-confidence-31d7';
const token: TokenOrigin = {kind: 'env', variable: 'FRAMEIO_TOKEN', token: secret};
type StatusEvent = Extract<MonitorEvent, {type: 'status'}>;
const isStatus = (event: MonitorEvent): event is StatusEvent => event.type === 'status';

describe('Monitor: Paused with its evidence', () => {
	it('says Paused is unconfirmed the moment the newest identity is 75 s old with the socket refused, and why', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const instance = testMonitor(clock, emulator.url, token);
		await instance.start();
		const joined = await waitForSnapshot(instance, s => s.socket.state === 'joined' && s.status.confidence.confirmed, 'joined and confirmed');
		expect(joined.status.confidence).toMatchObject({confirmed: true, reasons: [], lastEvidence: 'identity'});
		const identityAt = joined.status.evidence.identityAt!;
		const events = record(instance.events);
		// The token expires: the socket is refused (403) and the next identity answers 401.
		emulator.control.expireToken();
		emulator.control.drop();
		const waiting = await waitForSnapshot(instance, s => s.socket.state === 'waiting', 'waiting to reconnect');
		await clock.advance(waiting.socket.nextRetryAt! - clock.now());
		await waitForSnapshot(instance, s => s.socket.state === 'rejected', 'the socket refused');
		await clock.advance(identityAt + 60_000 - clock.now());
		await waitForSnapshot(instance, s => s.identity.error?.kind === 'auth', 'the identity refused');
		await clock.advance(identityAt + pausedFreshMs - 1 - clock.now());
		expect(instance.getSnapshot().status.confidence.confirmed).toBe(true);
		expect(events.values.filter(event => isStatus(event))).toEqual([]);
		await clock.advance(1);
		// At once, by a timer on the clock: one status event, the value kept, said to be unconfirmed, and why.
		expect(events.values.filter(event => isStatus(event))).toMatchObject([{
			at: identityAt + pausedFreshMs,
			status: {paused: {value: false}, confidence: {confirmed: false, confirmedAt: identityAt, reasons: ['socket refused', 'token rejected'], lastEvidence: 'identity'}},
		}]);
	});

	it('announces a restart during a pause as paused at once: no "not paused" first', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		const path = join(await temporaryDirectory(), 'device.json');
		const first = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		await first.start();
		await waitForSnapshot(first, s => s.socket.state === 'joined' && s.status.paused.value === false, 'the first run joined');
		await clock.advance(5000);
		emulator.control.pause();
		await waitForSnapshot(first, s => s.status.paused.value === true, 'the pause event');
		await first.stop();
		await clock.advance(2000);
		const second = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		const events = record(second.events);
		await second.start();
		await waitForSnapshot(second, s => s.socket.state === 'joined' && s.status.connected.value === true, 'the second run joined');
		const statuses = events.values.filter(event => isStatus(event)).map(event => event.status);
		expect(statuses[0]!.paused).toMatchObject({value: true, source: 'event'});
		expect(statuses.every(status => status.paused.value === true)).toBe(true);
		// The last run's identity (7 s old) still vouches for it, and so does the rejoined channel.
		expect(statuses[0]!.confidence.confirmed).toBe(true);
	});

	it('tells the token source when /health recovers from a failure, and only then', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const tokens = new CountingToken(clock);
		const instance = new Monitor({apiUrl: new URL(emulator.url), token, clientVersion: '2.0.0', healthIntervalMs: 10_000}, {clock, coalesceMs: 0, tokenSource: tokens});
		monitors.push(instance);
		await instance.start();
		await waitForSnapshot(instance, s => s.status.connected.value === true, 'connected');
		await clock.advance(10_000);
		expect(tokens.recovered).toBe(0);
		emulator.control.setHealth(false);
		await clock.advance(10_000);
		await waitForSnapshot(instance, s => s.status.connected.value === false, 'Connected: no');
		await clock.advance(10_000);
		expect(tokens.recovered).toBe(0);
		emulator.control.setHealth(true);
		await clock.advance(10_000);
		await waitForSnapshot(instance, s => s.status.connected.value === true, 'Connected: yes again');
		expect(tokens.recovered).toBe(1);
		await clock.advance(10_000);
		expect(tokens.recovered).toBe(1);
	});
});

/** A watched token that counts how often it is told the network came back (a stand-in for owned credentials). */
class CountingToken extends WatchedToken {
	recovered = 0;

	constructor(clock: ManualClock) {
		super(token as Extract<TokenOrigin, {kind: 'env'}>, clock);
	}

	override networkRecovered(): void {
		this.recovered++;
	}
}
