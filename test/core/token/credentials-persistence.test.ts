import {chmod, lstat, mkdir, readdir, readFile, rm, rmdir, stat, symlink} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {MonitorEvent} from '../../../source/core/monitor-events.js';
import {readCredentials} from '../../../source/core/token/credentials-file.js';
import {CredentialsFile} from '../../../source/core/token/credentials-store.js';
import type {TokenEvent} from '../../../source/core/token/token-source.js';
import {formatEvent} from '../../../source/output/ndjson/ndjson-format.js';
import {record, waitForSnapshot} from '../../../support/wait-for.js';
import {startTestEmulator} from '../../helpers/emulator-fixture.js';
import {cleanup, temporaryDirectory} from '../../helpers/monitor-fixture.js';
import {credentialsPath, FlakyCredentialsFile, ownedMonitor, type OwnedSetup, stopOwnedMonitors, tokenEvent} from '../../helpers/owned-setup.js';
import {pairedCredentials} from '../../helpers/paired-credentials.js';

afterEach(async () => {
	await stopOwnedMonitors();
	await cleanup();
});

/** Tokens of two minutes: refreshed 90 s after they are issued. */
const tokenTtlSeconds = 120;
const patient = 15_000;

async function started(store: CredentialsFile) {
	const fixture = await startTestEmulator({tokenTtlSeconds, idleTimeoutSeconds: 24 * 3600});
	await pairedCredentials(fixture, store.path);
	const setup = ownedMonitor(fixture, store);
	const events = record(setup.source.events);
	await setup.monitor.start();
	await waitForSnapshot(setup.monitor, snapshot => snapshot.socket.state === 'joined', 'joined', patient);
	return {fixture, setup, events, device: () => fixture.emulator.control.state().devices[0]!};
}

/** Moves the clock to `at` and waits for the token event it leads to. */
async function at(fixture: {clock: {now(): number; advance(ms: number): Promise<void>}}, setup: OwnedSetup, time: number, event: TokenEvent['event']): Promise<TokenEvent> {
	const happened = tokenEvent(setup.source, event, patient);
	await fixture.clock.advance(time - fixture.clock.now());
	return happened;
}

const nextRefreshAt = (setup: OwnedSetup) => setup.source.getSnapshot().refresh!.nextRefreshAt!;
const kinds = (events: readonly TokenEvent[]) => events.map(event => event.event);

describe('a full disk never loses the pairing (issue 14 A)', () => {
	it('finds out before spending: a pair that could not be saved is not asked for; the refresh goes through once the disk frees', async () => {
		const store = new FlakyCredentialsFile(await credentialsPath());
		const {fixture, setup, events, device} = await started(store);
		const monitorEvents = record(setup.monitor.events);
		const before = await readCredentials(setup.path);
		store.full = true;
		const held = await at(fixture, setup, nextRefreshAt(setup), 'cannot-save');
		expect(held.error).toBe('credentials cannot be saved: no space left on device');
		const snapshot = setup.source.getSnapshot();
		// The snapshot keeps the reason alone (a view says it in its own words); the event says the sentence.
		expect(snapshot.persistence).toEqual({state: 'cannot-save', error: 'no space left on device', since: held.at, nextTryAt: snapshot.refresh!.nextRefreshAt});
		expect(snapshot.refresh).toMatchObject({phase: 'retrying', lastError: held.error});
		// No refresh token was spent: the current token stays in use while it lasts.
		expect(device().refreshes).toBe(0);
		expect(setup.source.getToken()).toBe(before.accessToken);
		// Tried again later, with backoff; still full: held back again, further apart.
		const firstWait = snapshot.refresh!.nextRefreshAt! - fixture.clock.now();
		await at(fixture, setup, nextRefreshAt(setup), 'cannot-save');
		expect(nextRefreshAt(setup) - fixture.clock.now()).toBeGreaterThan(firstWait);
		expect(setup.source.getSnapshot().persistence).toMatchObject({state: 'cannot-save', since: held.at});
		// The disk frees: the next try refreshes, writes, and says so.
		store.full = false;
		const saved = tokenEvent(setup.source, 'saved', patient);
		await at(fixture, setup, nextRefreshAt(setup), 'refreshed');
		await saved;
		expect(setup.source.getSnapshot().persistence).toEqual({state: 'ok'});
		expect((await readCredentials(setup.path)).accessToken).toBe(setup.source.getToken());
		expect(device()).toMatchObject({refreshes: 1, refreshesRefused: {}});
		expect(kinds(events.values)).toEqual(['loaded', 'refreshing', 'cannot-save', 'refreshing', 'cannot-save', 'refreshing', 'saved', 'refreshed']);
		// NDJSON prints the new events as they are (README "NDJSON output").
		const lines = monitorEvents.values.filter((event): event is Extract<MonitorEvent, {type: 'token'}> => event.type === 'token').map(event => formatEvent(event));
		expect(lines).toContainEqual(expect.objectContaining({type: 'token', event: 'cannot-save', source: 'credentials', error: 'credentials cannot be saved: no space left on device'}));
		expect(lines).toContainEqual(expect.objectContaining({type: 'token', event: 'saved', source: 'credentials'}));
	});

	it('keeps a pair it could not write in memory, never takes back the older pair on disk, and writes it when it can', async () => {
		const store = new FlakyCredentialsFile(await credentialsPath());
		const {fixture, setup, events, device} = await started(store);
		const before = await readCredentials(setup.path);
		// The test write passes; the disk fills before the new pair is written (after the refresh answer arrives).
		store.failWrites = true;
		const unsaved = tokenEvent(setup.source, 'unsaved', patient);
		await at(fixture, setup, nextRefreshAt(setup), 'refreshed');
		expect((await unsaved).error).toMatch(/^the refreshed credentials could not be saved: no space left on device; they are held in memory/);
		const newer = setup.source.getToken();
		expect(newer).not.toBe(before.accessToken);
		expect(setup.source.getSnapshot().persistence).toMatchObject({state: 'unsaved', error: 'no space left on device', nextTryAt: expect.any(Number) as number});
		expect(await readCredentials(setup.path)).toEqual(before);
		// A minute of looks at the file (every 5 s) and write retries: the older pair on disk is never taken.
		await fixture.clock.advance(60_000);
		expect(setup.source.getToken()).toBe(newer);
		// The next refresh falls due while the pair is still unsaved: held back, no token spent.
		const heldBack = await at(fixture, setup, nextRefreshAt(setup), 'cannot-save');
		expect(heldBack.error).toBe('credentials cannot be saved: no space left on device');
		expect(setup.source.getSnapshot().persistence.state).toBe('unsaved');
		expect(device().refreshes).toBe(1);
		// Space again: the held pair is written, then the held-back refresh goes through.
		store.failWrites = false;
		const saved = tokenEvent(setup.source, 'saved', patient);
		// The held-back refresh is due when the next write is tried.
		expect(nextRefreshAt(setup)).toBe((setup.source.getSnapshot().persistence as {nextTryAt: number}).nextTryAt);
		await at(fixture, setup, nextRefreshAt(setup), 'refreshed');
		await saved;
		expect(kinds(events.values)).not.toContain('changed');
		expect(store.writes[0]!.accessToken).toBe(newer);
		expect((await readCredentials(setup.path)).accessToken).toBe(setup.source.getToken());
		expect(setup.source.getSnapshot().persistence).toEqual({state: 'ok'});
		// No refresh token spent twice (the emulator counts a reuse as invalid_request), and the session goes on.
		expect(device()).toMatchObject({refreshes: 2, refreshesRefused: {}});
		await waitForSnapshot(setup.monitor, snapshot => snapshot.socket.state === 'joined' && snapshot.token.refresh?.phase === 'scheduled', 'joined, refresh scheduled', patient);
	});

	it('does not refresh while a folder stands where the credentials file was, and writes the file again once it is gone', async () => {
		const store = new CredentialsFile(await credentialsPath());
		const {fixture, setup, device} = await started(store);
		await rm(setup.path);
		await mkdir(setup.path);
		const held = await at(fixture, setup, nextRefreshAt(setup), 'cannot-save');
		expect(held.error).toBe('credentials cannot be saved: the credentials path is a directory, not a regular file');
		expect(setup.source.getSnapshot().error).toBe(`cannot read the credentials file ${setup.path}: it is a directory, not a regular file`);
		expect(device().refreshes).toBe(0);
		await rmdir(setup.path);
		await at(fixture, setup, nextRefreshAt(setup), 'refreshed');
		expect((await readCredentials(setup.path)).accessToken).toBe(setup.source.getToken());
		expect(device()).toMatchObject({refreshes: 1, refreshesRefused: {}});
	});
});

