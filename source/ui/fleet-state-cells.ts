import type {MonitorSnapshot} from '../core/monitor.js';
import type {Cell} from './fleet-cell.js';
import {isPairingNeeded, isTokenRejected} from './fleet-counts.js';
import {countdown, formatDuration} from './format.js';
import type {Theme} from './theme.js';

/** The socket's state in a few words: joined, or what keeps it from being joined. */
export function socketCell({socket}: MonitorSnapshot, now: number, symbols: Theme['symbols'], screenText: (text: string) => string): Cell {
	const bad = (...variants: string[]): Cell => ({variants: variants.map(text => `${symbols.disconnected} ${text}`), tone: 'bad'});
	const busy = (...variants: string[]): Cell => ({variants: variants.map(text => `${symbols.warning} ${text}`), tone: 'warn'});
	switch (socket.state) {
		case 'joined': {
			return {variants: [`${symbols.connected} joined`], tone: 'good'};
		}

		case 'rejected': {
			return bad(`token rejected (HTTP ${socket.rejection?.status ?? 403})`, 'token rejected', 'rejected');
		}

		case 'closed':
		case 'waiting': {
			return bad(`not joined, retry ${countdown(socket.nextRetryAt, now)}`, 'not joined');
		}

		case 'open': {
			return socket.join.phase === 'errored'
				? bad(`not joined: ${screenText(socket.join.lastError ?? 'join failed')}`, 'not joined')
				: busy('joining');
		}

		case 'connecting': {
			return busy(`connecting (attempt ${socket.attempt})`, 'connecting');
		}

		case 'idle': {
			return busy('waiting for the identity', 'no device id');
		}

		case 'stopped': {
			return {variants: ['stopped'], tone: 'muted'};
		}
	}
}

/**
The token: a problem first (pairing needed, refused, a failing refresh, an unreadable file), else when
owned credentials expire; "-" for a watched token, which is refreshed elsewhere and whose expiry is unknown.
*/
export function tokenCell(snapshot: MonitorSnapshot, now: number, symbols: Theme['symbols']): Cell {
	const {token} = snapshot;
	if (isPairingNeeded(snapshot)) {
		return {variants: [`${symbols.disconnected} pairing needed`, `${symbols.disconnected} re-pair`], tone: 'bad'};
	}

	if (isTokenRejected(snapshot)) {
		return {variants: [`${symbols.disconnected} rejected`], tone: 'bad'};
	}

	if (token.refresh?.phase === 'retrying') {
		return {variants: [`${symbols.warning} refresh failing`, `${symbols.warning} retrying`], tone: 'warn'};
	}

	if (token.error !== null) {
		return {variants: [`${symbols.warning} file unreadable`, `${symbols.warning} file`], tone: 'warn'};
	}

	if (token.refresh === null || token.expiresAt === null) {
		return {variants: ['-'], tone: 'muted'};
	}

	return token.expiresAt > now
		? {variants: [`exp ${formatDuration(token.expiresAt - now)}`, formatDuration(token.expiresAt - now)], tone: 'plain'}
		: {variants: [`${symbols.disconnected} expired`], tone: 'bad'};
}
