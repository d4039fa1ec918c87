import {accessSync, constants, statSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import type {FlagDefinitions, RawFlags} from '../../flag-definitions.js';
import {printable} from '../../../text/sanitize.js';
import {parseChoice, parseInteger, parseNonEmpty, parseSeconds} from '../../parse-values.js';
import {accessTokenLifetimeSeconds, serverIdleTimeoutSeconds} from '../../../emulator/frameio-server-rules.js';
import {exerciseTokenTtlSeconds} from '../../../emulator/exercise/audit-exercise.js';
import {UsageError} from '../../usage-error.js';
import {clientCredentials} from '../../options/client-credentials.js';
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
	audit: {type: 'boolean'},
	auditExercise: {type: 'boolean'},
	auditReport: {type: 'string'},
	clientSecretFile: {type: 'string'},
} as const satisfies FlagDefinitions;

export type RawEmulatorFlags = RawFlags<typeof emulatorFlags>;

/** What the flags give: the command's options and the access-token lifetime (`--token-ttl`, seconds). */
export type EmulatorFlagOptions = EmulatorCommandOptions & {readonly tokenTtlSeconds: number};

/**
The report is written at exit, after ten minutes of exercise: a folder that is missing or not
writable is said now, not then.
*/
function checkReportPath(path: string): string {
	const file = resolve(path);
	const folder = dirname(file);
	const problem = (why: string) => new UsageError(`--audit-report ${printable(path)}: ${why}.`);
	try {
		if (!statSync(folder).isDirectory()) {
			throw problem(`${printable(folder)} is not a folder`);
		}
	} catch (error) {
		throw error instanceof UsageError ? error : problem(`the folder ${printable(folder)} does not exist`);
	}

	try {
		accessSync(folder, constants.W_OK);
	} catch {
		throw problem(`the folder ${printable(folder)} is not writable`);
	}

	if (statSync(file, {throwIfNoEntry: false})?.isDirectory()) {
		throw problem('that is a folder; name a file');
	}

	return path;
}

type AuditFlagOptions = Pick<EmulatorCommandOptions, 'audit' | 'auditExercise' | 'auditReport'>;

/** `--audit-exercise` and `--audit-report` imply `--audit`. */
function parseAuditFlags(flags: RawEmulatorFlags): AuditFlagOptions {
	const auditExercise = flags.auditExercise ?? false;
	const auditReport = flags.auditReport === undefined ? undefined : checkReportPath(parseNonEmpty('audit-report', flags.auditReport));
	if (auditExercise && (flags.demo ?? false)) {
		throw new UsageError('--audit-exercise and --demo cannot be used together: both drive the emulator.');
	}

	return {
		audit: (flags.audit ?? false) || auditExercise || auditReport !== undefined,
		auditExercise,
		...(auditReport === undefined ? {} : {auditReport}),
	};
}

/** `--client-secret-file PATH`: the device model's secret that pairing, refresh and revoke require (first line). */
function clientSecret(flags: RawEmulatorFlags): {readonly clientSecret?: string} {
	if (flags.clientSecretFile === undefined) {
		return {};
	}

	const secret = clientCredentials({clientSecretFile: flags.clientSecretFile}, {}).clientSecret;
	return secret === undefined ? {} : {clientSecret: secret};
}

/**
The exercise makes access tokens short-lived (300 s) unless `--token-ttl` says otherwise, so that the
device under test must refresh.
*/
export function parseEmulatorFlags(flags: RawEmulatorFlags): EmulatorFlagOptions {
	const audit = parseAuditFlags(flags);
	const defaultTtl = audit.auditExercise ? exerciseTokenTtlSeconds : accessTokenLifetimeSeconds;
	return {
		port: flags.port === undefined ? 4010 : parseInteger('port', flags.port, 0, 65_535),
		host: flags.host === undefined ? '127.0.0.1' : parseNonEmpty('host', flags.host),
		token: flags.token === undefined ? undefined : parseNonEmpty('token', flags.token),
		deviceId: flags.deviceId === undefined ? undefined : parseNonEmpty('device-id', flags.deviceId),
		devices: flags.devices === undefined ? 1 : parseInteger('devices', flags.devices, 1, 200),
		idleTimeoutSeconds: flags.idleTimeout === undefined ? serverIdleTimeoutSeconds : parseSeconds('idle-timeout', flags.idleTimeout, 1),
		tokenTtlSeconds: flags.tokenTtl === undefined ? defaultTtl : parseSeconds('token-ttl', flags.tokenTtl, 1, accessTokenLifetimeSeconds),
		healthShape: flags.healthShape === undefined ? 'ok' : parseChoice('health-shape', flags.healthShape, ['ok', 'status'] as const),
		strictRateLimit: flags.strictRateLimit ?? false,
		demo: flags.demo ?? false,
		quiet: flags.quiet ?? false,
		...audit,
		...clientSecret(flags),
	};
}
