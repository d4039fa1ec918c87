import {type Credentials, writeCredentials} from '../../source/core/token/credentials-file.js';
import {defaultClientSecret} from '../../source/emulator/start-emulator.js';
import {type EmulatorFixture, postForm} from './emulator-fixture.js';

export const testClient = {clientId: 'cart-serial-0001', clientSecret: defaultClientSecret};

/**
Pairs a device with the emulator as `c2c-status pair` would (code, approval, token) and writes the
credentials file; the times are the emulator's clock.
*/
export async function pairedCredentials(fixture: EmulatorFixture, path: string, deviceId?: string): Promise<Credentials> {
	const {url, control} = fixture.emulator;
	const form = {client_id: testClient.clientId, client_secret: testClient.clientSecret};
	const code = await postForm(`${url}/v2/auth/device/code`, {...form, scope: 'asset_create offline'});
	control.approve({userCode: String(code.body.user_code), ...(deviceId === undefined ? {} : {deviceId})});
	const token = await postForm(`${url}/v2/auth/token`, {...form, grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: String(code.body.device_code)});
	if (token.status !== 200) {
		throw new Error(`pairing failed: ${JSON.stringify(token.body)}`);
	}

	const now = fixture.clock.now();
	const credentials: Credentials = {
		apiUrl: url, ...testClient, accessToken: String(token.body.access_token), refreshToken: String(token.body.refresh_token),
		issuedAt: now, expiresAt: now + (Number(token.body.expires_in) * 1000), pairedAt: now,
	};
	await writeCredentials(path, credentials);
	return credentials;
}
