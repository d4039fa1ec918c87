import type {Clock} from '../../core/clock.js';
import type {AuditSink} from '../audit/emulator-audit.js';
import type {PairingAnswer} from '../audit/observation.js';
import type {DeviceRegistry} from '../device-registry.js';
import type {FaultState} from '../control/faults.js';
import type {HttpReply, HttpRequest, Route} from '../http/http-types.js';
import type {FormFields} from '../http/parse-form.js';
import {pairingCodeLifetimeSeconds, pairingPollIntervalSeconds} from '../frameio-server-rules.js';
import type {PairingDesk} from './pairing-desk.js';
import {authFailure, checkClient, readAuthForm} from './auth-form.js';
import {unlessAuthUnavailable} from './auth-outage.js';
import {refreshGrant} from './refresh-grant.js';
import {revokeRoute} from './revoke-route.js';
import type {TokenIssuer} from './token-issuer.js';

export type AuthRoutesOptions = {
	readonly registry: DeviceRegistry;
	readonly tokens: TokenIssuer;
	readonly pairing: PairingDesk;
	readonly faults: FaultState;
	readonly clientSecret: string;
	/** The emulator's base URL, for verification_uri. */
	readonly baseUrl: () => string;
	readonly log: (line: string) => void;
	readonly clock: Clock;
	/** With `--audit`: pairing codes, polls and refreshes are recorded. */
	readonly audit?: AuditSink | undefined;
};

export const deviceCodeGrant = 'urn:ietf:params:oauth:grant-type:device_code';

/**
`POST /v2/auth/device/code`, `POST /v2/auth/token` (pairing by device code, and refresh) and
`POST /v2/auth/revoke`; all three answer 503 under the auth-unavailable fault.
*/
export function authRoutes(options: AuthRoutesOptions): Route[] {
	const {pairing, tokens, registry, clientSecret, log, audit, clock} = options;

	async function deviceCode(request: HttpRequest): Promise<HttpReply> {
		const problem = checkClient(await readAuthForm(request), clientSecret, ['scope']);
		if (problem) {
			return authFailure(problem);
		}

		const {deviceCode, userCode} = pairing.request();
		audit?.record({kind: 'pairing-code', at: clock.now(), peer: request.peer, deviceCode, intervalSeconds: pairingPollIntervalSeconds});
		const verificationUri = `${options.baseUrl()}/_emulator/approve`;
		log(`pairing code ${userCode} requested; approve it with POST /_emulator/approve`);
		return {
			status: 200,
			body: {
				device_code: deviceCode,
				expires_in: pairingCodeLifetimeSeconds,
				interval: pairingPollIntervalSeconds,
				name: registry.get().profile.name,
				user_code: userCode,
				verification_uri: verificationUri,
				verification_uri_complete: `${verificationUri}?userCode=${userCode}`,
			},
		};
	}

	function deviceCodeGrantReply(fields: FormFields, request: HttpRequest): HttpReply {
		const problem = checkClient(fields, clientSecret, []);
		if (problem) {
			return authFailure(problem);
		}

		const code = fields.get('device_code');
		if (!code) {
			return authFailure('invalid_request');
		}

		const outcome = pairing.poll(code);
		const answer: PairingAnswer = outcome.kind;
		audit?.record({
			kind: 'pairing-poll', at: clock.now(), peer: request.peer, deviceCode: code, answer,
			...(outcome.kind === 'approved' ? {deviceId: outcome.deviceId} : {}),
		});
		if (outcome.kind !== 'approved') {
			return authFailure(outcome.kind);
		}

		registry.byId(outcome.deviceId)?.tokenCounters.issued();
		log(`tokens issued for device ${outcome.deviceId}`);
		return {status: 200, body: tokens.issue(outcome.deviceId, fields.get('client_id') ?? null)};
	}

	async function token(request: HttpRequest): Promise<HttpReply> {
		const fields = await readAuthForm(request);
		const grant = fields.get('grant_type');
		if (grant === deviceCodeGrant) {
			return deviceCodeGrantReply(fields, request);
		}

		if (grant === 'refresh_token') {
			return refreshGrant(fields, {registry, tokens, clientSecret, log, ...(audit ? {audit: {sink: audit, at: clock.now(), peer: request.peer}} : {})});
		}

		return authFailure(checkClient(fields, clientSecret, ['grant_type']) ?? 'invalid_request');
	}

	return unlessAuthUnavailable([
		{method: 'POST', path: '/v2/auth/device/code', handle: deviceCode},
		{method: 'POST', path: '/v2/auth/token', handle: token},
		revokeRoute({registry, tokens, clientSecret, log}),
	], options.faults, log);
}
