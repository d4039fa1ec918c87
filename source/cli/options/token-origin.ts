import {existsSync} from 'node:fs';
import {resolve} from 'node:path';
import {IdentityStateFile} from '../../core/state/identity-state-file.js';
import {tokenHash} from '../../core/token/token-hash.js';
import {isTokenShaped} from '../../core/token/token-file.js';
import type {ClientCredentials, TokenOrigin} from '../../core/token/token-source.js';
import {isRecord} from '../../core/utils/is-record.js';
import {readRegularFileSync} from '../../core/utils/read-regular-file.js';
import {stateDirectory} from '../../core/xdg-paths.js';
import {UsageError} from '../usage-error.js';
import {defaultCredentialsPath} from './client-credentials.js';

export type TokenFlags = {
	readonly tokenFile?: string | undefined;
	readonly credentials?: string | undefined;
};

/**
Where the access token comes from, most explicit first: `--token-file` or `--credentials` (not both),
then FRAMEIO_TOKEN, then the default credentials file when `c2c-status pair` left one; else nowhere.
*/
export function parseTokenOrigin(flags: TokenFlags, env: NodeJS.ProcessEnv, client: ClientCredentials): TokenOrigin | undefined {
	if (flags.tokenFile !== undefined && flags.credentials !== undefined) {
		throw new UsageError('--token-file and --credentials name two different tokens: give one.');
	}

	if (flags.tokenFile !== undefined) {
		return {kind: 'file', path: nonEmpty('--token-file', flags.tokenFile)};
	}

	if (flags.credentials !== undefined) {
		return {kind: 'credentials', path: nonEmpty('--credentials', flags.credentials), client};
	}

	const envToken = env.FRAMEIO_TOKEN?.trim().replace(/^bearer\s+/i, '');
	if (envToken && !isTokenShaped(envToken)) {
		throw new UsageError('FRAMEIO_TOKEN holds characters a token cannot have (spaces, control characters or non-ASCII).');
	}

	if (envToken) {
		return {kind: 'env', variable: 'FRAMEIO_TOKEN', token: envToken};
	}

	const path = defaultCredentialsPath(env);
	return existsSync(path) ? {kind: 'credentials', path, client} : undefined;
}

/**
The API the credentials file was paired with, to use when none is named. Undefined when the file
cannot be read: loading it later says why, in one line. Read before anything starts, so synchronously,
but it cannot block: the open does not wait (O_NONBLOCK), and only a regular file is read (not a FIFO).
*/
export function credentialsApiUrl(path: string): string | undefined {
	try {
		const value: unknown = JSON.parse(readRegularFileSync(path));
		return isRecord(value) && typeof value.apiUrl === 'string' ? value.apiUrl : undefined;
	} catch {
		return undefined;
	}
}

/** The device's state file: named after the API and where the token comes from, never after the token itself. */
export function statePathFor(env: NodeJS.ProcessEnv, apiUrl: URL, token: TokenOrigin): string | undefined {
	const origin = stateKey(token);
	return origin === undefined ? undefined : IdentityStateFile.forDevice(stateDirectory(env), apiUrl.href, origin).path;
}

function stateKey(token: TokenOrigin): string | undefined {
	switch (token.kind) {
		case 'file':
		case 'credentials': {
			return `${token.kind}:${resolve(token.path)}`;
		}

		case 'env': {
			return `env:${tokenHash(token.token)}`;
		}

		case 'fixed': {
			return undefined;
		}
	}
}

function nonEmpty(flag: string, path: string): string {
	if (path.trim() === '') {
		throw new UsageError(`${flag} must name a file.`);
	}

	return path;
}
