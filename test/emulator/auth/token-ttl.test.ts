import {afterEach, describe, expect, it} from 'vitest';
import {parseEmulatorFlags} from '../../../source/cli/commands/emulator/emulator-flags.js';
import {UsageError} from '../../../source/cli/usage-error.js';
import {accessTokenLifetimeSeconds, refreshTokenLifetimeMs} from '../../../source/emulator/frameio-server-rules.js';
import {startEmulator} from '../../../source/emulator/start-emulator.js';
import {cleanup, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {TestSocket} from '../../helpers/ws-client.js';
import {identityStatus, pair, refresh, refreshed} from './auth-client.js';

afterEach(cleanup);

function usage(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		if (error instanceof UsageError) {
			return error.message;
		}

		throw error;
	}

	throw new Error('expected a UsageError');
}

describe('--token-ttl', () => {
	it('defaults to Frame.io\'s 8 hours and takes 1 to 28800 seconds, fractions allowed', () => {
		expect(parseEmulatorFlags({}).tokenTtlSeconds).toBe(accessTokenLifetimeSeconds);
		expect(parseEmulatorFlags({tokenTtl: '90'}).tokenTtlSeconds).toBe(90);
		expect(parseEmulatorFlags({tokenTtl: ' 1.5 '}).tokenTtlSeconds).toBe(1.5);
		expect(parseEmulatorFlags({tokenTtl: '28800'}).tokenTtlSeconds).toBe(28_800);
		for (const bad of ['0', '0.5', '28800.5', '-5', 'soon', '']) {
			expect(usage(() => parseEmulatorFlags({tokenTtl: bad})), bad).toBe(`--token-ttl must be a number of seconds from 1 to 28800, got "${bad}".`);
		}
	});
});

describe('EmulatorOptions.tokenTtlSeconds', () => {
	it('sets the lifetime and expires_in of access tokens from pairing and refresh', async () => {
		const fixture = await startTestEmulator({tokenTtlSeconds: 1.5});
		const {emulator, clock, socketUrl} = fixture;
		const paired = await pair(fixture);
		expect(paired.expires_in).toBe(1.5);
		await clock.advance(1499);
		expect(await identityStatus(emulator.url, paired.access_token)).toBe(200);
		await clock.advance(1);
		expect(await identityStatus(emulator.url, paired.access_token)).toBe(401);
		expect(await TestSocket.connect(socketUrl(paired.access_token))).toEqual({kind: 'rejected', status: 403});

		const renewed = await refreshed(emulator.url, paired.refresh_token);
		expect(renewed.expires_in).toBe(1.5);
		expect((await TestSocket.connect(socketUrl(renewed.access_token))).kind).toBe('open');
		await clock.advance(1500);
		expect(await TestSocket.connect(socketUrl(renewed.access_token))).toEqual({kind: 'rejected', status: 403});
		// The seed token still never expires.
		expect(await identityStatus(emulator.url, 'demo')).toBe(200);
	});

	it('leaves refresh tokens their 14 days', async () => {
		const fixture = await startTestEmulator({tokenTtlSeconds: 60});
		const {emulator, clock} = fixture;
		const early = await pair(fixture);
		const late = await pair(fixture);
		await clock.advance(refreshTokenLifetimeMs - 1);
		expect((await refresh(emulator.url, early.refresh_token)).status).toBe(200);
		await clock.advance(1);
		expect(await refresh(emulator.url, late.refresh_token)).toEqual({status: 400, body: {error: 'invalid_grant'}});
	});

	it('refuses a lifetime that is not more than 0 and at most 28800 seconds', async () => {
		for (const tokenTtlSeconds of [0, -1, 28_801, Number.NaN]) {
			await expect(startEmulator({port: 0, tokenTtlSeconds}), String(tokenTtlSeconds)).rejects.toThrow('tokenTtlSeconds must be > 0 and at most 28800');
		}
	});
});
