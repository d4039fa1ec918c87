import {randomBytes} from 'node:crypto';
import {systemClock} from '../../../core/clock.js';
import {createApiClient} from '../../../core/http/api-client.js';
import type {MonitorConfig} from '../../../core/monitor-config.js';
import type {MonitorOptions} from '../../../core/monitor.js';
import {pollDeviceToken, requestDeviceCode} from '../../../core/token/auth-endpoints.js';
import {MemoryCredentials} from '../../../core/token/credentials-store.js';
import {OwnedCredentials} from '../../../core/token/owned-credentials.js';
import {describeError} from '../../../core/utils/describe-error.js';
import {startDemoScenario} from '../../../emulator/demo/demo-scenario.js';
import {defaultClientSecret, startEmulator} from '../../../emulator/start-emulator.js';

/** The demo's access tokens live this long, so the Identity panel counts down and refreshes come every half minute. */
export const demoTokenTtlSeconds = 45;

export type Demo = {
	readonly config: MonitorConfig;
	/** What the monitor needs besides the config: the demo's own token source. */
	readonly monitorOptions: MonitorOptions;
	/** The emulator's base URL. */
	readonly url: string;
	/** When the demo timeline started, for "what happens next" hints. */
	readonly startedAt: number;
	close(): Promise<void>;
};

/**
The demo: the embedded emulator on a free loopback port, playing the demo timeline, and a device the
demo pairs with it as `c2c-status pair` would (approving its own code). The monitor owns those
credentials, in memory only: it refreshes them every half minute and rides out the demo's expired
token and auth outage. Nothing is read from or written to the person's own credentials or state.
*/
export async function startDemo(options: {readonly healthIntervalMs: number; readonly clientVersion: string}): Promise<Demo> {
	const emulator = await startEmulator({port: 0, host: '127.0.0.1', token: `demo-${randomBytes(12).toString('hex')}`, tokenTtlSeconds: demoTokenTtlSeconds});
	try {
		const apiUrl = new URL(emulator.url);
		const {open} = createApiClient({apiUrl, clientVersion: options.clientVersion});
		const store = new MemoryCredentials(await pairDemoDevice(emulator, open));
		const tokenSource = new OwnedCredentials({store, clock: systemClock, client: open});
		const scenario = startDemoScenario(emulator.control, {tokenSteps: true});
		return {
			config: {apiUrl, token: {kind: 'credentials', path: store.label}, clientVersion: options.clientVersion, healthIntervalMs: options.healthIntervalMs},
			monitorOptions: {tokenSource},
			url: emulator.url,
			startedAt: Date.now(),
			async close() {
				scenario.stop();
				await emulator.close();
			},
		};
	} catch (error) {
		await emulator.close();
		throw error;
	}
}

async function pairDemoDevice(emulator: Awaited<ReturnType<typeof startEmulator>>, client: ReturnType<typeof createApiClient>['open']) {
	const device = {clientId: 'c2c-status-demo', clientSecret: defaultClientSecret};
	const code = await requestDeviceCode({clock: systemClock, client}, device);
	if (!code.ok) {
		throw new Error(`the demo could not pair with its emulator: ${describeError(code.error)}`);
	}

	emulator.control.approve({userCode: code.value.userCode});
	const pair = await pollDeviceToken({clock: systemClock, client}, device, code.value.deviceCode);
	if (!pair.ok) {
		throw new Error(`the demo could not pair with its emulator: ${describeError(pair.error)}`);
	}

	const {accessToken, refreshToken, issuedAt, expiresAt} = pair.value;
	return {apiUrl: emulator.url, ...device, accessToken, refreshToken, issuedAt, expiresAt, pairedAt: issuedAt};
}
