import {spawnSync} from 'node:child_process';
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';
import {identityMinIntervalMs} from '../../../source/core/frameio-rules.js';
import {claimedRequestPollMs, decideRequest, followerGraceMs} from '../../../source/core/identity/identity-sharing.js';
import type {ManualClock} from '../../../support/manual-clock.js';
import type {Monitor} from '../../../source/core/monitor.js';
import type {MonitorEvent} from '../../../source/core/monitor-events.js';
import {IdentityStateFile, type RememberedIdentity} from '../../../source/core/state/identity-state-file.js';
import {tokenHash} from '../../../source/core/token/token-hash.js';
import type {TokenOrigin} from '../../../source/core/token/token-source.js';
import {record, waitForEvent, waitForSnapshot} from '../../../support/wait-for.js';
import {startTestEmulator, waitUntil} from '../../helpers/emulator-fixture.js';
import {cleanup, temporaryDirectory, testMonitor} from '../../helpers/monitor-fixture.js';

afterEach(cleanup);

const secret = 'tok-sharing-7a0e';
const hash = tokenHash(secret);
const token: TokenOrigin = {kind: 'env', variable: 'FRAMEIO_TOKEN', token: secret};
const identity = {id: 'dev-1', name: 'cart A', projectId: 'p', projectName: 'Testbed', creatorName: 'Harry', expiresAt: null, status: 'online'};
const remembered = (at: number, pid = process.pid, extra: Partial<RememberedIdentity> = {}): RememberedIdentity => ({
	identity, problems: [], requestedAt: at, fetchedAt: at, tokenHash: hash, by: {pid}, ...extra,
});

/** A process id that is not running: a child that has exited. */
function deadPid(): number {
	return spawnSync(process.execPath, ['-e', '0']).pid;
}

describe('decideRequest: which of the processes sharing a device asks', () => {
	const context = {tokenHash: hash, now: 100_000, windowStart: undefined, seenAt: undefined, allowedAt: 0, ownClaimAt: undefined};

	it('claims the request when nothing is known, writing the claim in the same step', () => {
		expect(decideRequest({}, context)).toEqual({result: {kind: 'ask', claimedAt: 100_000}, write: {lastRequest: {at: 100_000, tokenHash: hash, by: {pid: process.pid}}}});
	});

	it('takes an answer another process got within the window, an identity or a failure, whichever is newer', () => {
		expect(decideRequest({identity: remembered(70_000)}, context).result).toMatchObject({kind: 'adopt', remembered: {fetchedAt: 70_000}});
		const failure = {kind: 'auth' as const, status: 401, message: 'the token was rejected (HTTP 401)', requestedAt: 80_000, at: 80_000, tokenHash: hash};
		expect(decideRequest({identity: remembered(70_000), lastFailure: failure}, context).result).toMatchObject({kind: 'adopt-failure', failure: {at: 80_000}});
		// Older than the window, or for another token: our own request.
		expect(decideRequest({identity: remembered(40_000)}, context).result).toMatchObject({kind: 'ask'});
		expect(decideRequest({identity: remembered(70_000, process.pid, {tokenHash: 'another'})}, context).result).toMatchObject({kind: 'ask'});
	});

	it('waits while another process has the request out, until the window its request opened is over', () => {
		const claim = {at: 99_000, tokenHash: hash, by: {pid: 1}};
		expect(decideRequest({lastRequest: claim}, context).result).toEqual({kind: 'wait', claim});
		expect(decideRequest({lastRequest: claim}, {...context, now: 99_000 + identityMinIntervalMs}).result).toMatchObject({kind: 'ask'});
		// Answered already: taken instead. Our own claim is not waited for.
		expect(decideRequest({lastRequest: claim, identity: remembered(99_500, 1, {requestedAt: 99_000})}, context).result).toMatchObject({kind: 'adopt'});
		expect(decideRequest({lastRequest: claim}, {...context, ownClaimAt: 99_000}).result).toMatchObject({kind: 'ask'});
	});

	it('takes the answer to the claim it waited for, even one that came in the claim\'s own millisecond, and never one it has', () => {
		const claim = {at: 99_000, tokenHash: hash, by: {pid: 1}};
		// Waiting opened our window at the claim; the answer came in the same millisecond (a fast loopback, the manual clock).
		const waited = {...context, windowStart: 99_000, allowedAt: 99_000 + identityMinIntervalMs};
		const answered = {lastRequest: claim, identity: remembered(99_000, 1, {requestedAt: 99_000})};
		expect(decideRequest(answered, waited).result).toMatchObject({kind: 'adopt', remembered: {fetchedAt: 99_000}});
		expect(decideRequest(answered, {...waited, seenAt: 99_000}).result).toEqual({kind: 'not-yet'});
	});

	it('neither claims nor asks before its own window allows', () => {
		expect(decideRequest({}, {...context, allowedAt: 100_001})).toEqual({result: {kind: 'not-yet'}});
	});
});

