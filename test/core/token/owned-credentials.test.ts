import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createApiClient} from '../../../source/core/http/api-client.js';
import {Monitor, type MonitorSnapshot} from '../../../source/core/monitor.js';
import type {MonitorEvent} from '../../../source/core/monitor-events.js';
import {readCredentials} from '../../../source/core/token/credentials-file.js';
import {CredentialsFile} from '../../../source/core/token/credentials-store.js';
import {OwnedCredentials} from '../../../source/core/token/owned-credentials.js';
import {deadRefreshRetryMs, refreshRetryMaxMs} from '../../../source/core/token/refresh-schedule.js';
import type {TokenEvent} from '../../../source/core/token/token-source.js';
import {type EmulatorFixture, startTestEmulator} from '../../helpers/emulator-fixture.js';
import type {ManualClock} from '../../../support/manual-clock.js';
import {cleanup, temporaryDirectory} from '../../helpers/monitor-fixture.js';
import {pairedCredentials} from '../../helpers/paired-credentials.js';
import {record, waitForEvent, waitForSnapshot} from '../../../support/wait-for.js';

const monitors: Monitor[] = [];

afterEach(async () => {
	await Promise.all(monitors.splice(0).map(async monitor => monitor.stop()));
	await cleanup();
});

const hour = 3_600_000;

type Setup = {readonly path: string; readonly source: OwnedCredentials; readonly monitor: Monitor};

/**
A monitor that owns the credentials file at `path`. For runs of hours on the manual clock the busy parts
(heartbeat, /health) are stretched, so that moving the clock costs little real time; `watch: false`
stretches the look at the file too.
*/
function ownedMonitor(fixture: EmulatorFixture, path: string, stretched = false, watch = !stretched): Setup {
	const {clock, emulator} = fixture;
	const apiUrl = new URL(emulator.url);
	const source = new OwnedCredentials({
		store: new CredentialsFile(path), clock, client: createApiClient({apiUrl, clientVersion: '2.0.0'}).open, ...(watch ? {} : {watchMs: 6 * hour}),
	});
	const monitor = new Monitor(
		{apiUrl, token: {kind: 'credentials', path}, clientVersion: '2.0.0', healthIntervalMs: stretched ? 6 * hour : 10_000},
		{clock, coalesceMs: 0, tokenSource: source, socket: stretched ? {heartbeatIntervalMs: 6 * hour} : {}},
	);
	monitors.push(monitor);
	return {path, source, monitor};
}

async function paired(fixture: EmulatorFixture): Promise<string> {
	const path = join(await temporaryDirectory(), 'credentials.json');
	await pairedCredentials(fixture, path);
	return path;
}

/**
Waiters are set before the clock moves hours on the manual clock, which takes seconds of real time on a
loaded 2-core machine (every identity and look at the file on the way is real loopback I/O): they wait 30 s.
*/
const patientMs = 30_000;
const tokenEvent = async (source: OwnedCredentials, event: TokenEvent['event']) => waitForEvent<TokenEvent>(source.events, value => value.event === event, `a ${event} token event`, patientMs);
const joined = async (monitor: Monitor, what = 'joined') => waitForSnapshot(monitor, (snapshot: MonitorSnapshot) => snapshot.socket.state === 'joined', what);
type IdentityEvent = Extract<MonitorEvent, {type: 'identity'}>;
const fetchedIdentity = async (monitor: Monitor) => waitForEvent(
	monitor.events,
	(event: MonitorEvent): event is IdentityEvent => event.type === 'identity' && event.result.ok && event.result.origin === 'fetched',
	'a fetched identity',
);

/** Moves the clock to the next scheduled refresh and waits, with the clock standing still, for it to finish. */
async function nextRefresh(clock: ManualClock, setup: Setup): Promise<TokenEvent> {
	const due = setup.source.getSnapshot().refresh!.nextRefreshAt!;
	const refreshed = tokenEvent(setup.source, 'refreshed');
	await clock.advance(due - clock.now());
	const event = await refreshed;
	// The guide: the identity right after any token refresh (the clock stands still meanwhile).
	const {result} = await fetchedIdentity(setup.monitor);
	expect(result.requestedAt).toBe(due);
	return event;
}

