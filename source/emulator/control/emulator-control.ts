import type {Clock} from '../../core/clock.js';
import {ControlError} from '../http/http-types.js';
import type {DeviceRegistry} from '../device-registry.js';
import type {HealthSwitch} from '../http/health-route.js';
import type {PairingDesk} from '../auth/pairing-desk.js';
import type {SocketServer} from '../socket/socket-server.js';
import type {TokenIssuer} from '../auth/token-issuer.js';
import type {EmulatorControl, EmulatorState} from '../types.js';
import {createFlood} from './flood.js';
import type {FaultState} from './faults.js';

export type ControlParts = {
	readonly registry: DeviceRegistry;
	readonly tokens: TokenIssuer;
	readonly pairing: PairingDesk;
	readonly faults: FaultState;
	readonly sockets: SocketServer;
	readonly health: HealthSwitch;
	readonly strictRateLimit: boolean;
	readonly clock: Clock;
	readonly log: (line: string) => void;
};

/**
The in-process control API. An unknown device id, a missing pairing code or a bad fault value
throws a ControlError (the HTTP control routes turn it into a 4xx).
*/
export function createControl(parts: ControlParts): EmulatorControl {
	const {registry, tokens, pairing, faults, sockets, health, clock, log} = parts;

	/** Returns how many sockets got the status_updated. */
	function setPaused(paused: boolean, deviceId: string | undefined): number {
		const device = registry.get(deviceId);
		// Only a change is announced, as Frame.io's dashboard toggle would.
		if (!device.setPaused(paused)) {
			return 0;
		}

		const sent = sockets.broadcastStatus(device, paused ? 'paused' : 'resumed');
		log(`device ${device.id} ${paused ? 'paused' : 'resumed'} (status_updated sent to ${sent} socket${sent === 1 ? '' : 's'})`);
		return sent;
	}

	const flood = createFlood({registry, sockets, log, setPaused});

	return {
		pause(deviceId) {
			setPaused(true, deviceId);
		},
		resume(deviceId) {
			setPaused(false, deviceId);
		},
		setHealth(ok) {
			if (health.ok !== ok) {
				log(`health ${ok ? 'on' : 'off (503)'}`);
			}

			health.ok = ok;
		},
		drop(options = {}) {
			const code = options.code ?? 1000;
			if (!Number.isInteger(code) || (code !== 1000 && (code < 4000 || code > 4999))) {
				throw new ControlError(400, 'code must be 1000 or from 4000 to 4999');
			}

			const deviceId = options.deviceId === undefined ? undefined : registry.get(options.deviceId).id;
			const count = sockets.drop(options.hard ?? false, deviceId, code);
			log(`dropped ${count} socket${count === 1 ? '' : 's'}${options.hard ? ' (hard)' : (code === 1000 ? '' : ` (close ${code})`)}`);
			return count;
		},
		expireToken(deviceId) {
			const device = registry.get(deviceId);
			const count = tokens.expireDevice(device.id);
			log(`expired ${count} access token${count === 1 ? '' : 's'} of device ${device.id}`);
		},
		issueToken(deviceId) {
			const device = registry.get(deviceId);
			const token = tokens.issueStatic(device.id);
			log(`issued a new access token for device ${device.id}`);
			return {token, device: device.id};
		},
		revokeRefreshTokens(deviceId) {
			const device = registry.get(deviceId);
			const count = tokens.revokeRefreshTokens(device.id);
			log(`revoked ${count} refresh token${count === 1 ? '' : 's'} of device ${device.id}`);
			return count;
		},
		approve(options = {}) {
			const device = registry.get(options.deviceId);
			const approved = pairing.approve(options.userCode, device.id);
			log(`pairing code ${approved.userCode} approved for device ${device.id}`);
			return approved;
		},
		setFaults(request) {
			const result = faults.apply(request);
			log(`faults ${JSON.stringify(result)}`);
			if (request.sendMalformed) {
				log(`sent malformed frames to ${sockets.sendMalformed()} socket(s)`);
			}

			if (request.sendUnknownEvent !== undefined) {
				log(`sent ${request.sendUnknownEvent} on ${sockets.sendUnknownEvent(request.sendUnknownEvent)} topic(s)`);
			}

			return result;
		},
		flood,
		onJoined(listener) {
			return sockets.onJoined(join => {
				listener(join.deviceId);
			});
		},
		state(): EmulatorState {
			const now = clock.now();
			return {
				now,
				health: {ok: health.ok, shape: health.shape, checks: health.checks},
				strictRateLimit: parts.strictRateLimit,
				faults: faults.current,
				devices: registry.list().map(device => device.state(now)),
				connections: sockets.states(),
				pendingCodes: pairing.state(),
				malformedReceived: sockets.malformedReceived,
				upgradesRejected: sockets.upgradesRejected,
				upgradesRejectedUnknownToken: sockets.upgradesRejectedUnknownToken,
			};
		},
	};
}
