import {EmulatedDevice} from './emulated-device.js';
import {ControlError} from './http/http-types.js';
import type {DeviceSeed, EmulatorOptions} from './types.js';

/** The default device's id when none is given: fixed, so scripts and docs can rely on it. */
export const defaultDeviceId = '7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001';
export const defaultToken = 'demo';

/** The devices the options describe: `devices`, or one default device from `deviceId`/`token`. */
export function deviceSeeds(options: EmulatorOptions): readonly DeviceSeed[] {
	if (options.devices) {
		return options.devices;
	}

	return [{id: options.deviceId ?? defaultDeviceId, token: options.token ?? defaultToken}];
}

/**
`count` devices for trying a fleet: the first is the default device (its id, its token), the others
`<token>-2`, `<token>-3` … with ids that differ from the default's in their last digits; each is named
"Cam 1", "Cam 2" … so a fleet table tells them apart.
*/
export function numberedDeviceSeeds(count: number, token = defaultToken, firstId = defaultDeviceId): DeviceSeed[] {
	return Array.from({length: count}, (_, index) => ({
		id: index === 0 ? firstId : `${defaultDeviceId.slice(0, -4)}${String(index + 1).padStart(4, '0')}`,
		token: index === 0 ? token : `${token}-${index + 1}`,
		name: `Cam ${index + 1}`,
	}));
}

/** Every emulated device, by id; the first is the default that control calls act on. */
export class DeviceRegistry {
	readonly #devices = new Map<string, EmulatedDevice>();
	readonly #default: EmulatedDevice;

	constructor(seeds: readonly DeviceSeed[]) {
		const tokens = new Set<string>();
		for (const seed of seeds) {
			if (!seed.id || !seed.token) {
				throw new Error('every emulated device needs an id and a token');
			}

			if (this.#devices.has(seed.id) || tokens.has(seed.token)) {
				throw new Error(`emulated devices need distinct ids and tokens (device ${seed.id})`);
			}

			tokens.add(seed.token);
			this.#devices.set(seed.id, new EmulatedDevice(seed));
		}

		const first = this.#devices.values().next();
		if (first.done) {
			throw new Error('the emulator needs at least one device');
		}

		this.#default = first.value;
	}

	/** The named device, or the default one; an unknown id is a ControlError 404. */
	get(deviceId?: string): EmulatedDevice {
		if (deviceId === undefined) {
			return this.#default;
		}

		const device = this.#devices.get(deviceId);
		if (!device) {
			throw new ControlError(404, `unknown device ${deviceId}`);
		}

		return device;
	}

	byId(deviceId: string): EmulatedDevice | undefined {
		return this.#devices.get(deviceId);
	}

	list(): EmulatedDevice[] {
		return [...this.#devices.values()];
	}
}
