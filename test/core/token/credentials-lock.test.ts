import type {Buffer} from 'node:buffer';
import {spawn, type ChildProcess} from 'node:child_process';
import {watch} from 'node:fs';
import {mkdir, utimes} from 'node:fs/promises';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import type {LockWait} from '../../../source/core/token/credentials-lock.js';
import {CredentialsFile} from '../../../source/core/token/credentials-store.js';
import {startTestEmulator} from '../../helpers/emulator-fixture.js';
import {killTracked, tracked} from '../../helpers/tracked-children.js';
import {cleanup} from '../../helpers/monitor-fixture.js';
import {credentialsPath, ownedMonitor, stopOwnedMonitors, tokenEvent} from '../../helpers/owned-setup.js';
import {pairedCredentials} from '../../helpers/paired-credentials.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
afterEach(async () => {
	killTracked();
	await stopOwnedMonitors();
	await cleanup();
});

/** A process that takes the file's lock (renewing it every second, stale after 2 s) and holds it until killed. */
async function lockHolder(path: string): Promise<ChildProcess> {
	const script = `
		import {withLock} from './source/core/token/credentials-lock.ts';
		await withLock(${JSON.stringify(path)}, async () => {
			process.stdout.write('held\\n');
			setInterval(() => {}, 60_000);
			await new Promise(() => {});
		}, {staleMs: 2000, updateMs: 1000});
	`;
	const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {cwd: root, stdio: ['ignore', 'pipe', 'inherit']});
	tracked(child);
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('held')) {
				resolve();
			}
		});
		child.once('exit', code => {
			reject(new Error(`the lock holder exited (${code}) before holding the lock`));
		});
	});
	return child;
}

/** Resolves once the lock folder's mtime has been renewed `count` times (inotify reports each utimes). */
async function renewals(lockDirectory: string, count: number): Promise<void> {
	const watcher = watch(lockDirectory);
	try {
		let seen = 0;
		await new Promise<void>(resolve => {
			watcher.on('change', () => {
				if (++seen >= count) {
					resolve();
				}
			});
		});
	} finally {
		watcher.close();
	}
}

describe('the credentials file\'s lock (issue 14.4)', () => {
	it('takes over at once a lock left 20 s ago by a process that died (it used to wait a minute)', async () => {
		const path = await credentialsPath();
		await mkdir(`${path}.lock`);
		const twentySecondsAgo = new Date(Date.now() - 20_000);
		await utimes(`${path}.lock`, twentySecondsAgo, twentySecondsAgo);
		const waits: LockWait[] = [];
		expect(await new CredentialsFile(path).locked(async () => 'ran', {onWait: wait => waits.push(wait)})).toBe('ran');
		// Stale on the first look (15 s without renewal): no wait at all.
		expect(waits).toEqual([]);
	});

	it('shows the wait for a live holder as it happens, and takes the lock over within the stale time once the holder is killed -9', async () => {
		const fixture = await startTestEmulator({tokenTtlSeconds: 120, idleTimeoutSeconds: 24 * 3600});
		const path = await credentialsPath();
		await pairedCredentials(fixture, path);
		const setup = ownedMonitor(fixture, new CredentialsFile(path, {staleMs: 2000, updateMs: 1000}));
		await setup.monitor.start();
		const holder = await lockHolder(path);
		const waiting = tokenEvent(setup.source, 'waiting-for-lock', 15_000);
		const refreshed = tokenEvent(setup.source, 'refreshed', 20_000);
		await fixture.clock.advance(setup.source.getSnapshot().refresh!.nextRefreshAt! - fixture.clock.now());
		expect((await waiting).error).toBe('waiting for the lock on the credentials file, held by another process (taken over if not renewed for 2 s)');
		// Said once the wait has lasted a second; `since` is when it began.
		const {lockWait} = setup.source.getSnapshot().refresh!;
		expect(lockWait).toMatchObject({staleMs: 2000});
		expect(fixture.clock.now() - lockWait!.since).toBeGreaterThanOrEqual(1000);
		// A live holder keeps it: three of its renewals (one a second, past the 2 s stale time), and still waiting.
		await renewals(`${path}.lock`, 3);
		expect(setup.source.getSnapshot().refresh).toMatchObject({phase: 'refreshing', lockWait: {staleMs: 2000}});
		expect(fixture.emulator.control.state().devices[0]!.refreshes).toBe(0);
		holder.kill('SIGKILL');
		await refreshed;
		expect(setup.source.getSnapshot().refresh).toMatchObject({phase: 'scheduled', lockWait: null, lastError: null});
		expect(fixture.emulator.control.state().devices[0]).toMatchObject({refreshes: 1, refreshesRefused: {}});
	});
});
