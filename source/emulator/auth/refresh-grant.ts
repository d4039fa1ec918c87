import type {AuditSink} from '../audit/emulator-audit.js';
import type {Peer, RefreshObservation} from '../audit/observation.js';
import type {DeviceRegistry} from '../device-registry.js';
import type {AuthErrorCode} from '../http/error-bodies.js';
import type {HttpReply} from '../http/http-types.js';
import type {FormFields} from '../http/parse-form.js';
import {authFailure, checkClient} from './auth-form.js';
import type {RefreshOutcome, TokenIssuer} from './token-issuer.js';

export type RefreshGrantParts = {
	readonly registry: DeviceRegistry;
	readonly tokens: TokenIssuer;
	readonly clientSecret: string;
	readonly log: (line: string) => void;
	/** With `--audit`: the refresh is recorded (when, by whom, and whether its token was spent before). */
	readonly audit?: {readonly sink: AuditSink; readonly at: number; readonly peer: Peer};
};

/** Frame.io answers a reused refresh token with invalid_request; an expired or revoked one is invalid_grant. */
function refusalCode(kind: Exclude<RefreshOutcome['kind'], 'ok'>): AuthErrorCode {
	return kind === 'reused' ? 'invalid_request' : 'invalid_grant';
}

/**
`POST /v2/auth/token` with `grant_type=refresh_token`: a new pair for a live refresh token, which is
then spent. Every answer to one of a device's refresh tokens is counted on that device.
*/
export function refreshGrant(fields: FormFields, parts: RefreshGrantParts): HttpReply {
	const {registry, tokens, log} = parts;
	const refreshToken = fields.get('refresh_token') ?? '';
	const ownerId = refreshToken === '' ? undefined : tokens.refreshOwner(refreshToken);
	const device = ownerId === undefined ? undefined : registry.byId(ownerId);
	const spentBefore = refreshToken !== '' && tokens.refreshSpent(refreshToken);
	const observe = (outcome: RefreshObservation['outcome']) => {
		if (parts.audit && refreshToken !== '') {
			const {sink, at, peer} = parts.audit;
			sink.record({kind: 'refresh', at, peer, refreshToken, deviceId: ownerId, spentBefore, outcome});
		}
	};

	const refuse = (code: AuthErrorCode, why: string): HttpReply => {
		device?.tokenCounters.refreshRefused(code);
		log(`refresh refused (${code}): ${why}${device ? ` of device ${device.id}` : ''}`);
		return authFailure(code);
	};

	// The client first: a wrong secret is invalid_client even when the refresh token is missing.
	const clientProblem = checkClient(fields, parts.clientSecret, []) ?? (refreshToken === '' ? 'invalid_request' : undefined);
	if (clientProblem) {
		observe('refused');
		return refuse(clientProblem, clientProblem === 'invalid_client' ? 'wrong client secret' : 'a field is missing');
	}

	const outcome = tokens.refresh(refreshToken);
	observe(outcome.kind);
	if (outcome.kind !== 'ok') {
		return refuse(refusalCode(outcome.kind), `${outcome.kind} refresh token`);
	}

	device?.tokenCounters.refreshed();
	device?.tokenCounters.issued();
	log(`tokens refreshed for device ${outcome.deviceId}`);
	return {status: 200, body: outcome.tokens};
}
