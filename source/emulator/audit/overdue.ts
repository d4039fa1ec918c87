import {deviceKey, type AuditLog, type PendingClose} from './audit-log.js';
import {heartbeatMaxGapMs, heartbeatTopic, identityAfterTokenMs, joinWithinMs, ownTopic, type RuleId} from './audit-rules.js';
import {closeKindText, formatAt, formatSeconds, tokenName} from './evidence-text.js';
import {countOffence, countSeen, type Note, type Tally} from './tally.js';

/**
Something that became an offence by time passing, with nothing observed: a joined socket silent for
60 s, a socket that never joined, a close with no rejoin, a new token with no identity request. The
judge counts these at "now"; the recorder settles them into its tallies, so both agree.
*/
export type Overdue =
	| {readonly kind: 'heartbeat' | 'join'; readonly clientKey: string; readonly socketId: number; readonly note: Note}
	| {readonly kind: 'rejoin'; readonly clientKey: string; readonly close: PendingClose; readonly note: Note}
	| {readonly kind: 'identity'; readonly clientKey: string; readonly awaitedKey: string; readonly note: Note};

const limit = formatSeconds;

/** Everything overdue at `now` and not yet settled (each is due when `now` reaches its time). */
export function findOverdue(log: AuditLog, now: number): Overdue[] {
	const found: Overdue[] = [];
	for (const socket of log.sockets.values()) {
		if (socket.closedAt !== null) {
			continue;
		}

		const clientKey = deviceKey(socket.deviceId);
		if (socket.lastBeatAt !== null && !socket.beatOverdue && now >= socket.lastBeatAt + heartbeatMaxGapMs) {
			const text = `socket #${socket.id}: no heartbeat on topic ${heartbeatTopic} for ${limit(heartbeatMaxGapMs)} after ${formatAt(socket.lastBeatAt)}`;
			found.push({kind: 'heartbeat', clientKey, socketId: socket.id, note: {at: socket.lastBeatAt + heartbeatMaxGapMs, text}});
		}

		if (socket.joinedAt === null && !socket.joinOverdue && now >= socket.openedAt + joinWithinMs) {
			const text = `socket #${socket.id}, opened at ${formatAt(socket.openedAt)}, did not join ${ownTopic(socket.deviceId)} within ${limit(joinWithinMs)}`;
			found.push({kind: 'join', clientKey, socketId: socket.id, note: {at: socket.openedAt + joinWithinMs, text}});
		}
	}

	for (const close of log.pendingCloses) {
		if (now >= close.dueAt) {
			const what = close.reconnectedAt === null
				? 'no reconnect'
				: `reconnected after ${formatSeconds(close.reconnectedAt - close.at)} but no join`;
			const text = `socket #${close.socketId} ${closeKindText[close.closeKind]} at ${formatAt(close.at)}: ${what} within ${limit(close.dueAt - close.at)}`;
			found.push({kind: 'rejoin', clientKey: close.clientKey, close, note: {at: close.dueAt, text}});
		}
	}

	for (const [awaitedKey, awaited] of log.awaitedIdentity) {
		if (now >= awaited.firstUsedAt + identityAfterTokenMs) {
			const watch = log.clients.get(awaited.clientKey)?.tokens.get(awaited.tokenKey);
			const text = `${tokenName(watch)} first used at ${formatAt(awaited.firstUsedAt)}, no identity request within ${limit(identityAfterTokenMs)}`;
			found.push({kind: 'identity', clientKey: awaited.clientKey, awaitedKey, note: {at: awaited.firstUsedAt + identityAfterTokenMs, text}});
		}
	}

	return found;
}

/** The earliest time something will become overdue (when the emulator should next call `tick`), if any. */
export function nextDue(log: AuditLog): number | undefined {
	let due = Number.POSITIVE_INFINITY;
	for (const socket of log.sockets.values()) {
		if (socket.closedAt === null) {
			if (socket.lastBeatAt !== null && !socket.beatOverdue) {
				due = Math.min(due, socket.lastBeatAt + heartbeatMaxGapMs);
			}

			if (socket.joinedAt === null && !socket.joinOverdue) {
				due = Math.min(due, socket.openedAt + joinWithinMs);
			}
		}
	}

	for (const close of log.pendingCloses) {
		due = Math.min(due, close.dueAt);
	}

	for (const awaited of log.awaitedIdentity.values()) {
		due = Math.min(due, awaited.firstUsedAt + identityAfterTokenMs);
	}

	return Number.isFinite(due) ? due : undefined;
}

/** The rule each kind of overdue item breaks. */
export const overdueRule = {
	heartbeat: 'heartbeat',
	join: 'join-own-topic',
	rejoin: 'rejoin-after-close',
	identity: 'identity-after-token',
} as const satisfies Record<Overdue['kind'], RuleId>;

/** Counts an overdue item in its rule's tally: an offence (and, for closes and tokens, one more judged). */
export function countOverdue(tally: Tally, item: Overdue): void {
	if (item.kind === 'rejoin' || item.kind === 'identity') {
		countSeen(tally, item.kind === 'rejoin' ? item.close.at : item.note.at - identityAfterTokenMs);
	}

	countOffence(tally, item.note);
}
