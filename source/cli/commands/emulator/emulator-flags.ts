import type {FlagDefinitions, RawFlags} from '../../flag-definitions.js';
import {parseChoice, parseInteger, parseNonEmpty, parseSeconds} from '../../parse-values.js';
import {accessTokenLifetimeSeconds, serverIdleTimeoutSeconds} from '../../../emulator/frameio-server-rules.js';
import type {EmulatorCommandOptions} from './run-emulator.js';

export const emulatorFlags = {
	port: {type: 'string'},
	host: {type: 'string'},
	token: {type: 'string'},
	deviceId: {type: 'string'},
	devices: {type: 'string'},
	idleTimeout: {type: 'string'},
	tokenTtl: {type: 'string'},
	healthShape: {type: 'string'},
	strictRateLimit: {type: 'boolean'},
	demo: {type: 'boolean'},
	quiet: {type: 'boolean'},
} as const satisfies FlagDefinitions;

export type RawEmulatorFlags = RawFlags<typeof emulatorFlags>;

/** What the flags give: the command's options and the access-token lifetime (`--token-ttl`, seconds). */
export type EmulatorFlagOptions = EmulatorCommandOptions & {readonly tokenTtlSeconds: number};

export function parseEmulatorFlags(flags: RawEmulatorFlags): EmulatorFlagOptions {
	return {
		port: flags.port === undefined ? 4010 : parseInteger('port', flags.port, 0, 65_535),
		host: flags.host === undefined ? '127.0.0.1' : parseNonEmpty('host', flags.host),
		token: flags.token === undefined ? undefined : parseNonEmpty('token', flags.token),
		deviceId: flags.deviceId === undefined ? undefined : parseNonEmpty('device-id', flags.deviceId),
		devices: flags.devices === undefined ? 1 : parseInteger('devices', flags.devices, 1, 200),
		idleTimeoutSeconds: flags.idleTimeout === undefined ? serverIdleTimeoutSeconds : parseSeconds('idle-timeout', flags.idleTimeout, 1),
		tokenTtlSeconds: flags.tokenTtl === undefined ? accessTokenLifetimeSeconds : parseSeconds('token-ttl', flags.tokenTtl, 1, accessTokenLifetimeSeconds),
		healthShape: flags.healthShape === undefined ? 'ok' : parseChoice('health-shape', flags.healthShape, ['ok', 'status'] as const),
		strictRateLimit: flags.strictRateLimit ?? false,
		demo: flags.demo ?? false,
		quiet: flags.quiet ?? false,
	};
}
