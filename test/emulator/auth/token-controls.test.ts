import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, postJson, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {TestSocket} from '../../helpers/ws-client.js';
import {identityStatus, pair, refresh, refreshed} from './auth-client.js';

afterEach(cleanup);

const devices = [{id: 'cam-a', token: 'token-a'}, {id: 'cam-b', token: 'token-b'}];

describe('expire-token', () => {
	it('ends access tokens issued by pairing and by refresh; their refresh tokens still work', async () => {
		const fixture = await startTestEmulator({devices});
		const {emulator, socketUrl} = fixture;
		const paired = await pair(fixture, 'cam-a');
		const renewed = await refreshed(emulator.url, (await pair(fixture, 'cam-a')).refresh_token);
		const other = await pair(fixture, 'cam-b');
		for (const token of [paired.access_token, renewed.access_token]) {
			expect(await identityStatus(emulator.url, token)).toBe(200);
		}

		expect(await postJson(`${emulator.url}/_emulator/expire-token`, {device: 'cam-a'})).toMatchObject({status: 200, body: {expired: true, device: 'cam-a'}});
		for (const token of [paired.access_token, renewed.access_token, 'token-a']) {
			expect(await identityStatus(emulator.url, token)).toBe(401);
			expect(await TestSocket.connect(socketUrl(token))).toEqual({kind: 'rejected', status: 403});
		}

		expect(emulator.control.state().devices[0]!.connectionsRejected).toBe(3);
		// Another device's tokens are untouched.
		expect(await identityStatus(emulator.url, other.access_token)).toBe(200);
		// Refresh tokens survive expiry: that is how a monitor recovers.
		for (const refreshToken of [paired.refresh_token, renewed.refresh_token]) {
			const recovered = await refreshed(emulator.url, refreshToken);
			expect(await identityStatus(emulator.url, recovered.access_token)).toBe(200);
		}
	});
});

describe('revokeRefreshTokens', () => {
	it('makes every refresh token of the device dead (invalid_grant); access tokens keep working', async () => {
		const fixture = await startTestEmulator({devices});
		const {emulator} = fixture;
		const first = await pair(fixture);
		const second = await pair(fixture);
		const other = await pair(fixture, 'cam-b');
		const spent = first.refresh_token;
		const current = await refreshed(emulator.url, spent);

		expect(emulator.control.revokeRefreshTokens()).toBe(2);
		for (const refreshToken of [current.refresh_token, second.refresh_token]) {
			expect(await refresh(emulator.url, refreshToken)).toEqual({status: 400, body: {error: 'invalid_grant'}});
		}

		// A spent one is still a reused one.
		expect(await refresh(emulator.url, spent)).toEqual({status: 400, body: {error: 'invalid_request'}});
		expect(await identityStatus(emulator.url, current.access_token)).toBe(200);
		expect(await identityStatus(emulator.url, second.access_token)).toBe(200);
		expect((await refresh(emulator.url, other.refresh_token)).status).toBe(200);
		expect(emulator.control.state().devices[0]).toMatchObject({refreshesRefused: {invalid_grant: 2, invalid_request: 1}});

		// Pairing again is the way back.
		const repaired = await pair(fixture);
		expect((await refresh(emulator.url, repaired.refresh_token)).status).toBe(200);
	});

	it('is POST /_emulator/revoke-refresh-tokens, naming the device or not', async () => {
		const fixture = await startTestEmulator({devices});
		const {emulator} = fixture;
		const a = await pair(fixture, 'cam-a');
		const b = await pair(fixture, 'cam-b');
		expect(await postJson(`${emulator.url}/_emulator/revoke-refresh-tokens`, {device: 'cam-b'})).toMatchObject({status: 200, body: {revoked: 1, device: 'cam-b'}});
		expect(await refresh(emulator.url, b.refresh_token)).toEqual({status: 400, body: {error: 'invalid_grant'}});
		expect((await refresh(emulator.url, a.refresh_token)).status).toBe(200);

		expect(await postJson(`${emulator.url}/_emulator/revoke-refresh-tokens`)).toMatchObject({status: 200, body: {revoked: 1, device: 'cam-a'}});
		expect(await postJson(`${emulator.url}/_emulator/revoke-refresh-tokens?device=cam-a`)).toMatchObject({status: 200, body: {revoked: 0}});
		expect(await postJson(`${emulator.url}/_emulator/revoke-refresh-tokens`, {device: 'nope'})).toMatchObject({status: 404, body: {error: 'unknown device nope'}});
		expect(() => emulator.control.revokeRefreshTokens('nope')).toThrow('unknown device nope');
	});
});
