import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startEmulator} from '../../../../source/emulator/start-emulator.js';
import type {RunningEmulator} from '../../../../source/emulator/types.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {json, killAll, spawnCli} from '../../../helpers/spawn-cli.js';

const secret = 'shared-secret-token-6b21';
let emulator: RunningEmulator | undefined;

afterEach(async () => {
	await killAll();
	await emulator?.close();
	emulator = undefined;
	await cleanup();
});

/** The issue's own test: five real minutes, so that every minute's turn between the three is taken for real. */
const minutes = 5;

describe('three c2c-status processes on one token (real processes, real time)', () => {
	it(`share one identity request a minute for ${minutes} minutes against a server that answers 429 to any closer than 60 s`, async () => {
		emulator = await startEmulator({port: 0, token: secret, strictRateLimit: true});
		const env = {FRAMEIO_TOKEN: secret, XDG_STATE_HOME: join(await temporaryDirectory(), 'state')};
		const start = Date.now();
		// Started in the same moment, as three monitors started by one script would be.
		const runs = [0, 1, 2].map(() => spawnCli(['--json', '--api-url', emulator!.url], env));
		const last = start + (minutes * 60_000);
		await Promise.any(runs.map(async run => run.waitForLine(text => {
			const line = json(text);
			return line?.type === 'identity' && line.ok === true && Date.parse(String(line.fetchedAt)) >= last;
		}, `an identity fetched ${minutes} minutes in`, (minutes + 1.5) * 60_000)));
		const device = emulator.control.state().devices[0]!;
		expect(device.identityTooSoon).toBe(0);
		expect(device.identityRequests.every(request => request.status === 200)).toBe(true);
		// One a minute between them (the first at once, then each minute), not one a minute each.
		expect(device.identityRequests.length).toBeGreaterThanOrEqual(minutes);
		expect(device.identityRequests.length).toBeLessThanOrEqual(minutes + 2);
		for (const run of runs) {
			const identities = run.stdout().trimEnd().split('\n').map(text => json(text)).filter(line => line?.type === 'identity');
			expect(identities.filter(line => line!.ok === false)).toEqual([]);
			expect(identities.length).toBeGreaterThanOrEqual(minutes);
		}
	}, (minutes + 2) * 60_000);
});
