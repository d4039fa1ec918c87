import {chmod, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {numberedDeviceSeeds} from '../../source/emulator/device-registry.js';
import type {DeviceSeed} from '../../source/emulator/types.js';
import {temporaryDirectory} from './monitor-fixture.js';

export type FleetFiles = {
	readonly directory: string;
	/** The --config file. */
	readonly config: string;
	/** The emulator's devices, in the config's order. */
	readonly seeds: readonly DeviceSeed[];
	/** The devices' names in the config. */
	readonly names: readonly string[];
};

/**
A fleet config for `count` emulator devices named A-cam, B-cam …: a token file each (mode 0600, a
path relative to the config's folder), but the last, whose token comes from `tokenEnv` C2C_TEST_TOKEN.
*/
export async function fleetFiles(count: number, token: string): Promise<FleetFiles> {
	const directory = await temporaryDirectory();
	const seeds = numberedDeviceSeeds(count, token);
	const names = seeds.map((_, index) => `${String.fromCodePoint(65 + index)}-cam`);
	const devices = await Promise.all(seeds.map(async (seed, index) => {
		if (index === count - 1) {
			return {name: names[index], tokenEnv: 'C2C_TEST_TOKEN'};
		}

		const file = join(directory, `${names[index]}.token`);
		await writeFile(file, `${seed.token}\n`);
		await chmod(file, 0o600);
		return {name: names[index], tokenFile: `${names[index]}.token`};
	}));
	const config = join(directory, 'fleet.json');
	await writeFile(config, JSON.stringify({devices}, undefined, 2));
	return {directory, config, seeds, names};
}