/**
Moves the clock on a second at a time, letting each monitor finish what the second started (the state
file's lock and writes, and an identity request under way are real I/O) before the next.
*/
async function step(clock: ManualClock, monitors: readonly Monitor[], ms: number): Promise<void> {
	await settle(monitors);
	for (let moved = 0; moved < ms; moved += Math.min(1000, ms - moved)) {
		await clock.advance(Math.min(1000, ms - moved));
		await settle(monitors);
	}
}

async function settle(monitors: readonly Monitor[]): Promise<void> {
	for (let round = 0; round < 2; round++) {
		await Promise.all(monitors.map(async monitor => monitor.settled()));
		await waitUntil(() => monitors.every(monitor => monitor.getSnapshot().identity.phase !== 'fetching'), 'no identity request under way');
	}
}

describe('Monitors sharing a device through the state file', () => {
	type IdentityEvent = Extract<MonitorEvent, {type: 'identity'}>;
	const isIdentity = (event: MonitorEvent): event is IdentityEvent => event.type === 'identity';

	it('three monitors started at the same moment ask once a minute between them for five minutes, never twice in one', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		const path = join(await temporaryDirectory(), 'device.json');
		const monitors = [0, 1, 2].map(() => testMonitor(clock, emulator.url, token, {config: {statePath: path}}));
		const start = clock.now();
		await Promise.all(monitors.map(async monitor => monitor.start()));
		await step(clock, monitors, 5 * identityMinIntervalMs);
		const device = emulator.control.state().devices[0]!;
		expect(device.identityTooSoon).toBe(0);
		// One a minute, all answered: each minute one of them asks and the others take its answer.
		expect(device.identityRequests.map(request => [request.at - start, request.status])).toEqual([0, 1, 2, 3, 4, 5].map(minute => [minute * identityMinIntervalMs, 200]));
		expect(monitors.reduce((sum, monitor) => sum + monitor.getSnapshot().identity.requests, 0)).toBe(6);
		for (const monitor of monitors) {
			expect(clock.now() - monitor.getSnapshot().identity.fetchedAt!).toBeLessThanOrEqual(identityMinIntervalMs + followerGraceMs);
		}
	});

	it('says it waits for another process\'s request, with a countdown to its own, and takes the answer when it comes', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		const path = join(await temporaryDirectory(), 'device.json');
		emulator.control.setFaults({httpLatencyMs: 5000});
		const first = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		await first.start();
		await waitForSnapshot(first, s => s.identity.phase === 'fetching', 'the first request out');
		const claimedAt = clock.now();
		const second = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		const events = record(second.events);
		await second.start();
		const waiting = await waitForSnapshot(second, s => s.identity.waitingForOther !== null, 'waiting for the other');
		const ownRequestAt = claimedAt + identityMinIntervalMs;
		expect(waiting.identity).toMatchObject({waitingForOther: {claimedAt, ownRequestAt}, nextFetchAt: ownRequestAt, requests: 0});
		// It looks every second; the countdown runs to its own request, and the wait is said once.
		await clock.advance(3000);
		expect(second.getSnapshot().identity).toMatchObject({nextFetchAt: ownRequestAt, waitingForOther: {claimedAt}});
		expect(events.values.filter(event => event.type === 'identity-wait')).toEqual([{type: 'identity-wait', at: claimedAt, wait: {claimedAt, ownRequestAt}}]);
		await clock.advance(2000);
		await waitUntil(() => emulator.control.state().devices[0]!.identityRequests.length === 1, 'the first answer');
		await waitForSnapshot(first, s => s.identity.origin === 'fetched', 'the first answered');
		await first.stop();
		await clock.advance(1000);
		const taken = await waitForSnapshot(second, s => s.identity.phase === 'ok', 'the second took it');
		expect(taken.identity).toMatchObject({origin: 'other-process', waitingForOther: null, requests: 0});
		expect(emulator.control.state().devices[0]!.identityRequests).toHaveLength(1);
	});

	/** A monitor waiting for the request another running process has just claimed. */
	async function follower() {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		const path = join(await temporaryDirectory(), 'device.json');
		const claimedAt = clock.now();
		await writeFile(path, `${JSON.stringify({version: 1, lastRequest: {at: claimedAt, tokenHash: hash, by: {pid: process.ppid}}})}\n`);
		const instance = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		await instance.start();
		await waitForSnapshot(instance, s => s.identity.waitingForOther !== null, 'waiting');
		// The other's answer, requested and fetched in the claim's own millisecond (a fast loopback, or the manual clock).
		const answer = async () => new IdentityStateFile(path).save(remembered(claimedAt, process.ppid));
		return {emulator, clock, instance, claimedAt, answer};
	}

	it('takes the answer to the request it waited for, even one that came in the millisecond of the claim', async () => {
		// The flake's cause: the follower took the answer for one it had, waited for the next minute's claim, and never had an identity.
		const {emulator, clock, instance, claimedAt, answer} = await follower();
		await answer();
		await step(clock, [instance], claimedRequestPollMs);
		expect(instance.getSnapshot().identity).toMatchObject({origin: 'other-process', fetchedAt: claimedAt, waitingForOther: null, requests: 0});
		// It asks next a little after the other would, once that answer's window is over.
		await step(clock, [instance], claimedAt + identityMinIntervalMs + followerGraceMs - clock.now());
		expect(instance.getSnapshot().identity).toMatchObject({origin: 'fetched', requests: 1});
		expect(emulator.control.state().devices[0]!.identityRequests).toHaveLength(1);
	});

	it('keeps waiting through a refresh, which the awaited answer fulfils', async () => {
		const {emulator, clock, instance, claimedAt, answer} = await follower();
		// A status_updated event (or a rejoin) asks for a refresh while the other's request is out.
		expect(instance.refreshIdentity()).toBe('queued');
		const queued = await waitForSnapshot(instance, s => s.identity.refreshQueued, 'the refresh queued');
		expect(queued.identity).toMatchObject({waitingForOther: {claimedAt}, nextFetchAt: claimedAt + identityMinIntervalMs});
		await answer();
		await step(clock, [instance], claimedRequestPollMs);
		expect(instance.getSnapshot().identity).toMatchObject({origin: 'other-process', fetchedAt: claimedAt, waitingForOther: null, refreshQueued: false});
		expect(emulator.control.state().devices[0]!.identityRequests).toHaveLength(0);
	});

	it('asks on its own once the window of a request nobody answered is over', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		const path = join(await temporaryDirectory(), 'device.json');
		// A process that claimed the request and died before its answer.
		const claimedAt = clock.now() - 10_000;
		await writeFile(path, `${JSON.stringify({version: 1, lastRequest: {at: claimedAt, tokenHash: hash, by: {pid: deadPid()}}})}\n`);
		const instance = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		await instance.start();
		await waitForSnapshot(instance, s => s.identity.waitingForOther !== null, 'waiting');
		const ownRequestAt = claimedAt + identityMinIntervalMs;
		await step(clock, [instance], ownRequestAt - clock.now() - 1);
		expect(instance.getSnapshot().identity).toMatchObject({nextFetchAt: ownRequestAt, waitingForOther: {claimedAt, ownRequestAt}});
		expect(emulator.control.state().devices[0]!.identityRequests).toHaveLength(0);
		await step(clock, [instance], 1);
		expect(instance.getSnapshot().identity).toMatchObject({origin: 'fetched', waitingForOther: null});
		expect(emulator.control.state().devices[0]!.identityRequests).toHaveLength(1);
	});

	it('reports a failure another process met within the window instead of asking again', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret, strictRateLimit: true});
		emulator.control.expireToken();
		const path = join(await temporaryDirectory(), 'device.json');
		const first = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		await first.start();
		await waitForSnapshot(first, s => s.identity.error?.kind === 'auth', 'the first refused');
		await first.stop();
		await clock.advance(20_000);
		const second = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		const failed = waitForEvent(second.events, (event: MonitorEvent): event is IdentityEvent => isIdentity(event) && !event.result.ok, 'the failure');
		await second.start();
		expect((await failed).result).toMatchObject({ok: false, origin: 'last-run', failure: {kind: 'auth', status: 401}, receivedAt: clock.now() - 20_000});
		expect(second.getSnapshot().status.confidence.reasons).toContain('token rejected');
		expect(emulator.control.state().devices[0]!.identityRequests).toHaveLength(1);
	});

	it.each([
		['a process still running', 'other-process', () => process.ppid],
		['a process that has ended', 'last-run', deadPid],
	] as const)('labels an identity left by %s as %s at start, and one `pair` left as pairing', async (_what, origin, pid) => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const path = join(await temporaryDirectory(), 'device.json');
		await new IdentityStateFile(path).save(remembered(clock.now() - 5000, pid()));
		const instance = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		await instance.start();
		expect(instance.getSnapshot().identity.origin).toBe(origin);
		await instance.stop();
		await new IdentityStateFile(path).rememberPairing(remembered(clock.now() - 4000));
		const afterPairing = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		await afterPairing.start();
		expect(afterPairing.getSnapshot().identity.origin).toBe('pairing');
	});
});

