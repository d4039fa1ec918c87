import {afterEach, describe, expect, it} from 'vitest';
import {noFaults} from '../../../source/emulator/control/faults.js';
import {cleanup, getJson, postForm, postJson, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {client, identityStatus, pair, pollToken, refresh, requestCode, revoke} from './auth-client.js';

afterEach(cleanup);

const unavailable = {
	status: 503,
	body: {
		code: 503,
		errors: [{code: 503, detail: 'The service is temporarily unavailable, please try again later', status: 503, title: 'Service Unavailable'}],
		message: 'Service Unavailable',
	},
};

describe('authUnavailableForSeconds', () => {
	it('answers 503 on every auth endpoint until the time passes, spending nothing', async () => {
		const fixture = await startTestEmulator();
		const {emulator, clock} = fixture;
		const tokens = await pair(fixture);
		const code = await requestCode(emulator.url);
		emulator.control.approve({userCode: code.user_code});

		expect(emulator.control.setFaults({authUnavailableForSeconds: 30})).toEqual({...noFaults, authUnavailableUntil: clock.now() + 30_000});
		expect(await postForm(`${emulator.url}/v2/auth/device/code`, {...client, scope: 'asset_create offline'})).toEqual(unavailable);
		expect(await pollToken(emulator.url, code.device_code)).toEqual(unavailable);
		expect(await refresh(emulator.url, tokens.refresh_token)).toEqual(unavailable);
		expect(await revoke(emulator.url, tokens.access_token)).toEqual(unavailable);
		// Even a request that would be refused gets the 503 first.
		expect(await postForm(`${emulator.url}/v2/auth/token`, {client_id: 'x'})).toEqual(unavailable);

		// Only the auth endpoints are down.
		expect((await getJson(`${emulator.url}/health`)).status).toBe(200);
		expect(await identityStatus(emulator.url, tokens.access_token)).toBe(200);

		await clock.advance(29_999);
		expect(await refresh(emulator.url, tokens.refresh_token)).toEqual(unavailable);
		await clock.advance(1);
		// Nothing was spent or counted meanwhile: the refresh token and the device code still work.
		expect(emulator.control.state().devices[0]).toMatchObject({tokensIssued: 1, refreshes: 0, refreshesRefused: {}, revocations: 0});
		expect((await refresh(emulator.url, tokens.refresh_token)).status).toBe(200);
		expect((await pollToken(emulator.url, code.device_code)).status).toBe(200);
		expect(await revoke(emulator.url, tokens.access_token)).toEqual({status: 200, body: {success: true}});
		expect(emulator.control.state().faults.authUnavailableUntil).toBe(clock.now());
	});

	it('is ended by 0 or reset, and set over HTTP', async () => {
		const fixture = await startTestEmulator();
		const {emulator, clock} = fixture;
		const tokens = await pair(fixture);
		const set = await postJson(`${emulator.url}/_emulator/faults`, {authUnavailableForSeconds: 600, refuseConnectionsForSeconds: 5});
		expect(set).toMatchObject({status: 200, body: {authUnavailableUntil: clock.now() + 600_000, refuseConnectionsUntil: clock.now() + 5000}});
		expect((await refresh(emulator.url, tokens.refresh_token)).status).toBe(503);

		// Another fault leaves the outage as it is.
		expect(emulator.control.setFaults({refuseConnectionsForSeconds: 0}).authUnavailableUntil).toBe(clock.now() + 600_000);
		expect(await postJson(`${emulator.url}/_emulator/faults`, {authUnavailableForSeconds: 0})).toMatchObject({body: {authUnavailableUntil: null}});
		const renewed = await refresh(emulator.url, tokens.refresh_token);
		expect(renewed.status).toBe(200);

		emulator.control.setFaults({authUnavailableForSeconds: 600});
		expect(emulator.control.setFaults({reset: true})).toEqual(noFaults);
		expect((await refresh(emulator.url, renewed.body.refresh_token as string)).status).toBe(200);

		for (const bad of [-1, 'long', null]) {
			expect((await postJson(`${emulator.url}/_emulator/faults`, {authUnavailableForSeconds: bad})).status, String(bad)).toBe(400);
		}

		expect(() => emulator.control.setFaults({authUnavailableForSeconds: Number.POSITIVE_INFINITY})).toThrow('authUnavailableForSeconds must be a number >= 0');
	});
});
