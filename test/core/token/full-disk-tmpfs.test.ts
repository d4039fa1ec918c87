import {Buffer} from 'node:buffer';
import {spawnSync} from 'node:child_process';
import {appendFile, mkdtemp, rm, rmdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';
import {type Credentials, readCredentials} from '../../../source/core/token/credentials-file.js';
import {CredentialsFile} from '../../../source/core/token/credentials-store.js';
import {record, waitForSnapshot} from '../../../support/wait-for.js';
import {startTestEmulator} from '../../helpers/emulator-fixture.js';
import {cleanup} from '../../helpers/monitor-fixture.js';
import {ownedMonitor, stopOwnedMonitors, tokenEvent} from '../../helpers/owned-setup.js';
import {pairedCredentials} from '../../helpers/paired-credentials.js';

/*
Issue 14 A for real: the credentials on a 64 KiB tmpfs that fills up. Mounting needs root (CI runs as
root); elsewhere this file says so in one line, and the injected-failure tests in
credentials-persistence.test.ts still run.
*/
const mounted: string[] = [];

function mount(directory: string): boolean {
	return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', directory], {stdio: 'ignore'}).status === 0;
}

async function tmpfs(): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'c2c-status-tmpfs-'));
	if (!mount(directory)) {
		throw new Error(`mount -t tmpfs failed on ${directory}`);
	}

	mounted.push(directory);
	return directory;
}

const canMount = await (async () => {
	const directory = await mkdtemp(join(tmpdir(), 'c2c-status-mount-probe-'));
	const ok = mount(directory);
	if (ok) {
		spawnSync('umount', [directory]);
	}

	await rmdir(directory);
	return ok;
})();

if (!canMount) {
	if (process.env.C2C_REQUIRE_REAL_COMPONENTS === '1') {
		throw new Error('C2C_REQUIRE_REAL_COMPONENTS=1 but a tmpfs cannot be mounted (run as root)');
	}

	console.log('mount -t tmpfs is not permitted here: skipped the full-disk test on a real tmpfs; the injected ENOSPC tests still run (run as root to include it).');
}

afterEach(async () => {
	await stopOwnedMonitors();
	await cleanup();
	for (const directory of mounted.splice(0)) {
		spawnSync('umount', [directory]);
		await rm(directory, {recursive: true, force: true});
	}
});

/** Fills the file system holding `directory` until it has no room left (ENOSPC). */
async function fill(directory: string): Promise<void> {
	const page = Buffer.alloc(4096, 0x78);
	for (;;) {
		try {
			await appendFile(join(directory, 'filler'), page);
		} catch (error) {
			expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
			return;
		}
	}
}

/** The credentials file, whose disk fills up between the refresh answer and the write when `fillFirst` is set. */
class FillingCredentialsFile extends CredentialsFile {
	fillFirst = false;

	override async write(credentials: Credentials): Promise<void> {
		if (this.fillFirst) {
			await fill(this.path.replace(/\/[^/]+$/, ''));
		}

		await super.write(credentials);
	}
}

const patient = 15_000;

describe.runIf(canMount)('a full disk for real: the credentials on a 64 KiB tmpfs (issue 14 A)', () => {
	it('holds the refresh back while the disk is full, keeps a pair it could not write, and loses nothing: no token spent twice', async () => {
		const directory = await tmpfs();
		const path = join(directory, 'credentials.json');
		const fixture = await startTestEmulator({tokenTtlSeconds: 120, idleTimeoutSeconds: 24 * 3600});
		await pairedCredentials(fixture, path);
		const store = new FillingCredentialsFile(path);
		const setup = ownedMonitor(fixture, store);
		const events = record(setup.source.events);
		await setup.monitor.start();
		const device = () => fixture.emulator.control.state().devices[0]!;
		const advanceTo = async (time: number) => fixture.clock.advance(time - fixture.clock.now());
		const nextRefreshAt = () => setup.source.getSnapshot().refresh!.nextRefreshAt!;

		// The disk is full before the refresh: found out by the test write, nothing spent.
		await fill(directory);
		const held = tokenEvent(setup.source, 'cannot-save', patient);
		await advanceTo(nextRefreshAt());
		expect((await held).error).toBe('credentials cannot be saved: no space left on device');
		expect(setup.source.getSnapshot().persistence.state).toBe('cannot-save');
		expect(device().refreshes).toBe(0);

		// Room again: the next try refreshes and writes.
		await rm(join(directory, 'filler'));
		const refreshed = tokenEvent(setup.source, 'refreshed', patient);
		await advanceTo(nextRefreshAt());
		await refreshed;
		expect((await readCredentials(path)).accessToken).toBe(setup.source.getToken());

		// The disk fills between the refresh answer and the write: the new pair is held in memory.
		const onDisk = await readCredentials(path);
		store.fillFirst = true;
		const unsaved = tokenEvent(setup.source, 'unsaved', patient);
		await advanceTo(nextRefreshAt());
		expect((await unsaved).error).toMatch(/^the refreshed credentials could not be saved: no space left on device/);
		const inUse = setup.source.getToken();
		expect(inUse).not.toBe(onDisk.accessToken);
		expect(await readCredentials(path)).toEqual(onDisk);
		// Half a minute of looks at the file: its older pair is never taken back.
		store.fillFirst = false;
		await fixture.clock.advance(30_000);
		expect(setup.source.getToken()).toBe(inUse);
		// Room again: the held pair is written at its next try.
		await rm(join(directory, 'filler'));
		const saved = tokenEvent(setup.source, 'saved', patient);
		const {nextTryAt} = setup.source.getSnapshot().persistence as {nextTryAt: number};
		await advanceTo(nextTryAt);
		await saved;
		expect((await readCredentials(path)).accessToken).toBe(inUse);
		expect(events.values.map(event => event.event)).not.toContain('changed');
		expect(device()).toMatchObject({refreshes: 2, refreshesRefused: {}});
		await waitForSnapshot(setup.monitor, snapshot => snapshot.socket.state === 'joined' && snapshot.token.persistence.state === 'ok', 'the session goes on', patient);
	});
});
