import {join} from 'node:path';
import {createApiClient} from '../../source/core/http/api-client.js';
import {Monitor} from '../../source/core/monitor.js';
import type {Credentials} from '../../source/core/token/credentials-file.js';
import {CredentialsFile} from '../../source/core/token/credentials-store.js';
import {OwnedCredentials} from '../../source/core/token/owned-credentials.js';
import type {TokenEvent} from '../../source/core/token/token-source.js';
import {waitForEvent} from '../../support/wait-for.js';
import type {EmulatorFixture} from './emulator-fixture.js';
import {temporaryDirectory} from './monitor-fixture.js';

const monitors: Monitor[] = [];

/** For afterEach, before the fixtures' own cleanup. */
export async function stopOwnedMonitors(): Promise<void> {
	await Promise.all(monitors.splice(0).map(async monitor => monitor.stop()));
}

export type OwnedSetup = {readonly path: string; readonly store: CredentialsFile; readonly source: OwnedCredentials; readonly monitor: Monitor};

/**
A Monitor that owns the credentials at `store.path` against the fixture's emulator, on its manual clock.
Heartbeats and /health are stretched to an hour (a test of hours moves the clock in few steps) unless
`healthIntervalMs` is given; the file is looked at every 5 s as in production.
*/
export function ownedMonitor(fixture: EmulatorFixture, store: CredentialsFile, options: {readonly healthIntervalMs?: number} = {}): OwnedSetup {
	const {clock, emulator} = fixture;
	const apiUrl = new URL(emulator.url);
	const source = new OwnedCredentials({store, clock, client: createApiClient({apiUrl, clientVersion: '2.0.0'}).open});
	const monitor = new Monitor(
		{apiUrl, token: {kind: 'credentials', path: store.path}, clientVersion: '2.0.0', healthIntervalMs: options.healthIntervalMs ?? 3_600_000},
		{clock, coalesceMs: 0, tokenSource: source, socket: {heartbeatIntervalMs: 3_600_000}},
	);
	monitors.push(monitor);
	return {path: store.path, store, source, monitor};
}

/** A path for a credentials file in a new temporary folder. */
export async function credentialsPath(): Promise<string> {
	return join(await temporaryDirectory(), 'credentials.json');
}

export const tokenEvent = async (source: OwnedCredentials, event: TokenEvent['event'], timeoutMs?: number) =>
	waitForEvent<TokenEvent>(source.events, value => value.event === event, `a ${event} token event`, timeoutMs);

/** An error as the file system gives it: `code` and a message naming the path. */
export function fileSystemError(code: string, path: string): NodeJS.ErrnoException {
	return Object.assign(new Error(`${code}: ${code === 'ENOSPC' ? 'no space left on device' : 'failed'}, write '${path}'`), {code});
}

/**
The credentials file with its writes made to fail on demand, as a full disk would: `full` fails the
test write and every write; `failWrites` fails only the real writes (the test write passed: the disk
filled up between the two, after the refresh answer arrived).
*/
export class FlakyCredentialsFile extends CredentialsFile {
	full = false;
	failWrites = false;
	readonly writes: Credentials[] = [];

	override async probe(credentials: Credentials): Promise<void> {
		if (this.full) {
			throw fileSystemError('ENOSPC', this.path);
		}

		await super.probe(credentials);
	}

	override async write(credentials: Credentials): Promise<void> {
		if (this.full || this.failWrites) {
			throw fileSystemError('ENOSPC', this.path);
		}

		await super.write(credentials);
		this.writes.push(credentials);
	}
}
