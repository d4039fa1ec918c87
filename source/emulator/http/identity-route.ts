import type {Clock} from '../../core/clock.js';
import type {DeviceRegistry} from '../device-registry.js';
import type {TokenIssuer} from '../auth/token-issuer.js';
import {notAuthorizedBody, tooManyRequestsBody} from './error-bodies.js';
import {bearerFromHeader} from './bearer.js';
import type {HttpReply, HttpRequest, Route} from './http-types.js';
import {identityDocument} from './identity-document.js';
import {IdentityLimiter, rateLimitHeaders} from './identity-limiter.js';

export type IdentityRouteOptions = {
	readonly registry: DeviceRegistry;
	readonly tokens: TokenIssuer;
	readonly clock: Clock;
	readonly strictRateLimit: boolean;
};

/** `GET /v2/devices/me`: the device's identity, its status, and the once-per-60-s rule. */
export function identityRoute(options: IdentityRouteOptions): Route {
	const limiter = new IdentityLimiter();
	const unauthorized: HttpReply = {status: 401, body: notAuthorizedBody()};

	function handle(request: HttpRequest): HttpReply {
		const now = options.clock.now();
		const token = bearerFromHeader(request.headers.authorization);
		const check = token === undefined ? undefined : options.tokens.check(token);
		if (token === undefined || check === undefined || check.kind === 'unknown') {
			return unauthorized;
		}

		const device = options.registry.get(check.deviceId);
		const {tooSoon, retryAfterSeconds} = limiter.check(token, now);
		if (check.kind === 'expired') {
			limiter.served(token, now);
			device.recordIdentity({at: now, tooSoon, status: 401});
			return unauthorized;
		}

		if (tooSoon && options.strictRateLimit) {
			device.recordIdentity({at: now, tooSoon, status: 429});
			device.touch(now);
			return {
				status: 429,
				body: tooManyRequestsBody(),
				headers: {...rateLimitHeaders(), 'retry-after': String(retryAfterSeconds)},
			};
		}

		// The request itself counts as activity (the guide: calling this endpoint makes the device
		// online "as soon as the response is returned"), so an unpaused device answers online here
		// and only a device silent for 5 minutes shows offline (in the control API's state).
		limiter.served(token, now);
		device.recordIdentity({at: now, tooSoon, status: 200});
		device.touch(now);
		const status = device.status(now);
		return {status: 200, body: identityDocument(device.profile, status), headers: rateLimitHeaders()};
	}

	return {method: 'GET', path: '/v2/devices/me', handle};
}
