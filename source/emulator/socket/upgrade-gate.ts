import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {deviceSocketPath} from '../../protocol/phoenix-message.js';
import type {DeviceRegistry} from '../device-registry.js';
import type {EmulatedDevice} from '../emulated-device.js';
import type {FaultState} from '../control/faults.js';
import type {TokenIssuer} from '../auth/token-issuer.js';

export type UpgradeDecision =
	| {readonly kind: 'accept'; readonly device: EmulatedDevice}
	/** Destroy the socket without a word (the refuse-connections fault). */
	| {readonly kind: 'cut'; readonly reason: string}
	/** Answer with plain HTTP and no upgrade; `device` when a known token was refused. */
	| {readonly kind: 'refuse'; readonly status: 400 | 403 | 404; readonly reason: string; readonly device?: EmulatedDevice};

export type UpgradeGateParts = {
	readonly registry: DeviceRegistry;
	readonly tokens: TokenIssuer;
	readonly faults: FaultState;
};

/**
Decides an upgrade of `/devices/websocket?Authorization=Bearer%20<token>[&vsn=1.0.0]`.
URLSearchParams decodes both `%20` and `+` to the space the guide asks for.
*/
export function decideUpgrade(request: IncomingMessage, parts: UpgradeGateParts): UpgradeDecision {
	if (parts.faults.refusingConnections()) {
		return {kind: 'cut', reason: 'refusing connections (fault)'};
	}

	const url = new URL(request.url ?? '/', 'http://emulator.invalid');
	if (url.pathname !== deviceSocketPath) {
		return {kind: 'refuse', status: 404, reason: `no socket at ${url.pathname}`};
	}

	const vsn = url.searchParams.get('vsn');
	if (vsn !== null && vsn !== '1.0.0') {
		return {kind: 'refuse', status: 400, reason: `unsupported vsn ${vsn}`};
	}

	const match = /^bearer (.+)$/i.exec(url.searchParams.get('Authorization') ?? '');
	const token = match?.[1];
	if (token === undefined) {
		return {kind: 'refuse', status: 403, reason: 'no bearer token'};
	}

	const check = parts.tokens.check(token);
	if (check.kind === 'unknown') {
		return {kind: 'refuse', status: 403, reason: 'unknown token'};
	}

	const device = parts.registry.get(check.deviceId);
	return check.kind === 'expired'
		? {kind: 'refuse', status: 403, reason: `expired token for device ${device.id}`, device}
		: {kind: 'accept', device};
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
