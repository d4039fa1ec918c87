import type {Buffer} from 'node:buffer';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {watch} from 'node:fs';
import {readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {type Credentials, CredentialsError, readableByOthers, readCredentials, writeCredentials} from '../../../source/core/token/credentials-file.js';
import {cleanup, temporaryDirectory} from '../../helpers/monitor-fixture.js';

afterEach(cleanup);

const root = fileURLToPath(new URL('../../..', import.meta.url));
const at = Date.parse('2026-11-27T09:00:00.000Z');
const credentials: Credentials = {
	apiUrl: 'https://api.frame.io', clientId: 'cart-a-serial', clientSecret: 'model-secret-1f9a', accessToken: 'access-token-77aa',
	refreshToken: 'refresh-token-91bb', issuedAt: at, expiresAt: at + (8 * 3_600_000), pairedAt: at,
};

const mode = async (path: string) => ((await stat(path)).mode % 0o1000).toString(8);

describe('the credentials file', () => {
	it('round-trips, is created with mode 0600, and leaves no temporary file behind', async () => {
		const directory = await temporaryDirectory();
		const path = join(directory, 'nested', 'credentials.json');
		await writeCredentials(path, credentials);
		expect(await readCredentials(path)).toEqual(credentials);
		expect(await mode(path)).toBe('600');
		expect(await mode(join(directory, 'nested'))).toBe('700');
		const {readdir} = await import('node:fs/promises');
		expect(await readdir(join(directory, 'nested'))).toEqual(['credentials.json']);
		expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({version: 1, expiresAt: '2026-11-27T17:00:00.000Z'});
	});

	it('says which file, and what is wrong, without any secret', async () => {
		const directory = await temporaryDirectory();
		const path = join(directory, 'credentials.json');
		await expect(readCredentials(path)).rejects.toMatchObject({code: 'missing', message: `no credentials file at ${path} (pair the device with c2c-status pair)`});
		await writeFile(path, '{"version":1,"accessToken":"leaky-secret"');
		await expect(readCredentials(path)).rejects.toMatchObject({code: 'malformed', message: `the credentials file ${path} is not JSON`});
		await writeFile(path, JSON.stringify({version: 1, accessToken: 'leaky-secret'}));
		await expect(readCredentials(path)).rejects.toBeInstanceOf(CredentialsError);
		await expect(readCredentials(path)).rejects.not.toThrow(/leaky-secret/);
	});

	it('tells when others can read it', async () => {
		const directory = await temporaryDirectory();
		const path = join(directory, 'credentials.json');
		await writeCredentials(path, credentials);
		expect(await readableByOthers(path)).toBe(false);
		const {chmod} = await import('node:fs/promises');
		await chmod(path, 0o644);
		expect(await readableByOthers(path)).toBe(true);
	});

	it('is replaced atomically: a process killed in the middle of a write leaves the old file whole', async () => {
		const directory = await temporaryDirectory();
		const path = join(directory, 'credentials.json');
		await writeCredentials(path, credentials);
		// A child rewrites the file over and over with a large secret, saying on stdout after each write that it is whole.
		const script = `
			import {writeCredentials} from './source/core/token/credentials-file.ts';
			const base = ${JSON.stringify(credentials)};
			for (let i = 1; ; i++) {
				await writeCredentials(${JSON.stringify(path)}, {...base, accessToken: 'x'.repeat(4_000_000) + i});
				process.stdout.write(i + '\\n');
			}
		`;
		const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {cwd: root, stdio: ['ignore', 'pipe', 'inherit']});
		const exited = new Promise(resolve => {
			child.once('exit', resolve);
		});
		const whole = await new Promise<number>((resolve, reject) => {
			let text = '';
			child.stdout.on('data', (chunk: Buffer) => {
				text += chunk.toString('utf8');
				const reported = Number(text.split('\n').at(-2) ?? 0);
				if (reported >= 3) {
					resolve(reported);
				}
			});
			child.once('exit', code => {
				reject(new Error(`the writer exited (${code}) before three whole writes`));
			});
		});
		// After its third whole write, it is killed without warning at the first sign of the next one in the
		// folder (its temporary file, or the file itself, written to): in the middle of that write.
		const watcher = watch(directory);
		await Promise.race([once(watcher, 'change'), exited]);
		child.kill('SIGKILL');
		watcher.close();
		await exited;
		const survived = await readCredentials(path);
		expect(survived.refreshToken).toBe(credentials.refreshToken);
		// A whole write: the last one reported, or one that finished before the kill landed; never a part of one.
		const [, number] = /^x{4000000}(\d+)$/.exec(survived.accessToken) ?? [];
		expect(Number(number)).toBeGreaterThanOrEqual(whole);
		expect(await mode(path)).toBe('600');
	});
});