describe('An unwritable state folder', () => {
	it('is said once, in the snapshot and as one state line, and cleared when writes work again', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const directory = await temporaryDirectory();
		// A file where the state folder should be: nothing can be written under it (as a read-only or full disk).
		const folder = join(directory, 'state');
		await writeFile(folder, 'not a folder');
		const path = join(folder, 'device.json');
		const instance: Monitor = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		const events = record(instance.events);
		await instance.start();
		const troubled = await waitForSnapshot(instance, s => s.stateProblem !== null, 'the state problem');
		expect(troubled.stateProblem).toMatch(/^cannot write .*device\.json: E[A-Z]+: /);
		// The identity is fetched all the same; the next minutes' failed writes say nothing more.
		await waitForSnapshot(instance, s => s.identity.origin === 'fetched', 'fetched anyway');
		await step(clock, [instance], 3 * identityMinIntervalMs);
		expect(events.values.filter(event => event.type === 'state')).toHaveLength(1);
		await rm(folder);
		await mkdir(folder);
		await step(clock, [instance], identityMinIntervalMs);
		expect(instance.getSnapshot().stateProblem).toBeNull();
		expect(events.values.filter(event => event.type === 'state').map(event => event.type === 'state' && event.problem === null)).toEqual([false, true]);
		await instance.stop();
		expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({identity: {id: emulator.control.state().devices[0]!.id}});
	});
});
