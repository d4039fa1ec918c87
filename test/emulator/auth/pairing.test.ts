import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, getJson, postForm, postJson, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {TestSocket} from '../../helpers/ws-client.js';
import {client, deviceGrant, identityStatus, pair, pollToken, refresh, requestCode, type Tokens} from './auth-client.js';

afterEach(cleanup);

function socketUrl(url: string, token: string): string {
	return `${url.replace('http', 'ws')}/devices/websocket?Authorization=Bearer%20${encodeURIComponent(token)}`;
}

describe('pairing with a device code', () => {
	for (const encoding of ['multipart', 'urlencoded'] as const) {
		it(`pairs end to end (${encoding})`, async () => {
			const {emulator, clock} = await startTestEmulator();
			const response = await postForm(`${emulator.url}/v2/auth/device/code`, {...client, scope: 'asset_create offline'}, encoding);
			expect(response.status).toBe(200);
			expect(response.body).toEqual({
				device_code: expect.any(String) as string,
				expires_in: 120,
				interval: 5,
				name: 'c2c-status emulator',
				user_code: expect.stringMatching(/^\d{6}$/) as string,
				verification_uri: `${emulator.url}/_emulator/approve`,
				verification_uri_complete: `${emulator.url}/_emulator/approve?userCode=${String(response.body.user_code)}`,
			});
			const code = response.body as {device_code: string; user_code: string};
			expect(emulator.control.state().pendingCodes).toEqual([{userCode: code.user_code, deviceId: null, approved: false, expiresAt: clock.now() + 120_000}]);

			expect(await pollToken(emulator.url, code.device_code, encoding)).toEqual({status: 400, body: {error: 'authorization_pending'}});
			await clock.advance(2000);
			expect(await pollToken(emulator.url, code.device_code, encoding)).toEqual({status: 400, body: {error: 'slow_down'}});
			await clock.advance(5000);
			expect(await pollToken(emulator.url, code.device_code, encoding)).toEqual({status: 400, body: {error: 'authorization_pending'}});

			const approved = emulator.control.approve();
			expect(approved).toEqual({userCode: code.user_code, deviceId: emulator.control.state().devices[0]!.id, approved: true, expiresAt: clock.now() + 113_000});
			await clock.advance(5000);
			const granted = await pollToken(emulator.url, code.device_code, encoding);
			expect(granted).toEqual({
				status: 200,
				body: {access_token: expect.any(String) as string, expires_in: 28_800, refresh_token: expect.any(String) as string, token_type: 'bearer'},
			});
			expect(Object.keys(granted.body)).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
			const tokens = granted.body as Tokens;
			expect(tokens.access_token).not.toBe(tokens.refresh_token);
			expect(tokens.access_token.length).toBeGreaterThanOrEqual(32);

			// The code is used up.
			await clock.advance(5000);
			expect(await pollToken(emulator.url, code.device_code, encoding)).toEqual({status: 400, body: {error: 'invalid_grant'}});
			expect(emulator.control.state().pendingCodes).toEqual([]);

			// The new access token works for identity and for the socket.
			expect(await identityStatus(emulator.url, tokens.access_token)).toBe(200);
			const socket = await TestSocket.open(socketUrl(emulator.url, tokens.access_token));
			socket.sendJson({topic: `devices:${approved.deviceId!}`, event: 'phx_join', payload: '', ref: 'j'});
			expect(await socket.nextJson()).toMatchObject({payload: {status: 'ok'}});

			// No token ever appears in the state.
			const stateText = JSON.stringify(emulator.control.state());
			expect(stateText).not.toContain(tokens.access_token);
			expect(stateText).not.toContain(tokens.refresh_token);
			expect(stateText).not.toContain(code.device_code);
		});
	}

	it('answers every device-code error', async () => {
		const {emulator, clock} = await startTestEmulator({clientSecret: 'model-secret'});
		const url = `${emulator.url}/v2/auth/device/code`;
		const good = {client_id: 'c', client_secret: 'model-secret', scope: 'asset_create offline'};
		expect(await postForm(url, {...good, client_secret: 'wrong'})).toEqual({status: 400, body: {error: 'invalid_client'}});
		expect(await postForm(url, {client_id: 'c', client_secret: 'model-secret'})).toEqual({status: 400, body: {error: 'invalid_request'}});
		expect(await postForm(url, {client_secret: 'model-secret', scope: 's'})).toEqual({status: 400, body: {error: 'invalid_request'}});
		expect(await postForm(url, {client_id: 'c', scope: 's'})).toEqual({status: 400, body: {error: 'invalid_request'}});
		const json = await postJson(url, good);
		expect(json).toMatchObject({status: 400, body: {error: 'invalid_request'}});
		expect((await postForm(url, good)).status).toBe(200);

		const token = `${emulator.url}/v2/auth/token`;
		const code = (await postForm(url, good)).body.device_code as string;
		const poll = {client_id: 'c', client_secret: 'model-secret', grant_type: deviceGrant};
		expect(await postForm(token, {...poll, client_secret: 'emulator-secret', device_code: code})).toEqual({status: 400, body: {error: 'invalid_client'}});
		expect(await postForm(token, poll)).toEqual({status: 400, body: {error: 'invalid_request'}});
		expect(await postForm(token, {...poll, grant_type: '', device_code: code})).toEqual({status: 400, body: {error: 'invalid_request'}});
		expect(await postForm(token, {...poll, grant_type: 'password', device_code: code})).toEqual({status: 400, body: {error: 'invalid_request'}});
		expect(await postForm(token, {...poll, device_code: 'no-such-code'})).toEqual({status: 400, body: {error: 'invalid_grant'}});
		expect(await postForm(token, {...poll, device_code: code})).toEqual({status: 400, body: {error: 'authorization_pending'}});
		await clock.advance(120_000);
		expect(await postForm(token, {...poll, device_code: code})).toEqual({status: 400, body: {error: 'expired_token'}});
		expect(() => emulator.control.approve()).toThrow('no pending pairing code');
	});

	it('approves a named code for a named device, over HTTP too', async () => {
		const {emulator, clock} = await startTestEmulator({devices: [{id: 'one', token: 'a'}, {id: 'two', token: 'b'}]});
		const first = await requestCode(emulator.url);
		const second = await requestCode(emulator.url);
		expect(() => emulator.control.approve({userCode: '1234567'})).toThrow('unknown pairing code 1234567');
		expect(() => emulator.control.approve({userCode: first.user_code, deviceId: 'three'})).toThrow('unknown device three');

		const approved = await postJson(`${emulator.url}/_emulator/approve`, {userCode: first.user_code, device: 'two'});
		expect(approved).toMatchObject({status: 200, body: {userCode: first.user_code, deviceId: 'two', approved: true}});
		// With no code named, the newest pending one is approved (for the default device).
		expect(emulator.control.approve()).toMatchObject({userCode: second.user_code, deviceId: 'one'});
		expect(emulator.control.state().pendingCodes.map(code => [code.userCode, code.deviceId])).toEqual([[first.user_code, 'two'], [second.user_code, 'one']]);

		const tokens = (await pollToken(emulator.url, first.device_code)).body as Tokens;
		expect((await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: `Bearer ${tokens.access_token}`}})).body).toMatchObject({id: 'two'});
		expect(await postJson(`${emulator.url}/_emulator/approve`, {})).toEqual({
			status: 404, headers: expect.anything() as Headers, body: {error: 'no pending pairing code'}, text: '{"error":"no pending pairing code"}',
		});

		const late = await requestCode(emulator.url);
		await clock.advance(120_000);
		expect(() => emulator.control.approve({userCode: late.user_code})).toThrow('has expired');
		expect(await postJson(`${emulator.url}/_emulator/approve?userCode=${late.user_code}`)).toMatchObject({status: 409});
	});
});

