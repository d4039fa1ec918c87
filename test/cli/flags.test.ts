import {describe, expect, it} from 'vitest';
import {emulatorFlags, parseEmulatorFlags} from '../../source/cli/commands/emulator/emulator-flags.js';
import {checkFlags} from '../../source/cli/flag-definitions.js';
import {monitorFlags, parseMonitorFlags} from '../../source/cli/commands/monitor/monitor-flags.js';
import {UsageError} from '../../source/cli/usage-error.js';

const usage = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		return (error as Error).message;
	}

	throw new Error('expected a UsageError');
};

describe('checkFlags', () => {
	it('accepts known flags in every form', () => {
		expect(() => {
			checkFlags(['--api-url', 'x', '--json', '--no-color', '--token-file=/t', '--', '--whatever'], monitorFlags, 'c2c-status');
		}).not.toThrow();
	});

	it('names an unknown flag and points at --help', () => {
		expect(usage(() => {
			checkFlags(['--jsn'], monitorFlags, 'c2c-status');
		})).toBe('unknown flag --jsn. See \'c2c-status --help\'.');
		expect(usage(() => {
			checkFlags(['-x'], monitorFlags, 'c2c-status');
		})).toContain('unknown flag -x');
		expect(usage(() => {
			checkFlags(['--no-json'], monitorFlags, 'c2c-status');
		})).toContain('unknown flag --no-json');
		expect(usage(() => {
			checkFlags(['--api-url'], emulatorFlags, 'c2c-status emulator');
		})).toBe('unknown flag --api-url. See \'c2c-status emulator --help\'.');
	});

	it('notices a value flag without its value', () => {
		expect(usage(() => {
			checkFlags(['--api-url'], monitorFlags, 'c2c-status');
		})).toBe('--api-url needs a value. See \'c2c-status --help\'.');
		expect(usage(() => {
			checkFlags(['--port', '--quiet'], emulatorFlags, 'c2c-status emulator');
		})).toContain('--port needs a value');
	});
});

describe('parseMonitorFlags', () => {
	const env = {FRAMEIO_TOKEN: 'tok'};

	it('uses the defaults with a token from the environment', () => {
		const command = parseMonitorFlags({}, env);
		expect(command.demo).toBe(false);
		expect(command.config).toMatchObject({clientVersion: '2.0.0', healthIntervalMs: 10_000, token: {kind: 'env', variable: 'FRAMEIO_TOKEN', token: 'tok'}});
		expect(command.config?.apiUrl.href).toBe('https://api.frame.io/');
	});

	it('runs the demo without a token, or when asked', () => {
		expect(parseMonitorFlags({}, {})).toMatchObject({demo: true, config: undefined});
		expect(parseMonitorFlags({demo: true}, env)).toMatchObject({demo: true, config: undefined});
	});

	it('prefers --token-file and FRAMEIO_API_URL from the environment', () => {
		const command = parseMonitorFlags({tokenFile: '/run/token'}, {...env, FRAMEIO_API_URL: 'http://127.0.0.1:4010/'});
		expect(command.config?.token).toEqual({kind: 'file', path: '/run/token'});
		expect(command.config?.apiUrl.href).toBe('http://127.0.0.1:4010/');
	});

	it('refuses plain http to another host unless --insecure', () => {
		expect(usage(() => parseMonitorFlags({apiUrl: 'http://frameio.example'}, env))).toContain('--api-url uses plain http:// to frameio.example');
		expect(usage(() => parseMonitorFlags({}, {...env, FRAMEIO_API_URL: 'http://10.0.0.5'}))).toMatch(/^FRAMEIO_API_URL uses plain http/);
		expect(parseMonitorFlags({apiUrl: 'http://frameio.example', insecure: true}, env).config?.apiUrl.hostname).toBe('frameio.example');
		for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) {
			expect(parseMonitorFlags({apiUrl: `http://${host}:4010`}, env).config).toBeDefined();
		}
	});

	it.each([
		[{apiUrl: 'not a url'}, '--api-url must be a URL'],
		[{apiUrl: 'ftp://host.example/path'}, '--api-url must start with https:// (or http:// for a local emulator), got "ftp://host.example/path".'],
		// Echoed whole, but for what may be secret in it.
		[{apiUrl: 'ftp://cam:hunter2@host.example/path?token=abc#x'}, 'got "ftp://host.example/path".'],
		[{apiUrl: 'https://user:pw@x'}, 'without credentials'],
		[{clientVersion: '2.0'}, '--client-version must be a semantic version'],
		[{healthInterval: '1'}, '--health-interval must be a number of seconds from 2'],
		[{healthInterval: 'ten'}, '--health-interval must be a number of seconds'],
		[{tokenFile: ' '}, '--token-file must name a file'],
	])('rejects %j', (flags, message) => {
		expect(usage(() => parseMonitorFlags(flags, env))).toContain(message);
	});

	it('honours NO_COLOR (when not empty) and --no-color', () => {
		expect(parseMonitorFlags({}, env).color).toBe(true);
		expect(parseMonitorFlags({}, {...env, NO_COLOR: '1'}).color).toBe(false);
		expect(parseMonitorFlags({}, {...env, NO_COLOR: ''}).color).toBe(true);
		expect(parseMonitorFlags({color: false}, env).color).toBe(false);
	});

	it('refuses a token that cannot go into a header, without echoing it', () => {
		for (const token of ['two words', 'tab\there', 'caf\u00E9', 'bell\u0007']) {
			const message = usage(() => parseMonitorFlags({}, {FRAMEIO_TOKEN: token}));
			expect(message).toBe('FRAMEIO_TOKEN holds characters a token cannot have (spaces, control characters or non-ASCII).');
		}

		expect(parseMonitorFlags({}, {FRAMEIO_TOKEN: 'Bearer abc.def'}).config?.token).toMatchObject({token: 'abc.def'});
	});
});

