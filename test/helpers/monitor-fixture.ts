import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Monitor} from '../../source/core/monitor.js';
import type {MonitorConfig} from '../../source/core/monitor-config.js';
import type {TokenOrigin} from '../../source/core/token/token-source.js';
import type {ManualClock} from '../../support/manual-clock.js';
import {cleanup as cleanupEmulators} from './emulator-fixture.js';

const monitors: Monitor[] = [];
const directories: string[] = [];

/** A Monitor on the manual clock, publishing every change at once unless told otherwise; stopped by `cleanup()`. */
export function testMonitor(clock: ManualClock, url: string, token: TokenOrigin, extra: {readonly config?: Partial<MonitorConfig>; readonly coalesceMs?: number} = {}): Monitor {
	const config = {apiUrl: new URL(url), token, clientVersion: '2.0.0', healthIntervalMs: 10_000, ...extra.config};
	const instance = new Monitor(config, {clock, coalesceMs: extra.coalesceMs ?? 0});
	monitors.push(instance);
	return instance;
}

/** A temporary folder, removed by `cleanup()`. */
export async function temporaryDirectory(): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'c2c-status-'));
	directories.push(directory);
	return directory;
}

/** For afterEach: stops every monitor, removes every folder, closes every emulator and test socket. */
export async function cleanup(): Promise<void> {
	await Promise.all(monitors.splice(0).map(async monitor => monitor.stop()));
	await Promise.all(directories.splice(0).map(async directory => rm(directory, {recursive: true, force: true})));
	await cleanupEmulators();
}
