import {afterEach, describe, expect, it} from 'vitest';
import type {EmulatorState} from '../../../source/emulator/types.js';
import {cleanup, getJson, postForm, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {client, pair, refresh, refreshed, revoke} from './auth-client.js';

afterEach(cleanup);

const devices = [{id: 'cam-a', token: 'token-a'}, {id: 'cam-b', token: 'token-b'}];
const untouched = {tokensIssued: 0, refreshes: 0, refreshesRefused: {}, revocations: 0};

describe('token counters in /_emulator/state', () => {
	it('count pairings, refreshes, refusals by error code and revocations, per device', async () => {
		const fixture = await startTestEmulator({devices});
		const {emulator} = fixture;
		expect(emulator.control.state().devices.map(device => device.tokensIssued)).toEqual([0, 0]);
		expect(emulator.control.state().devices[0]).toMatchObject(untouched);

		const first = await pair(fixture, 'cam-a');
		const second = await refreshed(emulator.url, first.refresh_token);
		await refreshed(emulator.url, second.refresh_token);
		// Refused: reused (twice), a wrong client secret, a missing client_id.
		await refresh(emulator.url, first.refresh_token);
		await refresh(emulator.url, second.refresh_token);
		const token = `${emulator.url}/v2/auth/token`;
		expect(await postForm(token, {...client, client_secret: 'wrong', grant_type: 'refresh_token', refresh_token: second.refresh_token})).toMatchObject({status: 400});
		expect(await postForm(token, {client_secret: client.client_secret, grant_type: 'refresh_token', refresh_token: second.refresh_token})).toMatchObject({status: 400});
		await revoke(emulator.url, first.access_token);
		await revoke(emulator.url, second.refresh_token);
		await pair(fixture, 'cam-b');

		// Counted nowhere: a refresh token nobody issued, none at all, a revoke of an unknown token.
		await refresh(emulator.url, 'never-issued');
		await postForm(token, {...client, grant_type: 'refresh_token'});
		await revoke(emulator.url, 'never-issued');

		const state = (await getJson(`${emulator.url}/_emulator/state`)).body as EmulatorState;
		expect(state.devices[0]).toMatchObject({tokensIssued: 3, refreshes: 2, revocations: 2});
		expect(state.devices[0]!.refreshesRefused).toEqual({invalid_request: 3, invalid_client: 1});
		expect(state.devices[1]).toMatchObject({...untouched, tokensIssued: 1});
	});

	it('prove a refresh token is spent once, even by two refreshes at the same moment', async () => {
		const fixture = await startTestEmulator();
		const {emulator} = fixture;
		const tokens = await pair(fixture);
		const answers = await Promise.all([refresh(emulator.url, tokens.refresh_token), refresh(emulator.url, tokens.refresh_token)]);
		expect(answers.map(answer => answer.status).toSorted((a, b) => a - b)).toEqual([200, 400]);
		expect(answers.find(answer => answer.status === 400)!.body).toEqual({error: 'invalid_request'});
		expect(emulator.control.state().devices[0]).toMatchObject({tokensIssued: 2, refreshes: 1, refreshesRefused: {invalid_request: 1}});
	});

	it('count an expired refresh token as invalid_grant', async () => {
		const fixture = await startTestEmulator();
		const {emulator, clock} = fixture;
		const tokens = await pair(fixture);
		await clock.advance(14 * 24 * 60 * 60 * 1000);
		expect(await refresh(emulator.url, tokens.refresh_token)).toEqual({status: 400, body: {error: 'invalid_grant'}});
		expect(emulator.control.state().devices[0]!.refreshesRefused).toEqual({invalid_grant: 1});
	});
});
