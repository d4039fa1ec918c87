import type {DeviceRegistry} from '../device-registry.js';
import type {Route} from '../http/http-types.js';
import {authFailure, checkClient, readAuthForm} from './auth-form.js';
import type {TokenIssuer} from './token-issuer.js';

export type RevokeRouteParts = {
	readonly registry: DeviceRegistry;
	readonly tokens: TokenIssuer;
	readonly clientSecret: string;
	readonly log: (line: string) => void;
};

/**
`POST /v2/auth/revoke` with client_id, client_secret and token: `{"success": true}`, also for a token
no device knows (RFC 7009, 2.2), so a caller learns nothing about which tokens exist. A token paired
for another client_id is refused with 400 `{"error": "invalid_grant"}` and left alone: RFC 7009 2.1
refuses it, and RFC 6749 5.2 names invalid_grant for a token "issued to another client" (Frame.io's
exact answer is not documented).
*/
export function revokeRoute(parts: RevokeRouteParts): Route {
	const {registry, tokens, log} = parts;
	return {
		method: 'POST',
		path: '/v2/auth/revoke',
		async handle(request) {
			const fields = await readAuthForm(request);
			const problem = checkClient(fields, parts.clientSecret, ['token']);
			if (problem) {
				return authFailure(problem);
			}

			const outcome = tokens.revoke(fields.get('token') ?? '', fields.get('client_id') ?? '');
			if (outcome.kind === 'other-client') {
				log(`revoke refused (invalid_grant): a token of device ${outcome.deviceId} paired for another client_id`);
				return authFailure('invalid_grant');
			}

			if (outcome.kind === 'unknown') {
				log('revoke of a token no device knows (answered 200, as RFC 7009 says)');
			} else {
				registry.byId(outcome.deviceId)?.tokenCounters.revoked();
				log(`revoked ${outcome.kind === 'access' ? 'an access' : 'a refresh'} token of device ${outcome.deviceId}`);
			}

			return {status: 200, body: {success: true}};
		},
	};
}
