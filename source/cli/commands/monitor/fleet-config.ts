import {dirname, resolve} from 'node:path';
import type {FleetDeviceConfig} from '../../../core/fleet/fleet.js';
import {isTokenShaped} from '../../../core/token/token-file.js';
import type {ClientCredentials, TokenOrigin} from '../../../core/token/token-source.js';
import {isRecord} from '../../../core/utils/is-record.js';
import {FileTooLargeError, NotRegularFileError, readRegularFileSync} from '../../../core/utils/read-regular-file.js';
import {printable} from '../../../text/sanitize.js';
import {parseApiUrl, sameApi} from '../../options/api-url.js';
import {credentialsApiUrl, statePathFor} from '../../options/token-origin.js';
import {UsageError} from '../../usage-error.js';
import {parseClientVersion} from '../../options/client-version.js';
import {deviceNameProblem} from './fleet-name.js';
import {jsonProblem} from './json-problem.js';

/** What every device of the file shares unless it says otherwise: from the command line and the environment. */
export type FleetDefaults = {
	readonly apiUrl: string | undefined;
	readonly clientVersion: string | undefined;
	readonly healthIntervalMs: number;
	readonly insecure: boolean;
	readonly client: ClientCredentials;
};

const deviceKeys = new Set(['name', 'apiUrl', 'clientVersion', 'tokenFile', 'credentials', 'tokenEnv']);
const tokenKeys = ['tokenFile', 'credentials', 'tokenEnv'] as const;

/** A fleet file names devices: even a thousand of them is far below this. */
const configMaxBytes = 4 * 1024 * 1024;

/**
`--config FILE`: several devices in one JSON file,
`{"devices": [{"name": "A-cam", "apiUrl": "…", "tokenFile": "…"}, {"name": "B-cam", "credentials": "…"}]}`.
Each device names one token source (`tokenFile`, `credentials`, or `tokenEnv`: an environment variable's
name), and may name its `apiUrl` and `clientVersion`. Paths are taken from the file's folder. Anything
wrong is refused in one line naming the file and the problem.
*/
export function readFleetConfig(path: string, defaults: FleetDefaults, env: NodeJS.ProcessEnv): FleetDeviceConfig[] {
	// A declaration typed never, so that TypeScript knows nothing runs after a call to it (and narrows).
	function fail(problem: string): never {
		throw new UsageError(`--config ${printable(path)}: ${problem}`);
	}

	let text: string;
	try {
		text = readRegularFileSync(path, configMaxBytes);
	} catch (error) {
		if (error instanceof NotRegularFileError) {
			fail(`it is ${error.kind}, not a regular file`);
		}

		if (error instanceof FileTooLargeError) {
			fail(`it is larger than ${configMaxBytes / 1024 / 1024} MiB; a fleet file is a few kilobytes`);
		}

		const {code} = error as NodeJS.ErrnoException;
		fail(code === 'ENOENT' ? 'no such file' : (code === 'EACCES' ? 'permission denied' : `cannot read it (${code ?? 'unknown error'})`));
	}

	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch (error) {
		fail(jsonProblem(error, text));
	}

	const shape = 'it must be an object with a "devices" array';
	if (!isRecord(document)) {
		fail(shape);
	}

	const {devices} = document;
	if (!Array.isArray(devices)) {
		fail(shape);
	}

	const unknown = Object.keys(document).filter(key => key !== 'devices');
	if (unknown.length > 0) {
		fail(`unknown key "${printable(unknown[0]!)}" (only "devices" is known)`);
	}

	if (devices.length === 0) {
		fail('"devices" is empty');
	}

	const names = new Set<string>();
	return devices.map((device: unknown, index) => {
		const where = `devices[${index}]`;
		if (!isRecord(device)) {
			fail(`${where} must be an object`);
		}

		if (device.name !== undefined && typeof device.name !== 'string') {
			fail(`${where}: "name" must be a string (in quotes), not ${device.name === null ? 'null' : (Array.isArray(device.name) ? 'an array' : `a ${typeof device.name}`)}`);
		}

		const name = device.name?.trim() ?? '';
		if (name === '') {
			fail(`${where} needs a "name"`);
		}

		const problem = deviceNameProblem(name);
		if (problem !== undefined) {
			// The index alone: the name is what cannot be shown.
			fail(`${where}: ${problem}`);
		}

		const label = `${where} ("${printable(name, 40)}")`;
		if (names.has(name)) {
			fail(`${label}: the name "${printable(name, 40)}" is used twice`);
		}

		names.add(name);
		const stray = Object.keys(device).find(key => !deviceKeys.has(key));
		if (stray !== undefined) {
			fail(`${label}: unknown key "${printable(stray)}" (known: ${[...deviceKeys].join(', ')})`);
		}

		try {
			return {name, config: deviceConfig(device, dirname(resolve(path)), defaults, env)};
		} catch (error) {
			if (error instanceof UsageError) {
				fail(`${label}: ${error.message}`);
			}

			throw error;
		}
	});
}

function deviceConfig(device: Record<string, unknown>, folder: string, defaults: FleetDefaults, env: NodeJS.ProcessEnv): FleetDeviceConfig['config'] {
	const given = tokenKeys.filter(key => device[key] !== undefined);
	if (given.length !== 1) {
		throw new UsageError(given.length === 0 ? 'it needs a token source: "tokenFile", "credentials" or "tokenEnv"' : `give one token source, not ${given.join(' and ')}`);
	}

	for (const key of ['apiUrl', 'clientVersion', ...tokenKeys]) {
		if (device[key] !== undefined && (typeof device[key] !== 'string' || device[key] === '')) {
			throw new UsageError(`"${key}" must be a non-empty string`);
		}
	}

	const token = tokenOrigin(device, folder, defaults.client, env);
	const paired = token.kind === 'credentials' ? credentialsApiUrl(token.path) : undefined;
	const own = device.apiUrl as string | undefined;
	const apiUrl = parseApiUrl(own ?? defaults.apiUrl, {}, {insecure: defaults.insecure, fallback: paired, flagName: own === undefined ? '--api-url' : '"apiUrl"'});
	if (paired !== undefined && URL.canParse(paired) && !sameApi(apiUrl, new URL(paired))) {
		throw new UsageError(`its credentials were paired with ${printable(paired)}, not ${apiUrl.href}`);
	}

	return {
		apiUrl,
		token,
		clientVersion: parseClientVersion((device.clientVersion as string | undefined) ?? defaults.clientVersion, '"clientVersion"'),
		healthIntervalMs: defaults.healthIntervalMs,
		statePath: statePathFor(env, apiUrl, token),
	};
}

function tokenOrigin(device: Record<string, unknown>, folder: string, client: ClientCredentials, env: NodeJS.ProcessEnv): TokenOrigin {
	if (typeof device.tokenFile === 'string') {
		return {kind: 'file', path: resolve(folder, device.tokenFile)};
	}

	if (typeof device.credentials === 'string') {
		return {kind: 'credentials', path: resolve(folder, device.credentials), client};
	}

	const variable = String(device.tokenEnv);
	const value = env[variable]?.trim().replace(/^bearer\s+/i, '');
	if (!value) {
		throw new UsageError(`the environment variable ${printable(variable)} named by "tokenEnv" is not set`);
	}

	if (!isTokenShaped(value)) {
		throw new UsageError(`${printable(variable)} holds characters a token cannot have (spaces, control characters or non-ASCII)`);
	}

	return {kind: 'env', variable, token: value};
}
