import ky, {type KyInstance} from 'ky';

/** What the authorized client needs from the token source. */
export type BearerToken = {
	getToken(): string;
	/** Frame.io refused this token: resolves true once a new one is in use (see TokenSource.rejected). */
	rejected(token: string): Promise<boolean>;
};

/** One API's two ky instances: `open` for what needs no token (/health, /v2/auth/*), `authorized` for the rest. */
export type ApiClient = {
	readonly open: KyInstance;
	readonly authorized: KyInstance;
};

export type ApiClientOptions = {
	/** Frame.io's API, e.g. https://api.frame.io (a path prefix, as behind a proxy, is kept). */
	readonly apiUrl: URL;
	/** Sent as x-client-version on every request, as Frame.io asks. */
	readonly clientVersion: string;
	readonly token?: BearerToken;
	/** An injected fetch (tests that need odd answers); the global one otherwise. */
	readonly fetch?: typeof fetch;
};

const bearerPrefix = /^bearer\s+/i;

/**
The API as ky instances: `prefixUrl`, `x-client-version`, and no retries or timeouts of ky's own (the
pollers decide when to try again, within Frame.io's limits, and keep their deadlines on the injected
clock). The authorized instance adds the token on every attempt and, when Frame.io answers 401, lets an
owned token refresh itself and tries that request once more.
*/
export function createApiClient(options: ApiClientOptions): ApiClient {
	const open = ky.create({
		prefixUrl: options.apiUrl.href.endsWith('/') ? options.apiUrl.href : `${options.apiUrl.href}/`,
		headers: {
			'x-client-version': options.clientVersion,
			accept: 'application/json',
			// A fresh connection each time: a check then proves DNS, TCP and TLS, not an old pooled socket,
			// and nothing is left open when the monitor stops.
			connection: 'close',
		},
		// Only the forced retry below: methods: [] turns every automatic retry off.
		retry: {limit: 1, methods: [], statusCodes: []},
		timeout: false,
		throwHttpErrors: false,
		...(options.fetch ? {fetch: options.fetch} : {}),
	});
	const {token} = options;
	if (!token) {
		return {open, authorized: open};
	}

	const authorized = open.extend({
		hooks: {
			beforeRequest: [
				request => {
					request.headers.set('authorization', `Bearer ${token.getToken()}`);
				},
			],
			afterResponse: [
				async (request, _options, response, {retryCount}) => {
					if (response.status !== 401 || retryCount > 0) {
						return response;
					}

					const sent = (request.headers.get('authorization') ?? '').replace(bearerPrefix, '');
					return await token.rejected(sent) ? ky.retry({delay: 0}) : response;
				},
			],
		},
	});
	return {open, authorized};
}
