import {stat} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {readCredentials} from '../../../source/core/token/credentials-file.js';
import {CredentialsFile} from '../../../source/core/token/credentials-store.js';
import {DevicePairing} from '../../../source/core/token/device-pairing.js';
import type {PairingSnapshot} from '../../../source/core/token/pairing-types.js';
import {startTestEmulator} from '../../helpers/emulator-fixture.js';
import {closeHttpServers, startHttpServer} from '../../helpers/http-server.js';
import {ManualClock} from '../../../support/manual-clock.js';
import {cleanup, temporaryDirectory} from '../../helpers/monitor-fixture.js';
import {testClient} from '../../helpers/paired-credentials.js';
import {waitForSnapshot} from '../../../support/wait-for.js';

const pairings: DevicePairing[] = [];

afterEach(async () => {
	for (const pairing of pairings.splice(0)) {
		pairing.stop();
	}

	await closeHttpServers();
	await cleanup();
});

async function pairing(clock: ManualClock, url: string, client = testClient) {
	const path = join(await temporaryDirectory(), 'credentials.json');
	const instance = new DevicePairing({clock, apiUrl: new URL(url), clientVersion: '2.0.0', client, store: new CredentialsFile(path)});
	pairings.push(instance);
	return {instance, path};
}

const phase = async (instance: DevicePairing, wanted: PairingSnapshot['phase']) => waitForSnapshot(instance, snapshot => snapshot.phase === wanted, wanted);
type Waiting = Extract<PairingSnapshot, {phase: 'waiting'}>;
const waiting = async (instance: DevicePairing, polls: number) => waitForSnapshot(
	instance,
	snapshot => snapshot.phase === 'waiting' && snapshot.polls === polls && snapshot.nextPollAt !== null,
	`${polls} polls`,
) as Promise<Waiting>;

describe('DevicePairing (the device-code flow)', () => {
	it('shows the code, polls every interval while approval is pending, then saves the credentials (0600) and says who approved', async () => {
		const {emulator, clock} = await startTestEmulator();
		const {instance, path} = await pairing(clock, emulator.url);
		instance.start();
		const code = await waiting(instance, 0);
		expect(code.userCode).toMatch(/^\d{6}$/);
		expect(code).toMatchObject({intervalMs: 5000, nextPollAt: clock.now() + 5000, verificationUri: `${emulator.url}/_emulator/approve`});
		expect(code.verificationUriComplete).toBe(`${emulator.url}/_emulator/approve?userCode=${code.userCode}`);
		for (let poll = 1; poll <= 3; poll++) {
			await clock.advance(5000);
			await waiting(instance, poll);
		}

		emulator.control.approve({userCode: code.userCode});
		const done = instance.settled();
		await clock.advance(5000);
		expect(await done).toMatchObject({phase: 'paired', identity: {projectName: 'Demo project', creatorName: 'Demo Producer'}, credentialsPath: path});
		const saved = await readCredentials(path);
		expect(saved).toMatchObject({apiUrl: emulator.url, clientId: testClient.clientId, clientSecret: testClient.clientSecret, pairedAt: clock.now()});
		expect(((await stat(path)).mode % 0o1000).toString(8)).toBe('600');
		expect(emulator.control.state().devices[0]!.tokensIssued).toBe(1);
	});

	it('waits 5 s longer after each slow_down', async () => {
		const answers = ['authorization_pending', 'slow_down', 'authorization_pending', 'slow_down', 'expired_token'];
		const clock = new ManualClock();
		const polledAt: number[] = [];
		const {url} = await startHttpServer((request, response) => {
			response.setHeader('content-type', 'application/json');
			if (request.url === '/v2/auth/device/code') {
				response.end(JSON.stringify({device_code: 'dc', user_code: '123456', verification_uri: 'https://frame.io/activate', expires_in: 600, interval: 5}));
				return;
			}

			polledAt.push(clock.now());
			response.statusCode = 400;
			response.end(JSON.stringify({error: answers.shift()}));
		});
		const {instance} = await pairing(clock, url);
		instance.start();
		const start = (await waiting(instance, 0)).nextPollAt! - 5000;
		const done = instance.settled();
		for (const polls of [0, 1, 2, 3, 4]) {
			const {nextPollAt} = await waiting(instance, polls);
			await clock.advance(nextPollAt! - clock.now());
		}

		expect(await done).toEqual({phase: 'expired', userCode: '123456'});
		expect(polledAt.map(at => (at - start) / 1000)).toEqual([5, 10, 20, 30, 45]);
	});

	it('says the code expired when no one approves it in time, and can ask for a new one', async () => {
		const {emulator, clock} = await startTestEmulator();
		const {instance} = await pairing(clock, emulator.url);
		instance.start();
		const {userCode} = await waiting(instance, 0);
		const done = instance.settled();
		await clock.advance(120_000);
		expect(await done).toEqual({phase: 'expired', userCode});
		instance.start();
		const again = await waiting(instance, 0);
		expect(again.userCode).not.toBe(userCode);
	});

	it('keeps polling through a network failure until it is approved', async () => {
		const {emulator, clock} = await startTestEmulator();
		const {instance} = await pairing(clock, emulator.url);
		instance.start();
		const {userCode} = await waiting(instance, 0);
		emulator.control.setFaults({authUnavailableForSeconds: 12});
		await clock.advance(5000);
		expect((await waiting(instance, 1)).lastError).toMatch(/HTTP 503/);
		await clock.advance(5000);
		await waiting(instance, 2);
		emulator.control.approve({userCode});
		const done = instance.settled();
		await clock.advance(5000);
		expect((await done).phase).toBe('paired');
	});

	it('names a refused client in plain words, and never shows the secret', async () => {
		const {emulator, clock} = await startTestEmulator();
		const {instance} = await pairing(clock, emulator.url, {clientId: 'cart', clientSecret: 'not-the-secret-5511'});
		instance.start();
		const failed = await phase(instance, 'failed');
		expect(failed).toEqual({phase: 'failed', code: 'invalid_client', message: 'the client id or client secret was refused (invalid_client)'});
	});
});
