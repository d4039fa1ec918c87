import {lstat, stat, symlink} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startTestEmulator} from '../../../helpers/emulator-fixture.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {pairedCredentials, testClient} from '../../../helpers/paired-credentials.js';
import {killAll, spawnCli} from '../../../helpers/spawn-cli.js';

afterEach(async () => {
	await killAll();
	await cleanup();
});

describe('c2c-status logout --api-url (issue 15.11)', () => {
	it('refuses another API than the credentials\' in one line (exit 2), and revokes with the right one', async () => {
		const fixture = await startTestEmulator();
		const path = join(await temporaryDirectory(), 'credentials.json');
		await pairedCredentials(fixture, path);
		const other = spawnCli(['logout', '--credentials', path, '--api-url', 'http://127.0.0.1:9']);
		expect((await other.exited).code).toBe(2);
		expect(other.stderr()).toBe(`c2c-status logout: the credentials in ${path} were paired with ${fixture.emulator.url}, not http://127.0.0.1:9/: leave out --api-url, or name the API they were paired with.\n`);
		const fromEnv = spawnCli(['logout', '--credentials', path], {FRAMEIO_API_URL: 'http://localhost:9'});
		expect((await fromEnv.exited).code).toBe(2);
		expect(fromEnv.stderr()).toMatch(/not http:\/\/localhost:9\/: leave out FRAMEIO_API_URL, or name/);
		expect(fixture.emulator.control.state().devices[0]!.refreshes).toBe(0);
		const same = spawnCli(['logout', '--credentials', path, '--api-url', `${fixture.emulator.url}/`], {FRAMEIO_CLIENT_SECRET: testClient.clientSecret});
		expect(await same.exited).toEqual({code: 0, signal: null});
		expect(same.stdout()).toBe(`logged out: the refresh token is revoked and ${path} is deleted\n`);
	});

	it('through a symbolic link, deletes the file it points to (the secrets) and keeps the link for the next pairing', async () => {
		const fixture = await startTestEmulator();
		const target = join(await temporaryDirectory(), 'credentials.json');
		const link = join(await temporaryDirectory(), 'credentials.json');
		await pairedCredentials(fixture, target);
		await symlink(target, link);
		const cli = spawnCli(['logout', '--credentials', link]);
		expect(await cli.exited).toEqual({code: 0, signal: null});
		await expect(stat(target)).rejects.toThrow(/ENOENT/);
		expect((await lstat(link)).isSymbolicLink()).toBe(true);
	});
});
