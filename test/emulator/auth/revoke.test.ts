import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, getJson, postForm, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {TestSocket} from '../../helpers/ws-client.js';
import {client, identityStatus, pair, refresh, refreshed, revoke} from './auth-client.js';

afterEach(cleanup);

const success = {status: 200, body: {success: true}};

describe('POST /v2/auth/revoke', () => {
	for (const encoding of ['multipart', 'urlencoded'] as const) {
		it(`revoking a refresh token kills it and the access token issued with it (${encoding})`, async () => {
			const fixture = await startTestEmulator();
			const {emulator, socketUrl} = fixture;
			const tokens = await pair(fixture);
			expect(await revoke(emulator.url, tokens.refresh_token, encoding)).toEqual(success);

			expect(await refresh(emulator.url, tokens.refresh_token)).toEqual({status: 400, body: {error: 'invalid_grant'}});
			expect(await identityStatus(emulator.url, tokens.access_token)).toBe(401);
			expect(await TestSocket.connect(socketUrl(tokens.access_token))).toEqual({kind: 'rejected', status: 403});
			// Revoking it again changes nothing and still succeeds.
			expect(await revoke(emulator.url, tokens.refresh_token, encoding)).toEqual(success);
			expect(await identityStatus(emulator.url, 'demo')).toBe(200);
		});
	}

	it('revoking a refreshed pair: the refresh token issued by a refresh, and its access token', async () => {
		const fixture = await startTestEmulator();
		const {emulator} = fixture;
		const second = await refreshed(emulator.url, (await pair(fixture)).refresh_token);
		expect(await identityStatus(emulator.url, second.access_token)).toBe(200);
		expect(await revoke(emulator.url, second.refresh_token)).toEqual(success);
		expect(await identityStatus(emulator.url, second.access_token)).toBe(401);
		expect(await refresh(emulator.url, second.refresh_token)).toEqual({status: 400, body: {error: 'invalid_grant'}});
	});

	it('revoking an access token ends that token only', async () => {
		const fixture = await startTestEmulator();
		const {emulator, socketUrl} = fixture;
		const tokens = await pair(fixture);
		expect(await revoke(emulator.url, tokens.access_token)).toEqual(success);
		expect(await identityStatus(emulator.url, tokens.access_token)).toBe(401);
		expect(await TestSocket.connect(socketUrl(tokens.access_token))).toEqual({kind: 'rejected', status: 403});

		// The seed token is an access token too.
		expect(await revoke(emulator.url, 'demo')).toEqual(success);
		expect(await identityStatus(emulator.url, 'demo')).toBe(401);

		const renewed = await refreshed(emulator.url, tokens.refresh_token);
		expect(await identityStatus(emulator.url, renewed.access_token)).toBe(200);
	});

	it('answers 200 for a token nobody issued (RFC 7009)', async () => {
		const {emulator} = await startTestEmulator();
		expect(await revoke(emulator.url, 'never-issued')).toEqual(success);
		expect(emulator.control.state().devices[0]!.revocations).toBe(0);
	});

	it('refuses a missing field or a wrong client secret, and then revokes nothing', async () => {
		const fixture = await startTestEmulator({clientSecret: 'model-secret'});
		const {emulator} = fixture;
		const url = `${emulator.url}/v2/auth/revoke`;
		const good = {client_id: 'serial-0001', client_secret: 'model-secret', token: 'demo'};
		for (const missing of ['client_id', 'client_secret', 'token'] as const) {
			const fields = Object.fromEntries(Object.entries(good).filter(([name]) => name !== missing));
			expect(await postForm(url, fields), missing).toEqual({status: 400, body: {error: 'invalid_request'}});
			expect(await postForm(url, {...fields, [missing]: ''}), `empty ${missing}`).toEqual({status: 400, body: {error: 'invalid_request'}});
		}

		expect(await postForm(url, {...good, client_secret: client.client_secret})).toEqual({status: 400, body: {error: 'invalid_client'}});
		const json = await getJson(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(good)});
		expect(json).toMatchObject({status: 400, body: {error: 'invalid_request'}});
		expect((await getJson(url)).status).toBe(405);

		expect(await identityStatus(emulator.url, 'demo')).toBe(200);
		expect(emulator.control.state().devices[0]!.revocations).toBe(0);
	});

	it('refuses a token paired for another client_id, and revokes nothing (as Frame.io checks the client)', async () => {
		const fixture = await startTestEmulator();
		const {emulator} = fixture;
		const tokens = await pair(fixture);
		const url = `${emulator.url}/v2/auth/revoke`;
		const other = {...client, client_id: 'serial-0002'};
		for (const token of [tokens.refresh_token, tokens.access_token]) {
			expect(await postForm(url, {...other, token})).toEqual({status: 400, body: {error: 'invalid_grant'}});
		}

		expect(await identityStatus(emulator.url, tokens.access_token)).toBe(200);
		expect(emulator.control.state().devices[0]!.revocations).toBe(0);
		// A refresh passes the client on: the new pair is that client's too.
		const second = await refreshed(emulator.url, tokens.refresh_token);
		expect(await postForm(url, {...other, token: second.refresh_token})).toEqual({status: 400, body: {error: 'invalid_grant'}});
		expect(await refresh(emulator.url, second.refresh_token)).toMatchObject({status: 200});
		// The client that paired may; a seed token, which no client paired for, any client may.
		const third = await refreshed(emulator.url, (await pair(fixture)).refresh_token);
		expect(await revoke(emulator.url, third.refresh_token)).toEqual(success);
		expect(await refresh(emulator.url, third.refresh_token)).toEqual({status: 400, body: {error: 'invalid_grant'}});
		expect(await postForm(url, {...other, token: 'demo'})).toEqual(success);
		expect(await identityStatus(emulator.url, 'demo')).toBe(401);
	});

	it('never shows a token in the log or the state', async () => {
		const lines: string[] = [];
		const fixture = await startTestEmulator({log: line => lines.push(line)});
		const {emulator} = fixture;
		const first = await pair(fixture);
		const second = await refreshed(emulator.url, first.refresh_token);
		await refresh(emulator.url, first.refresh_token);
		await revoke(emulator.url, second.access_token);
		await revoke(emulator.url, second.refresh_token);
		await revoke(emulator.url, 'never-issued-secret');
		emulator.control.revokeRefreshTokens();

		expect(lines.some(line => line.includes('revoked a refresh token'))).toBe(true);
		const state = (await getJson(`${emulator.url}/_emulator/state`)).text;
		for (const secret of [first.access_token, first.refresh_token, second.access_token, second.refresh_token, 'never-issued-secret']) {
			expect(state).not.toContain(secret);
			for (const line of lines) {
				expect(line).not.toContain(secret);
			}
		}
	});
});
