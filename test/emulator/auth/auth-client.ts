import {expect} from 'vitest';
import {type EmulatorFixture, getJson, postForm, type FormEncoding} from '../../helpers/emulator-fixture.js';

/** What a device sends to the auth endpoints, over real HTTP. */
export const client = {client_id: 'serial-0001', client_secret: 'emulator-secret'};
export const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code';

export type Tokens = {access_token: string; refresh_token: string; expires_in: number; token_type: string};

export async function requestCode(url: string, encoding: FormEncoding = 'multipart') {
	const response = await postForm(`${url}/v2/auth/device/code`, {...client, scope: 'asset_create offline'}, encoding);
	expect(response.status).toBe(200);
	return response.body as {device_code: string; user_code: string};
}

export async function pollToken(url: string, deviceCode: string, encoding: FormEncoding = 'multipart') {
	return postForm(`${url}/v2/auth/token`, {...client, grant_type: deviceGrant, device_code: deviceCode}, encoding);
}

export async function refresh(url: string, refreshToken: string, encoding: FormEncoding = 'multipart') {
	return postForm(`${url}/v2/auth/token`, {...client, grant_type: 'refresh_token', refresh_token: refreshToken}, encoding);
}

/** A refresh that must succeed. */
export async function refreshed(url: string, refreshToken: string): Promise<Tokens> {
	const response = await refresh(url, refreshToken);
	expect(response.status).toBe(200);
	return response.body as Tokens;
}

export async function revoke(url: string, token: string, encoding: FormEncoding = 'multipart') {
	return postForm(`${url}/v2/auth/revoke`, {...client, token}, encoding);
}

/** Requests a code, approves it (for the named device, or the default one) and redeems it. */
export async function pair(fixture: EmulatorFixture, deviceId?: string): Promise<Tokens> {
	const {url, control} = fixture.emulator;
	const code = await requestCode(url);
	control.approve({userCode: code.user_code, ...(deviceId === undefined ? {} : {deviceId})});
	const response = await pollToken(url, code.device_code);
	expect(response.status).toBe(200);
	return response.body as Tokens;
}

export async function identityStatus(url: string, token: string): Promise<number> {
	return (await getJson(`${url}/v2/devices/me`, {headers: {authorization: `Bearer ${token}`}})).status;
}
