import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {deviceSocketPath} from '../../protocol/phoenix-message.js';
import type {DeviceRegistry} from '../device-registry.js';
import type {EmulatedDevice} from '../emulated-device.js';
import type {FaultState} from '../control/faults.js';
import type {TokenCheck, TokenIssuer} from '../auth/token-issuer.js';

/** The token the query carried and what the emulator made of it, read before any fault decides (for the audit). */
export type UpgradeToken = {readonly value: string; readonly check: TokenCheck};

export type UpgradeDecision = (
	| {readonly kind: 'accept'; readonly device: EmulatedDevice}
	/** Destroy the socket without a word (the refuse-connections fault). */
	| {readonly kind: 'cut'; readonly reason: string}
	/**
	Answer with plain HTTP and no upgrade; `device` when a known token was refused; `byFault` when the
	forbid-connections fault refused it, whatever the token.
	*/
	| {readonly kind: 'refuse'; readonly status: 400 | 403 | 404; readonly reason: string; readonly device?: EmulatedDevice; readonly byFault?: boolean}
) & {readonly token?: UpgradeToken};

export type UpgradeGateParts = {
	readonly registry: DeviceRegistry;
	readonly tokens: TokenIssuer;
	readonly faults: FaultState;
};

/**
Decides an upgrade of `/devices/websocket?Authorization=Bearer%20<token>[&vsn=1.0.0]`.
URLSearchParams decodes both `%20` and `+` to the space the guide asks for. The token is read first,
so that every decision, a fault's included, says which token it turned away.
*/
export function decideUpgrade(request: IncomingMessage, parts: UpgradeGateParts): UpgradeDecision {
	const url = new URL(request.url ?? '/', 'http://emulator.invalid');
	const value = /^bearer (.+)$/i.exec(url.searchParams.get('Authorization') ?? '')?.[1];
	const seen = value === undefined ? {} : {token: {value, check: parts.tokens.check(value)}};
	if (parts.faults.refusingConnections()) {
		return {kind: 'cut', reason: 'refusing connections (fault)', ...seen};
	}

	if (url.pathname !== deviceSocketPath) {
		return {kind: 'refuse', status: 404, reason: `no socket at ${url.pathname}`, ...seen};
	}

	const vsn = url.searchParams.get('vsn');
	if (vsn !== null && vsn !== '1.0.0') {
		return {kind: 'refuse', status: 400, reason: `unsupported vsn ${vsn}`, ...seen};
	}

	if (parts.faults.forbiddingConnections()) {
		return {kind: 'refuse', status: 403, reason: 'forbidding connections (fault)', byFault: true, ...seen};
	}

	const check = seen.token?.check;
	if (check === undefined) {
		return {kind: 'refuse', status: 403, reason: 'no bearer token'};
	}

	if (check.kind === 'unknown') {
		return {kind: 'refuse', status: 403, reason: 'unknown token', ...seen};
	}

	const device = parts.registry.get(check.deviceId);
	return check.kind === 'expired'
		? {kind: 'refuse', status: 403, reason: `expired token for device ${device.id}`, device, ...seen}
		: {kind: 'accept', device, ...seen};
}

const statusText = {400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found'} as const;

/** A plain HTTP answer on the upgrade socket: no websocket is opened (as Phoenix does with 403). */
export function refuseUpgrade(socket: Duplex, status: 400 | 403 | 404): void {
	if (!socket.writable) {
		socket.destroy();
		return;
	}

	socket.once('finish', () => socket.destroy());
	socket.end(`HTTP/1.1 ${status} ${statusText[status]}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n`);
}
