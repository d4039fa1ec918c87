import type {SimpleErrorBody, AuthErrorCode} from './error-bodies.js';
import type {DeviceRegistry} from './device-registry.js';
import type {HttpReply, HttpRequest, Route} from './http-types.js';
import {codeLifetimeSeconds, pollIntervalSeconds, type PairingDesk} from './pairing-desk.js';
import {parseForm, type FormFields} from './parse-form.js';
import type {TokenIssuer} from './token-issuer.js';

export type AuthRoutesOptions = {
	readonly registry: DeviceRegistry;
	readonly tokens: TokenIssuer;
	readonly pairing: PairingDesk;
	readonly clientSecret: string;
	/** The emulator's base URL, for verification_uri. */
	readonly baseUrl: () => string;
	readonly log: (line: string) => void;
};

export const deviceCodeGrant = 'urn:ietf:params:oauth:grant-type:device_code';

const fail = (error: AuthErrorCode): HttpReply => ({status: 400, body: {error} satisfies SimpleErrorBody});

/** Reads the form and checks client_id and client_secret (missing → invalid_request, wrong → invalid_client). */
async function clientForm(request: HttpRequest, clientSecret: string, required: readonly string[]): Promise<{fields: FormFields} | {reply: HttpReply}> {
	const fields = await parseForm(await request.body(), request.headers['content-type']);
	for (const name of ['client_id', 'client_secret', ...required]) {
		if (!fields.get(name)) {
			return {reply: fail('invalid_request')};
		}
	}

	return fields.get('client_secret') === clientSecret ? {fields} : {reply: fail('invalid_client')};
}

/** `POST /v2/auth/device/code` and `POST /v2/auth/token`: pairing by device code, and refresh. */
export function authRoutes(options: AuthRoutesOptions): Route[] {
	const {pairing, tokens, log} = options;

	async function deviceCode(request: HttpRequest): Promise<HttpReply> {
		const form = await clientForm(request, options.clientSecret, ['scope']);
		if ('reply' in form) {
			return form.reply;
		}

		const {deviceCode, userCode} = pairing.request();
		const verificationUri = `${options.baseUrl()}/_emulator/approve`;
		log(`pairing code ${userCode} requested; approve it with POST /_emulator/approve`);
		return {
			status: 200,
			body: {
				device_code: deviceCode,
				expires_in: codeLifetimeSeconds,
				interval: pollIntervalSeconds,
				name: options.registry.get().profile.name,
				user_code: userCode,
				verification_uri: verificationUri,
				verification_uri_complete: `${verificationUri}?userCode=${userCode}`,
			},
		};
	}

	async function token(request: HttpRequest): Promise<HttpReply> {
		const form = await clientForm(request, options.clientSecret, ['grant_type']);
		if ('reply' in form) {
			return form.reply;
		}

		const {fields} = form;
		const grant = fields.get('grant_type');
		if (grant === deviceCodeGrant) {
			const code = fields.get('device_code');
			if (!code) {
				return fail('invalid_request');
			}

			const outcome = pairing.poll(code);
			if (outcome.kind !== 'approved') {
				return fail(outcome.kind);
			}

			log(`tokens issued for device ${outcome.deviceId}`);
			return {status: 200, body: tokens.issue(outcome.deviceId)};
		}

		if (grant === 'refresh_token') {
			const refreshToken = fields.get('refresh_token');
			if (!refreshToken) {
				return fail('invalid_request');
			}

			const outcome = tokens.refresh(refreshToken);
			if (outcome.kind !== 'ok') {
				log(`refresh refused: ${outcome.kind} refresh token`);
				return fail(outcome.kind === 'reused' ? 'invalid_request' : 'invalid_grant');
			}

			log(`tokens refreshed for device ${outcome.deviceId}`);
			return {status: 200, body: outcome.tokens};
		}

		return fail('invalid_request');
	}

	return [
		{method: 'POST', path: '/v2/auth/device/code', handle: deviceCode},
		{method: 'POST', path: '/v2/auth/token', handle: token},
	];
}