describe('parseEmulatorFlags', () => {
	it('has defaults and validates values', () => {
		expect(parseEmulatorFlags({})).toMatchObject({port: 4010, host: '127.0.0.1', idleTimeoutSeconds: 60, healthShape: 'ok', strictRateLimit: false});
		expect(parseEmulatorFlags({port: '0', healthShape: 'status', idleTimeout: '2.5'})).toMatchObject({port: 0, healthShape: 'status', idleTimeoutSeconds: 2.5});
		expect(usage(() => parseEmulatorFlags({port: '70000'}))).toBe('--port must be a whole number from 0 to 65535, got 70000.');
		expect(usage(() => parseEmulatorFlags({port: 'abc'}))).toContain('--port must be a whole number');
		expect(usage(() => parseEmulatorFlags({healthShape: 'json'}))).toBe('--health-shape must be one of ok, status, got "json".');
		expect(usage(() => parseEmulatorFlags({idleTimeout: '0'}))).toContain('--idle-timeout');
	});
});

describe('where the token comes from', () => {
	it('uses the default credentials file when no other token is given, and its API', async () => {
		const {mkdtemp, rm} = await import('node:fs/promises');
		const {tmpdir} = await import('node:os');
		const {join} = await import('node:path');
		const {writeCredentials} = await import('../../source/core/token/credentials-file.js');
		const home = await mkdtemp(join(tmpdir(), 'c2c-status-flags-'));
		try {
			const env = {XDG_CONFIG_HOME: home};
			expect(parseMonitorFlags({}, env)).toMatchObject({demo: true, config: undefined});
			const path = join(home, 'c2c-status', 'credentials.json');
			await writeCredentials(path, {apiUrl: 'http://127.0.0.1:4010', clientId: 'c', clientSecret: 's', accessToken: 'a', refreshToken: 'r', issuedAt: 0, expiresAt: 1, pairedAt: 0});
			const command = parseMonitorFlags({}, env);
			expect(command).toMatchObject({demo: false, config: {token: {kind: 'credentials', path}}});
			expect(command.config?.apiUrl.href).toBe('http://127.0.0.1:4010/');
			// FRAMEIO_TOKEN, more explicit, wins over the default file.
			expect(parseMonitorFlags({}, {...env, FRAMEIO_TOKEN: 'tok'}).config?.token.kind).toBe('env');
			expect(usage(() => parseMonitorFlags({apiUrl: 'https://api.frame.io'}, env))).toBe(`the credentials in ${path} were paired with http://127.0.0.1:4010, not https://api.frame.io/: pair again for that API, or leave out --api-url.`);
		} finally {
			await rm(home, {recursive: true, force: true});
		}
	});

	it('refuses --token-file with --credentials', () => {
		expect(usage(() => parseMonitorFlags({tokenFile: '/t', credentials: '/c'}, {}))).toBe('--token-file and --credentials name two different tokens: give one.');
	});
});