describe('owned credentials (c2c-status pair left them; the monitor keeps them alive)', () => {
	it('refreshes ahead of expiry for 3 days: every rotation written to the file first, the identity fetched after each', async () => {
		const fixture = await startTestEmulator({idleTimeoutSeconds: 7 * 24 * 3600});
		const {clock, emulator} = fixture;
		const setup = ownedMonitor(fixture, await paired(fixture), true);
		await setup.monitor.start();
		await joined(setup.monitor);
		const start = clock.now();
		const seen = new Set<string>();
		let rotations = 0;
		while (clock.now() - start < 72 * hour) {
			const before = setup.source.getSnapshot().expiresAt!;
			const event = await nextRefresh(clock, setup);
			rotations++;
			// Ten minutes ahead of an 8-hour token's expiry (less than a quarter of its life).
			expect(before - clock.now()).toBe(10 * 60_000);
			const onDisk = await readCredentials(setup.path);
			expect(event.expiresAt).toBe(onDisk.expiresAt);
			expect(setup.source.getToken()).toBe(onDisk.accessToken);
			expect(seen.has(onDisk.refreshToken)).toBe(false);
			seen.add(onDisk.refreshToken);
		}

		expect(rotations).toBeGreaterThanOrEqual(9);
		const device = emulator.control.state().devices[0]!;
		expect(device).toMatchObject({refreshes: rotations, refreshesRefused: {}, identityTooSoon: 0});
	}, 180_000);

	it('refreshes at once when the API answers 401, and the identity request is sent again with the new token', async () => {
		const fixture = await startTestEmulator();
		const setup = ownedMonitor(fixture, await paired(fixture));
		await setup.monitor.start();
		await joined(setup.monitor);
		const events = record(setup.monitor.events);
		fixture.emulator.control.expireToken();
		const refreshed = tokenEvent(setup.source, 'refreshed');
		const identity = fetchedIdentity(setup.monitor);
		await fixture.clock.advance(60_000);
		await refreshed;
		await identity;
		expect(events.values.some(event => event.type === 'identity' && !event.result.ok)).toBe(false);
		const statuses = fixture.emulator.control.state().devices[0]!.identityRequests.map(request => request.status);
		expect(statuses.slice(-2)).toEqual([401, 200]);
	});

	it('refreshes at once when the socket upgrade answers 403, and reconnects with the new token', async () => {
		const fixture = await startTestEmulator();
		const setup = ownedMonitor(fixture, await paired(fixture));
		await setup.monitor.start();
		await joined(setup.monitor);
		fixture.emulator.control.expireToken();
		const refreshed = tokenEvent(setup.source, 'refreshed');
		fixture.emulator.control.drop();
		// The reconnect after the drop is refused with 403.
		const waiting = await waitForSnapshot(setup.monitor, s => s.socket.state === 'waiting', 'waiting to reconnect');
		await fixture.clock.advance(waiting.socket.nextRetryAt! - fixture.clock.now());
		await refreshed;
		const snapshot = await waitForSnapshot(setup.monitor, s => s.socket.state === 'joined' && s.socket.connections >= 3, 'joined again with the new token');
		expect(snapshot.socket.lastClose).toMatchObject({reason: expect.stringContaining('HTTP 403') as string});
		// No minute's wait for the refused token: the new one was tried at once.
		expect(fixture.clock.now() - snapshot.socket.lastClose!.at).toBeLessThan(2000);
	});

	it('shares one file between two monitors refreshing at the same moment: one refresh, the other adopts it', async () => {
		const fixture = await startTestEmulator({idleTimeoutSeconds: 24 * 3600});
		const path = await paired(fixture);
		const first = ownedMonitor(fixture, path, true);
		const second = ownedMonitor(fixture, path, true);
		await Promise.all([first.monitor.start(), second.monitor.start()]);
		await Promise.all([joined(first.monitor, 'the first joined'), joined(second.monitor, 'the second joined')]);
		const due = first.source.getSnapshot().refresh!.nextRefreshAt!;
		expect(second.source.getSnapshot().refresh!.nextRefreshAt).toBe(due);
		const events = [tokenEvent(first.source, 'refreshed'), tokenEvent(second.source, 'changed')];
		const alternatives = [tokenEvent(first.source, 'changed'), tokenEvent(second.source, 'refreshed')];
		await fixture.clock.advance(due - fixture.clock.now());
		await Promise.race([Promise.all(events), Promise.all(alternatives)]);
		expect(first.source.getToken()).toBe(second.source.getToken());
		expect(first.source.getToken()).toBe((await readCredentials(path)).accessToken);
		expect(fixture.emulator.control.state().devices[0]).toMatchObject({refreshes: 1, refreshesRefused: {}});
		await Promise.all([joined(first.monitor), joined(second.monitor)]);
	}, 60_000);

	it('says "pairing needed" when the refresh token is dead, tries again at most once a minute, and takes a newly paired file at once', async () => {
		const fixture = await startTestEmulator({idleTimeoutSeconds: 24 * 3600});
		const setup = ownedMonitor(fixture, await paired(fixture), true, true);
		await setup.monitor.start();
		await joined(setup.monitor);
		fixture.emulator.control.revokeRefreshTokens();
		const dead = tokenEvent(setup.source, 'pairing-needed');
		await fixture.clock.advance(setup.source.getSnapshot().refresh!.nextRefreshAt! - fixture.clock.now());
		expect((await dead).error).toMatch(/^pairing needed: run c2c-status pair \(.*invalid_grant/);
		expect(setup.monitor.getSnapshot().token.refresh).toMatchObject({phase: 'pairing-needed'});
		// Everything else goes on meanwhile.
		expect(setup.monitor.getSnapshot().socket.state).toBe('joined');
		for (let minute = 0; minute < 5; minute++) {
			const again = tokenEvent(setup.source, 'pairing-needed');
			await fixture.clock.advance(deadRefreshRetryMs - 1);
			expect(fixture.emulator.control.state().devices[0]!.refreshesRefused).toEqual({invalid_grant: minute + 1});
			await fixture.clock.advance(1);
			await again;
		}

		expect(fixture.emulator.control.state().devices[0]!.refreshesRefused).toEqual({invalid_grant: 6});
		// Someone pairs the device again: the monitor takes the new file within seconds, not at the next minute.
		const changed = tokenEvent(setup.source, 'changed');
		await pairedCredentials(fixture, setup.path);
		await fixture.clock.advance(5000);
		await changed;
		expect(setup.monitor.getSnapshot().token.refresh).toMatchObject({phase: 'scheduled', lastError: null});
	});

	it('keeps the old pair through a network failure and retries with backoff until it works', async () => {
		const fixture = await startTestEmulator({idleTimeoutSeconds: 24 * 3600});
		const setup = ownedMonitor(fixture, await paired(fixture), true);
		await setup.monitor.start();
		const before = await readCredentials(setup.path);
		await fixture.clock.advance(setup.source.getSnapshot().refresh!.nextRefreshAt! - fixture.clock.now() - 1);
		fixture.emulator.control.setFaults({authUnavailableForSeconds: 60});
		const failed = tokenEvent(setup.source, 'refresh-failed');
		await fixture.clock.advance(1);
		expect((await failed).error).toMatch(/HTTP 503/);
		expect(await readCredentials(setup.path)).toEqual(before);
		expect(setup.source.getToken()).toBe(before.accessToken);
		const {nextRefreshAt} = setup.source.getSnapshot().refresh!;
		expect(setup.source.getSnapshot().refresh).toMatchObject({phase: 'retrying'});
		expect(nextRefreshAt! - fixture.clock.now()).toBeGreaterThan(0);
		// Each retry fails until the outage ends (60 s), further apart each time; then one works.
		const outcomes: string[] = [];
		const waits: number[] = [];
		while (outcomes.at(-1) !== 'refreshed' && outcomes.length < 10) {
			const outcome = waitForEvent<TokenEvent>(setup.source.events, event => event.event === 'refreshed' || event.event === 'refresh-failed', 'a retry');
			waits.push(setup.source.getSnapshot().refresh!.nextRefreshAt! - fixture.clock.now());
			await fixture.clock.advance(waits.at(-1)!);
			outcomes.push((await outcome).event);
		}

		expect(outcomes.at(-1)).toBe('refreshed');
		expect(outcomes.length).toBeGreaterThan(2);
		// Further apart each time (5 s doubling, less up to 30 % jitter), and never more than 30 s apart (issue 15).
		expect(waits.slice(0, 3).every((wait, index) => index === 0 || wait > waits[index - 1]!)).toBe(true);
		expect(Math.max(...waits)).toBeLessThanOrEqual(refreshRetryMaxMs);
		expect((await readCredentials(setup.path)).refreshToken).not.toBe(before.refreshToken);
		expect(fixture.emulator.control.state().devices[0]).toMatchObject({refreshes: 1, refreshesRefused: {}});
	});

	it('refreshes a token refused moments after its scheduled refresh, but does not loop when the new one is refused too', async () => {
		const fixture = await startTestEmulator();
		const {clock, emulator} = fixture;
		const path = await paired(fixture);
		const source = new OwnedCredentials({store: new CredentialsFile(path), clock, client: createApiClient({apiUrl: new URL(emulator.url), clientVersion: '2.0.0'}).open});
		await source.load();
		source.start();
		const scheduled = tokenEvent(source, 'refreshed');
		await clock.advance(source.getSnapshot().refresh!.nextRefreshAt! - clock.now());
		await scheduled;
		await clock.advance(1000);
		// Frame.io ends the new token a second later: that refusal is worth a refresh.
		expect(await source.rejected(source.getToken())).toBe(true);
		// The token that refresh gave is refused at once as well: refreshing again would only loop.
		expect(await source.rejected(source.getToken())).toBe(false);
		expect(emulator.control.state().devices[0]!.refreshes).toBe(2);
		await source.stop();
	});

	it('refuses to start without a client secret to refresh with, and warns about a file others can read', async () => {
		const fixture = await startTestEmulator();
		const path = await paired(fixture);
		const {chmod, readFile: read} = await import('node:fs/promises');
		await chmod(path, 0o644);
		const warned = ownedMonitor(fixture, path);
		const events = record(warned.monitor.events);
		await warned.monitor.start();
		expect(events.values).toContainEqual(expect.objectContaining({type: 'error', message: `the credentials file can be read by others: chmod 600 ${path}`}));
		const document = JSON.parse(await read(path, 'utf8')) as Record<string, unknown>;
		delete document.clientSecret;
		await writeFile(path, JSON.stringify(document));
		await expect(ownedMonitor(fixture, path).monitor.start()).rejects.toThrow(/keep no client secret, and none was given: set FRAMEIO_CLIENT_SECRET/);
	});
});
