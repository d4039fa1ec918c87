import process from 'node:process';
import type {ClientCredentials} from '../../../core/token/token-source.js';
import {clientCredentials} from '../../options/client-credentials.js';
import type {FlagDefinitions, RawFlags} from '../../flag-definitions.js';
import {parseClientVersion} from '../../options/client-version.js';
import {clientFlags} from '../../shared-flags.js';
import {parseCredentialsPath} from './pair-flags.js';

export const logoutFlags = {
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
};

export function parseLogoutFlags(flags: RawLogoutFlags, env: NodeJS.ProcessEnv = process.env): LogoutCommand {
	return {
		credentialsPath: parseCredentialsPath(flags.credentials, env),
		force: flags.force ?? false,
		clientVersion: parseClientVersion(flags.clientVersion),
		client: clientCredentials(flags, env),
	};
}
