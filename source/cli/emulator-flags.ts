import {serverIdleTimeoutMs} from '../core/frameio-rules.js';
import type {FlagDefinitions} from './flag-definitions.js';
import {parseChoice, parseInteger, parseNonEmpty, parseSeconds} from './parse-values.js';
import type {EmulatorCommandOptions} from './run-emulator.js';

export const emulatorFlags = {
	port: {type: 'string'},
	host: {type: 'string'},
	token: {type: 'string'},
	deviceId: {type: 'string'},
	idleTimeout: {type: 'string'},
	healthShape: {type: 'string'},
	strictRateLimit: {type: 'boolean'},
	demo: {type: 'boolean'},
	quiet: {type: 'boolean'},
} as const satisfies FlagDefinitions;

export type RawEmulatorFlags = {
	port?: string;
	host?: string;
	token?: string;
	deviceId?: string;
	idleTimeout?: string;
	healthShape?: string;
	strictRateLimit?: boolean;
	demo?: boolean;
	quiet?: boolean;
};

export function parseEmulatorFlags(flags: RawEmulatorFlags): EmulatorCommandOptions {
	return {
		port: flags.port === undefined ? 4010 : parseInteger('port', flags.port, 0, 65_535),
		host: flags.host === undefined ? '127.0.0.1' : parseNonEmpty('host', flags.host),
		token: flags.token === undefined ? undefined : parseNonEmpty('token', flags.token),
		deviceId: flags.deviceId === undefined ? undefined : parseNonEmpty('device-id', flags.deviceId),
		idleTimeoutSeconds: flags.idleTimeout === undefined ? serverIdleTimeoutMs / 1000 : parseSeconds('idle-timeout', flags.idleTimeout, 1),
		healthShape: flags.healthShape === undefined ? 'ok' : parseChoice('health-shape', flags.healthShape, ['ok', 'status'] as const),
		strictRateLimit: flags.strictRateLimit ?? false,
		demo: flags.demo ?? false,
		quiet: flags.quiet ?? false,
	};
}
