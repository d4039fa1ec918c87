import type {IncomingMessage} from 'node:http';
import {peerOf, tokenUse} from '../audit/emulator-audit.js';
import type {UpgradeObservation} from '../audit/observation.js';
import {rawQueryAuthorization} from '../audit/query-authorization.js';
import type {EmulatorFaults} from '../types.js';
import type {UpgradeDecision} from './upgrade-gate.js';

export type UpgradeSeen = {
	readonly request: IncomingMessage;
	readonly decision: UpgradeDecision;
	/** When the upgrade request arrived. */
	readonly at: number;
	readonly faults: EmulatorFaults;
	/** The new socket's id, when accepted. */
	readonly socketId?: number | undefined;
};

/**
What the audit records of an upgrade: the query's Authorization exactly as sent, whether a header
carried one too, the token and what the emulator made of it, and the outcome; a refusal or cut by a
fault says so, with when the fault ends (the device cannot rejoin before).
*/
export function upgradeObservation({request, decision, at, faults, socketId}: UpgradeSeen): UpgradeObservation {
	const query = rawQueryAuthorization(request.url ?? '/');
	const cut = decision.kind === 'cut';
	const byFault = cut || (decision.kind === 'refuse' && decision.byFault === true);
	const faultUntil = cut ? faults.refuseConnectionsUntil : (byFault ? faults.forbidConnectionsUntil : null);
	return {
		kind: 'upgrade',
		at,
		peer: peerOf(request),
		queryAuthorization: query.value,
		...(query.otherCase ? {queryAuthorizationOtherCase: true} : {}),
		authorizationHeader: request.headers.authorization !== undefined,
		...(decision.token ? {auth: tokenUse(decision.token.value, decision.token.check)} : {}),
		outcome: decision.kind === 'accept' ? 'accepted' : (cut ? 'cut' : 'refused'),
		...(decision.kind === 'refuse' ? {status: decision.status} : {}),
		...(byFault ? {byFault: true} : {}),
		...(faultUntil === null ? {} : {faultUntil}),
		...(socketId === undefined ? {} : {socketId}),
	};
}