describe('tokens: expiry and refresh', () => {
	it('expires the access token after 28800 s on the clock: identity 401, upgrade 403', async () => {
		const fixture = await startTestEmulator();
		const {emulator, clock} = fixture;
		const tokens = await pair(fixture);
		await clock.advance((28_800 * 1000) - 1);
		expect(await identityStatus(emulator.url, tokens.access_token)).toBe(200);
		expect((await TestSocket.connect(socketUrl(emulator.url, tokens.access_token))).kind).toBe('open');
		await clock.advance(1);
		expect(await identityStatus(emulator.url, tokens.access_token)).toBe(401);
		expect(await TestSocket.connect(socketUrl(emulator.url, tokens.access_token))).toEqual({kind: 'rejected', status: 403});
		expect(emulator.control.state().devices[0]!.connectionsRejected).toBe(1);
		// The seed token has no expiry.
		expect(await identityStatus(emulator.url, 'demo')).toBe(200);
	});

	it('refreshes: new pair works, old access token and reused refresh token do not', async () => {
		const fixture = await startTestEmulator();
		const {emulator, clock} = fixture;
		const first = await pair(fixture);
		const refreshed = await refresh(emulator.url, first.refresh_token);
		expect(refreshed.status).toBe(200);
		const second = refreshed.body as Tokens;
		expect(second).toMatchObject({expires_in: 28_800, token_type: 'bearer'});
		expect(second.access_token).not.toBe(first.access_token);
		expect(second.refresh_token).not.toBe(first.refresh_token);

		expect(await identityStatus(emulator.url, second.access_token)).toBe(200);
		expect(await identityStatus(emulator.url, first.access_token)).toBe(401);
		expect(await TestSocket.connect(socketUrl(emulator.url, first.access_token))).toEqual({kind: 'rejected', status: 403});
		expect(await refresh(emulator.url, first.refresh_token)).toEqual({status: 400, body: {error: 'invalid_request'}});
		expect(await refresh(emulator.url, 'never-issued')).toEqual({status: 400, body: {error: 'invalid_grant'}});
		expect(await postForm(`${emulator.url}/v2/auth/token`, {...client, grant_type: 'refresh_token'})).toEqual({status: 400, body: {error: 'invalid_request'}});
		expect(await postForm(`${emulator.url}/v2/auth/token`, {...client, client_secret: 'x', grant_type: 'refresh_token', refresh_token: second.refresh_token}))
			.toEqual({status: 400, body: {error: 'invalid_client'}});

		// Refresh tokens last 14 days.
		await clock.advance(14 * 24 * 60 * 60 * 1000);
		expect(await refresh(emulator.url, second.refresh_token)).toEqual({status: 400, body: {error: 'invalid_grant'}});
	});

	it('expire-token ends every access token of the device, and a refresh recovers', async () => {
		const fixture = await startTestEmulator();
		const {emulator} = fixture;
		const tokens = await pair(fixture);
		const socket = await fixture.openSocket(tokens.access_token);
		const response = await postJson(`${emulator.url}/_emulator/expire-token`, {});
		expect(response).toMatchObject({status: 200, body: {expired: true, device: emulator.control.state().devices[0]!.id}});
		expect(await identityStatus(emulator.url, tokens.access_token)).toBe(401);
		expect(await identityStatus(emulator.url, 'demo')).toBe(401);
		expect(await TestSocket.connect(socketUrl(emulator.url, 'demo'))).toEqual({kind: 'rejected', status: 403});
		// An open socket is not cut by expiry.
		socket.sendJson({topic: 'phoenix', event: 'heartbeat', payload: '', ref: 'h'});
		expect(await socket.nextJson()).toMatchObject({ref: 'h'});

		const renewed = (await refresh(emulator.url, tokens.refresh_token)).body as Tokens;
		expect(await identityStatus(emulator.url, renewed.access_token)).toBe(200);
	});
});
