import type {KyInstance} from 'ky';
import type {Clock} from '../clock.js';
import {CredentialsFile} from './credentials-store.js';
import {OwnedCredentials} from './owned-credentials.js';
import type {TokenOrigin, TokenSource} from './token-source.js';
import {WatchedToken} from './watched-token.js';

/** The token source for where the token comes from: watched (env, a token file) or owned (a credentials file). */
export function createTokenSource(origin: TokenOrigin, options: {readonly clock: Clock; readonly client: KyInstance}): TokenSource {
	if (origin.kind === 'credentials') {
		return new OwnedCredentials({store: new CredentialsFile(origin.path), clock: options.clock, client: options.client, ...(origin.client ? {override: origin.client} : {})});
	}

	return new WatchedToken(origin, options.clock);
}
