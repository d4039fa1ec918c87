import process from 'node:process';
import type {ClientCredentials} from '../../../core/token/token-source.js';
import {clientCredentials} from '../../options/client-credentials.js';
import type {FlagDefinitions, RawFlags} from '../../flag-definitions.js';
import {parseApiUrl} from '../../options/api-url.js';
import {parseClientVersion} from '../../options/client-version.js';
import {apiFlags, clientFlags} from '../../shared-flags.js';
import {parseCredentialsPath} from './pair-flags.js';

export const logoutFlags = {
	...apiFlags,
	credentials: {type: 'string'},
	force: {type: 'boolean'},
	...clientFlags,
} as const satisfies FlagDefinitions;

export type RawLogoutFlags = RawFlags<typeof logoutFlags>;

export type LogoutCommand = {
	readonly credentialsPath: string;
	readonly force: boolean;
	readonly clientVersion: string;
	/** Given apart from the file; the file's own are used otherwise. */
	readonly client: ClientCredentials;
	/**
	`--api-url` or FRAMEIO_API_URL, when given: it must be the API the credentials were paired with (the
	revoke goes to that one). Undefined when neither is given.
	*/
	readonly api: {readonly url: URL; readonly named: '--api-url' | 'FRAMEIO_API_URL'} | undefined;
};

export function parseLogoutFlags(flags: RawLogoutFlags, env: NodeJS.ProcessEnv = process.env): LogoutCommand {
	return {
		credentialsPath: parseCredentialsPath(flags.credentials, env),
		force: flags.force ?? false,
		clientVersion: parseClientVersion(flags.clientVersion),
		client: clientCredentials(flags, env),
		api: parseLogoutApi(flags, env),
	};
}

function parseLogoutApi(flags: RawLogoutFlags, env: NodeJS.ProcessEnv): LogoutCommand['api'] {
	if (flags.apiUrl === undefined && env.FRAMEIO_API_URL === undefined) {
		return undefined;
	}

	return {url: parseApiUrl(flags.apiUrl, env, {insecure: flags.insecure ?? false}), named: flags.apiUrl === undefined ? 'FRAMEIO_API_URL' : '--api-url'};
}
