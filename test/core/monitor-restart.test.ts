import {readFileSync} from 'node:fs';
import {readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {identityMinIntervalMs} from '../../source/core/frameio-rules.js';
import {followerGraceMs} from '../../source/core/identity/identity-poller.js';
import type {Monitor} from '../../source/core/monitor.js';
import type {MonitorEvent} from '../../source/core/monitor-events.js';
import {IdentityStateFile} from '../../source/core/state/identity-state-file.js';
import {tokenHash} from '../../source/core/token/token-hash.js';
import type {TokenOrigin} from '../../source/core/token/token-source.js';
import {startTestEmulator, waitUntil} from '../helpers/emulator-fixture.js';
import type {ManualClock} from '../../support/manual-clock.js';
import {record, waitForEvent, waitForSnapshot} from '../../support/wait-for.js';
import {cleanup, temporaryDirectory, testMonitor} from '../helpers/monitor-fixture.js';

afterEach(cleanup);

const secret = 'tok-restart-5b1e';
const token: TokenOrigin = {kind: 'env', variable: 'FRAMEIO_TOKEN', token: secret};

async function statePath(): Promise<string> {
	return join(await temporaryDirectory(), 'device.json');
}

const monitor = (clock: ManualClock, url: string, path: string) => testMonitor(clock, url, token, {config: {statePath: path}});

type IdentityEvent = Extract<MonitorEvent, {type: 'identity'}>;
const identityResult = async (instance: Monitor, ok?: boolean) => waitForEvent(
	instance.events,
	(event: MonitorEvent): event is IdentityEvent => event.type === 'identity' && (ok === undefined || event.result.ok === ok),
	'an identity result',
);

describe('Monitor across restarts (the state file)', () => {
	it('keeps Frame.io\'s 60 s identity window when restarted within a minute, against a strict server', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		const path = await statePath();
		const first = monitor(clock, emulator.url, path);
		await first.start();
		await waitForSnapshot(first, snapshot => snapshot.identity.phase === 'ok' && snapshot.socket.state === 'joined', 'the first run joined');
		const fetchedAt = first.getSnapshot().identity.fetchedAt!;
		await first.stop();
		await clock.advance(20_000);

		const second = monitor(clock, emulator.url, path);
		const events = record(second.events);
		await second.start();
		// What the last run left is shown at once, marked as such, and no request is made yet.
		expect(second.getSnapshot().identity).toMatchObject({origin: 'last-run', fetchedAt, identity: {projectName: 'Demo project'}});
		expect(second.getSnapshot().identity.nextFetchAt).toBe(fetchedAt + identityMinIntervalMs);
		expect(events.values.find(event => event.type === 'identity')).toMatchObject({result: {ok: true, origin: 'last-run', latencyMs: null}});
		const fresh = identityResult(second);
		await clock.advance(fetchedAt + identityMinIntervalMs - clock.now() - 1);
		expect(emulator.control.state().devices[0]!.identityRequests).toHaveLength(1);
		await clock.advance(1);
		expect(await fresh).toMatchObject({result: {ok: true, origin: 'fetched'}});
		expect(second.getSnapshot().identity.origin).toBe('fetched');
		const {identityRequests, identityTooSoon} = emulator.control.state().devices[0]!;
		expect(identityRequests.map(request => request.status)).toEqual([200, 200]);
		expect(identityTooSoon).toBe(0);
	});

	it('joins the device channel at once with the remembered device id, even when the identity request is refused', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		const path = await statePath();
		const deviceId = emulator.control.state().devices[0]!.id;
		// The last run fetched with another token (so this one fetches at once), and another client has
		// just used this token's window: the identity answers 429.
		await new IdentityStateFile(path).save({
			identity: {id: deviceId, name: 'cart A', projectId: 'p', projectName: 'Testbed', creatorName: 'Harry', expiresAt: null, status: 'paused'},
			problems: [], requestedAt: clock.now() - 30_000, fetchedAt: clock.now() - 30_000, tokenHash: tokenHash('an-older-token'),
		});
		await fetch(`${emulator.url}/v2/devices/me`, {headers: {authorization: `Bearer ${secret}`}});
		const instance = monitor(clock, emulator.url, path);
		const limited = identityResult(instance, false);
		await instance.start();
		expect(await limited).toMatchObject({result: {ok: false, failure: {kind: 'rate-limited'}}});
		const joined = await waitForSnapshot(instance, snapshot => snapshot.socket.state === 'joined', 'joined without a fresh identity');
		expect(joined.socket.topic).toBe(`devices:${deviceId}`);
		expect(joined.identity).toMatchObject({origin: 'last-run', stale: true, identity: {name: 'cart A'}});
		// The last run's identity said paused; it stands until fresher evidence arrives.
		expect(joined.status.paused).toMatchObject({value: true, source: 'identity'});
		// Status events are not lost meanwhile.
		emulator.control.pause();
		emulator.control.resume();
		await waitForSnapshot(instance, snapshot => snapshot.status.paused.value === false && snapshot.status.paused.source === 'event', 'the resume event');
	});

	it('takes an identity another process fetched within the window instead of polling again', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		const path = await statePath();
		const instance = monitor(clock, emulator.url, path);
		await instance.start();
		await waitForSnapshot(instance, snapshot => snapshot.identity.origin === 'fetched', 'the first fetch');
		await clock.advance(45_000);
		// A check from cron, sharing the device, polls 45 s later (its own 60 s window had passed).
		const requestedAt = clock.now();
		const response = await fetch(`${emulator.url}/v2/devices/me`, {headers: {authorization: `Bearer ${secret}`}});
		expect(response.status).toBe(429);
		await new IdentityStateFile(path).save({
			identity: {id: emulator.control.state().devices[0]!.id, name: 'from cron', projectId: null, projectName: 'Testbed', creatorName: null, expiresAt: null, status: 'online'},
			problems: [], requestedAt, fetchedAt: requestedAt, tokenHash: tokenHash(secret),
		});
		const adopted = identityResult(instance);
		await clock.advance(15_000);
		expect(await adopted).toMatchObject({result: {ok: true, origin: 'other-process', identity: {name: 'from cron'}}});
		// It asks next a little after cron would, so as to find cron's answer rather than ask at the same moment.
		expect(instance.getSnapshot().identity.nextFetchAt).toBe(requestedAt + identityMinIntervalMs + followerGraceMs);
		expect(emulator.control.state().devices[0]!.identityRequests.map(request => request.status)).toEqual([200, 429]);
	});

	it('keeps a pause the last run saw after its identity, until fresher evidence', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		const path = await statePath();
		const first = monitor(clock, emulator.url, path);
		await first.start();
		await waitForSnapshot(first, snapshot => snapshot.socket.state === 'joined' && snapshot.status.paused.value === false, 'the first run joined');
		await clock.advance(5000);
		emulator.control.pause();
		await waitForSnapshot(first, snapshot => snapshot.status.paused.value === true, 'the pause event');
		await first.stop();
		await clock.advance(2000);

		const second = monitor(clock, emulator.url, path);
		await second.start();
		// The identity the last run left said "online"; the event it saw later says paused, and wins.
		expect(second.getSnapshot().status.paused).toMatchObject({value: true, source: 'event'});
		expect(emulator.control.state().devices[0]!.identityRequests).toHaveLength(1);
		// The next identity (newer than the event) has the last word.
		emulator.control.resume();
		await clock.advance(identityMinIntervalMs);
		await waitForSnapshot(second, snapshot => snapshot.status.paused.value === false, 'resumed');
		expect(emulator.control.state().devices[0]!.identityTooSoon).toBe(0);
	});

	it('shares the window with another process on the device: one asks, the other takes its answer', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		const path = await statePath();
		// Slow answers: the second monitor starts while the first one's request is out.
		emulator.control.setFaults({httpLatencyMs: 3000});
		const first = monitor(clock, emulator.url, path);
		const second = monitor(clock, emulator.url, path);
		await first.start();
		await waitForSnapshot(first, snapshot => snapshot.identity.phase === 'fetching', 'the first request out');
		await second.start();
		await clock.advance(3000);
		await waitForSnapshot(first, snapshot => snapshot.identity.origin === 'fetched', 'the first answer');
		// The second looks for the answer once a second, on the clock: let the first one's write land first.
		await waitUntil(() => readFileSync(path, 'utf8').includes('"fetchedAt"'), 'the first answer in the file');
		await clock.advance(1000);
		await waitForSnapshot(second, snapshot => snapshot.identity.origin === 'other-process', 'the second took it');
		// Five more minutes of both running: the first asks each minute, the second takes its answer.
		emulator.control.setFaults({httpLatencyMs: 0});
		for (let minute = 0; minute < 5; minute++) {
			await clock.advance(first.getSnapshot().identity.nextFetchAt! - clock.now());
			const {fetchedAt} = (await waitForSnapshot(first, snapshot => snapshot.identity.fetchedAt === clock.now(), 'the first asks again')).identity;
			await waitUntil(() => readFileSync(path, 'utf8').includes(`"fetchedAt": ${fetchedAt}`), 'its answer in the file');
			await clock.advance(followerGraceMs);
			await waitForSnapshot(second, snapshot => snapshot.identity.fetchedAt === fetchedAt, 'the second takes it');
		}

		const {identityRequests, identityTooSoon} = emulator.control.state().devices[0]!;
		expect(identityTooSoon).toBe(0);
		expect(identityRequests).toHaveLength(6);
		expect(second.getSnapshot().identity.requests).toBe(0);
	});

	it('never puts the token in the state file or its name', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const {path} = IdentityStateFile.forDevice(await temporaryDirectory(), emulator.url, `env:${tokenHash(secret)}`);
		const instance = monitor(clock, emulator.url, path);
		await instance.start();
		await waitForSnapshot(instance, snapshot => snapshot.identity.origin === 'fetched', 'a fetch');
		// The file appears in one piece (written to a temporary file, then renamed).
		await instance.stop();
		const text = await readFile(path, 'utf8');
		expect(text).toContain('"projectName": "Demo project"');
		expect(text).not.toContain(secret);
		expect(path).not.toContain(secret);
		expect(((await stat(path)).mode % 0o1000).toString(8)).toBe('600');
	});
});
