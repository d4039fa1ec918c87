import type {MonitorSnapshot} from '../../core/monitor.js';
import {countdown, formatDuration} from '../format/format.js';
import type {Cell, RowContext} from './fleet-cell.js';
import {isPairingNeeded, isTokenRejected} from './fleet-counts.js';
import {durationStep, remainingChangesAt} from './fleet-time.js';

/** The socket's state in a few words: joined, or what keeps it from being joined. `next` learns when a countdown in it moves. */
export function socketCell({socket}: MonitorSnapshot, {now, theme: {symbols}, screenText, next}: RowContext): Cell {
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
			if (socket.nextRetryAt !== null) {
				// Countdown() shows the time left plus 999 ms: "in 1s" until the moment itself.
				next?.note(remainingChangesAt(socket.nextRetryAt, now, durationStep, 999));
			}

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
			// Every wording fits the column's least width (12 cells): never "! no device…".
			return busy('waiting for the identity', 'no device id', 'no id yet');
		}

		case 'stopped': {
			return {variants: ['stopped'], tone: 'muted'};
		}
	}
}

/**
The token: a problem first (pairing needed, refused, a failing refresh, an unreadable file), else when
owned credentials expire; "-" for a watched token, which is refreshed elsewhere and whose expiry is unknown.
`next` learns when the expiry's countdown moves.
*/
export function tokenCell(snapshot: MonitorSnapshot, {now, theme: {symbols}, next}: RowContext): Cell {
	const {token} = snapshot;
	if (isPairingNeeded(snapshot)) {
		return {variants: [`${symbols.disconnected} pairing needed`, `${symbols.disconnected} re-pair`], tone: 'bad'};
	}

	if (isTokenRejected(snapshot)) {
		return {variants: [`${symbols.disconnected} rejected`], tone: 'bad'};
	}

	if (token.persistence.state !== 'ok') {
		// Issue 14 A: a refresh held back (the pair could not be saved), or a new pair held only in memory.
		return token.persistence.state === 'cannot-save'
			? {variants: [`${symbols.disconnected} cannot save`, `${symbols.disconnected} no save`], tone: 'bad'}
			: {variants: [`${symbols.disconnected} not saved`, `${symbols.disconnected} unsaved`], tone: 'bad'};
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

	next?.note(remainingChangesAt(token.expiresAt, now, durationStep));
	return token.expiresAt > now
		? {variants: [`exp ${formatDuration(token.expiresAt - now)}`, formatDuration(token.expiresAt - now)], tone: 'plain'}
		: {variants: [`${symbols.disconnected} expired`], tone: 'bad'};
}