describe('the credentials file, refreshed (issues 14.5, 15.8)', () => {
	it('writes through a symbolic link: the file it points to is replaced in its own folder, and the link stays', async () => {
		const target = join(await temporaryDirectory(), 'real', 'credentials.json');
		const link = join(await temporaryDirectory(), 'credentials.json');
		await mkdir(dirname(target), {recursive: true});
		const fixture = await startTestEmulator({tokenTtlSeconds, idleTimeoutSeconds: 24 * 3600});
		await pairedCredentials(fixture, target);
		await symlink(target, link);
		const setup = ownedMonitor(fixture, new CredentialsFile(link));
		await setup.monitor.start();
		const device = () => fixture.emulator.control.state().devices[0]!;
		const before = await readFile(target, 'utf8');
		await at(fixture, setup, nextRefreshAt(setup), 'refreshed');
		expect((await lstat(link)).isSymbolicLink()).toBe(true);
		const after = await readCredentials(target);
		expect(after.accessToken).toBe(setup.source.getToken());
		expect(await readFile(target, 'utf8')).not.toBe(before);
		expect(((await stat(target)).mode % 0o1000).toString(8)).toBe('600');
		// Nothing left behind in either folder (no temporary file, no lock).
		expect(await readdir(dirname(target))).toEqual(['credentials.json']);
		expect(await readdir(dirname(link))).toEqual(['credentials.json']);
		expect(device()).toMatchObject({refreshes: 1, refreshesRefused: {}});
	});

	it('drops the "others can read it" warning once a refresh has rewritten the file with mode 0600, and notices a chmod within 5 s', async () => {
		const path = await credentialsPath();
		const fixture = await startTestEmulator({tokenTtlSeconds, idleTimeoutSeconds: 24 * 3600});
		await pairedCredentials(fixture, path);
		await chmod(path, 0o644);
		const setup = ownedMonitor(fixture, new CredentialsFile(path));
		await setup.monitor.start();
		const warning = `the credentials file can be read by others: chmod 600 ${path}`;
		expect(setup.source.getSnapshot().warning).toBe(warning);
		await at(fixture, setup, nextRefreshAt(setup), 'refreshed');
		await waitForSnapshot(setup.source, snapshot => snapshot.warning === null, 'no warning after the rewrite', patient);
		await chmod(path, 0o640);
		await fixture.clock.advance(5000);
		await waitForSnapshot(setup.source, snapshot => snapshot.warning === warning, 'the warning again', patient);
		await chmod(path, 0o600);
		await fixture.clock.advance(5000);
		await waitForSnapshot(setup.source, snapshot => snapshot.warning === null, 'no warning after chmod 600', patient);
	});
});
