import process from 'node:process';
import type {Client} from '../../../core/token/auth-endpoints.js';
import {clientCredentials, defaultCredentialsPath} from '../../options/client-credentials.js';
import type {FlagDefinitions, RawFlags} from '../../flag-definitions.js';
import {parseApiUrl} from '../../options/api-url.js';
import {parseClientVersion} from '../../options/client-version.js';
import {apiFlags, clientFlags, screenFlags} from '../../shared-flags.js';
import {UsageError} from '../../usage-error.js';

export const pairFlags = {
	...apiFlags,
	credentials: {type: 'string'},
	...clientFlags,
	json: {type: 'boolean'},
	...screenFlags,
} as const satisfies FlagDefinitions;

export type RawPairFlags = RawFlags<typeof pairFlags>;

export type PairCommand = {
	readonly apiUrl: URL;
	readonly credentialsPath: string;
	readonly clientVersion: string;
	readonly client: Client;
	readonly json: boolean;
	readonly color: boolean;
	readonly ascii: boolean;
};

export function parsePairFlags(flags: RawPairFlags, env: NodeJS.ProcessEnv = process.env): PairCommand {
	const client = clientCredentials(flags, env);
	if (client.clientId === undefined || client.clientSecret === undefined) {
		throw new UsageError('pairing needs the device\'s client id and secret: set FRAMEIO_CLIENT_ID and FRAMEIO_CLIENT_SECRET, or give --client-id and --client-secret-file PATH.');
	}

	return {
		apiUrl: parseApiUrl(flags.apiUrl, env, {insecure: flags.insecure ?? false}),
		credentialsPath: parseCredentialsPath(flags.credentials, env),
		clientVersion: parseClientVersion(flags.clientVersion),
		client: {clientId: client.clientId, clientSecret: client.clientSecret},
		json: flags.json ?? false,
		color: (flags.color ?? true) && !env.NO_COLOR,
		ascii: flags.ascii ?? false,
	};
}

/** `--credentials FILE`, or the default file under $XDG_CONFIG_HOME. */
export function parseCredentialsPath(value: string | undefined, env: NodeJS.ProcessEnv): string {
	if (value === undefined) {
		return defaultCredentialsPath(env);
	}

	if (value.trim() === '') {
		throw new UsageError('--credentials must name a file.');
	}

	return value;
}
