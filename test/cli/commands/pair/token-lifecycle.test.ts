import {readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {readCredentials} from '../../../../source/core/token/credentials-file.js';
import {startTestEmulator} from '../../../helpers/emulator-fixture.js';
import {startEmulator} from '../../../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../../../source/emulator/types.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {pairedCredentials, testClient} from '../../../helpers/paired-credentials.js';
import {json, killAll, spawnCli} from '../../../helpers/spawn-cli.js';

const realEmulators: RunningEmulator[] = [];

afterEach(async () => {
	await killAll();
	await Promise.all(realEmulators.splice(0).map(async emulator => emulator.close()));
	await cleanup();
});

const clientEnv = {FRAMEIO_CLIENT_ID: testClient.clientId, FRAMEIO_CLIENT_SECRET: testClient.clientSecret};
const lineOf = (type: string) => (line: string) => json(line)?.type === type;

/** Everything the process wrote, checked for every secret it could have seen. */
function expectNoSecret(output: string, secrets: Iterable<string>) {
	for (const secret of secrets) {
		expect(output, 'a secret in the output').not.toContain(secret);
	}
}

describe('c2c-status pair without a terminal (NDJSON)', () => {
	it('prints the code, then "paired" once approved; saves the credentials with mode 0600; exit 0', async () => {
		const {emulator} = await startTestEmulator();
		const path = join(await temporaryDirectory(), 'credentials.json');
		const cli = spawnCli(['pair', '--api-url', emulator.url, '--credentials', path], clientEnv);
		const pairing = json(await cli.waitForLine(lineOf('pairing'), 'the pairing line'))!;
		expect(pairing).toMatchObject({userCode: expect.stringMatching(/^\d{6}$/) as string, verificationUri: `${emulator.url}/_emulator/approve`});
		emulator.control.approve({userCode: String(pairing.userCode)});
		const paired = json(await cli.waitForLine(lineOf('paired'), 'the paired line', 20_000))!;
		expect(paired).toMatchObject({credentials: path, project: 'Demo project', creator: 'Demo Producer'});
		expect(await cli.exited).toEqual({code: 0, signal: null});
		expect(((await stat(path)).mode % 0o1000).toString(8)).toBe('600');
		const saved = await readCredentials(path);
		expectNoSecret(cli.stdout() + cli.stderr(), [saved.accessToken, saved.refreshToken, testClient.clientSecret]);
	});

	it('says the client was refused (exit 1), and that the client credentials are missing (exit 2)', async () => {
		const {emulator} = await startTestEmulator();
		const path = join(await temporaryDirectory(), 'credentials.json');
		const refused = spawnCli(['pair', '--api-url', emulator.url, '--credentials', path], {...clientEnv, FRAMEIO_CLIENT_SECRET: 'wrong-secret-4410'});
		expect(json(await refused.waitForLine(lineOf('error'), 'the error line'))).toMatchObject({code: 'invalid_client', message: 'the client id or client secret was refused (invalid_client)'});
		expect((await refused.exited).code).toBe(1);
		expect(refused.stdout()).not.toContain('wrong-secret-4410');
		const missing = spawnCli(['pair', '--api-url', emulator.url], {FRAMEIO_CLIENT_ID: 'x'});
		expect((await missing.exited).code).toBe(2);
		expect(missing.stderr()).toMatch(/^c2c-status pair: pairing needs the device's client id and secret/);
	});

	it('says the code expired when no one approved it (exit 1)', async () => {
		const {emulator, clock} = await startTestEmulator();
		const path = join(await temporaryDirectory(), 'credentials.json');
		const cli = spawnCli(['pair', '--api-url', emulator.url, '--credentials', path], clientEnv);
		await cli.waitForLine(lineOf('pairing'), 'the pairing line');
		// The emulator's code lives 120 s on its own clock; the next poll finds it expired.
		await clock.advance(120_000);
		expect(json(await cli.waitForLine(lineOf('error'), 'the error line', 15_000))).toMatchObject({code: 'expired_token', message: expect.stringContaining('expired') as string});
		expect((await cli.exited).code).toBe(1);
	});
});

describe('owned credentials in the monitor (the built CLI)', () => {
	it('refreshes a short-lived token again and again, says so in NDJSON, and never prints a token or the secret', async () => {
		// Real time here, with 2-second tokens: refreshed every 1.5 s.
		const emulator = await startEmulator({port: 0, tokenTtlSeconds: 2});
		realEmulators.push(emulator);
		const path = join(await temporaryDirectory(), 'credentials.json');
		const {ManualClock} = await import('../../../../support/manual-clock.js');
		const fixture = {emulator, clock: new ManualClock(Date.now())} as unknown as Parameters<typeof pairedCredentials>[0];
		const first = await pairedCredentials(fixture, path);
		const secrets = new Set([first.accessToken, first.refreshToken, testClient.clientSecret]);
		const cli = spawnCli(['--json', '--credentials', path]);
		const refreshed = (line: string) => json(line)?.type === 'token' && json(line)?.event === 'refreshed';
		for (let refresh = 1; refresh <= 3; refresh++) {
			const enough = (line: string) => refreshed(line) && cli.stdout().split('\n').filter(line_ => refreshed(line_)).length >= refresh;
			await cli.waitForLine(enough, `refresh ${refresh}`, 10_000);
			// Each pair, read from the file as it is written, must stay out of the output.
			const now = await readCredentials(path);
			secrets.add(now.accessToken);
			secrets.add(now.refreshToken);
		}

		await cli.waitForLine(line => json(line)?.type === 'socket' && json(line)?.state === 'joined', 'joined');
		cli.child.kill('SIGTERM');
		expect((await cli.exited).code).toBe(0);
		expect(secrets.size).toBeGreaterThanOrEqual(1 + (2 * 3));
		expectNoSecret(cli.stdout() + cli.stderr(), secrets);
		expect(emulator.control.state().devices[0]!.refreshesRefused).toEqual({});
		expect(await readFile(path, 'utf8')).toContain('"refreshToken"');
	});
});

describe('c2c-status logout', () => {
	it('revokes the refresh token, then deletes the file', async () => {
		const fixture = await startTestEmulator();
		const path = join(await temporaryDirectory(), 'credentials.json');
		const saved = await pairedCredentials(fixture, path);
		const cli = spawnCli(['logout', '--credentials', path]);
		expect(await cli.exited).toEqual({code: 0, signal: null});
		expect(cli.stdout()).toBe(`logged out: the refresh token is revoked and ${path} is deleted\n`);
		await expect(stat(path)).rejects.toMatchObject({code: 'ENOENT'});
		expect(fixture.emulator.control.state().devices[0]!.revocations).toBe(1);
		expectNoSecret(cli.stdout() + cli.stderr(), [saved.accessToken, saved.refreshToken, testClient.clientSecret]);
	});

	it('keeps the file when the revoke fails (exit 1), and deletes it anyway with --force', async () => {
		const fixture = await startTestEmulator();
		const path = join(await temporaryDirectory(), 'credentials.json');
		await pairedCredentials(fixture, path);
		fixture.emulator.control.setFaults({authUnavailableForSeconds: 60});
		const failed = spawnCli(['logout', '--credentials', path]);
		expect((await failed.exited).code).toBe(1);
		expect(failed.stderr()).toMatch(/^c2c-status logout: the revoke failed \(HTTP 503.*\); .* is kept\. Try again, or use --force to delete it anyway\.\n$/);
		expect((await stat(path)).isFile()).toBe(true);
		const forced = spawnCli(['logout', '--credentials', path, '--force']);
		expect((await forced.exited).code).toBe(0);
		await expect(stat(path)).rejects.toMatchObject({code: 'ENOENT'});
		const none = spawnCli(['logout', '--credentials', path]);
		expect((await none.exited).code).toBe(2);
		expect(none.stderr()).toBe(`c2c-status logout: there is nothing to log out of: no credentials file at ${path}.\n`);
	});
});
