import {auditLimits, secretKey, type ClientLog, type SocketWatch} from './audit-log.js';
import {
	heartbeatEvent, heartbeatMaxGapMs, heartbeatTopic, heartbeatWarnGapMs, joinEvent, ownTopic, rejoinWithinMs, retryMinGapMs,
} from './audit-rules.js';
import {closeKindText, formatAt, formatRef, formatSeconds, quoteClientText} from './evidence-text.js';
import type {EmulatorCloseObservation, FrameObservation, SocketClosedObservation, UpgradeObservation} from './observation.js';
import {judgeQueryAuthorization} from './query-authorization.js';
import {RecentSet, setNewest} from './recent-set.js';
import {noteTokenUse} from './record-requests.js';
import type {Recording} from './recording.js';
import {countOffence, countSeen, countWarning, keepExtreme} from './tally.js';

function recordQueryForm(client: ClientLog, observation: UpgradeObservation): void {
	const {at} = observation;
	const tally = client.tallies['socket-token-in-query'];
	countSeen(tally, at);
	const form = judgeQueryAuthorization(observation.queryAuthorization, observation.queryAuthorizationOtherCase ?? false, observation.authorizationHeader);
	const text = `upgrade at ${formatAt(at)}: ${form.shown === '' ? '' : `${form.shown}, `}${form.why}`;
	if (form.verdict === 'broken') {
		countOffence(tally, {at, text});
	} else if (form.verdict === 'warning') {
		countWarning(tally, {at, text});
	}
}

function recordRetry(client: ClientLog, observation: UpgradeObservation): void {
	const {at, outcome} = observation;
	const failed = client.lastFailedUpgrade;
	const tokenKey = observation.auth ? secretKey(observation.auth.token) : null;
	// The guide's answer to a 403 is a new token: trying that one at once is no storm. The device cannot
	// tell a 403 by a fault from one for its token, so either way; but only once: if the new token is
	// refused too, the next attempt is judged (a refresh-and-retry loop is a storm).
	const refusedKey = failed?.refusedTokenKey ?? null;
	const newToken = refusedKey !== null && tokenKey !== null && refusedKey !== tokenKey;
	if (failed && !newToken) {
		const tally = client.tallies['no-hammering'];
		const gap = at - failed.at;
		const text = `an attempt ${formatSeconds(gap)} after ${failed.text}`;
		countSeen(tally, at);
		keepExtreme('no-hammering', tally, {value: gap, at, text});
		if (gap < retryMinGapMs) {
			countOffence(tally, {at, text});
		}
	}

	const refusedForToken = outcome === 'refused' && observation.status === 403 && !newToken;
	client.lastFailedUpgrade = outcome === 'accepted'
		? null
		: {
			at,
			text: `the upgrade at ${formatAt(at)} was ${outcome === 'cut' ? 'cut' : `refused (${observation.status ?? 'no status'})`}`,
			refusedTokenKey: refusedForToken ? tokenKey : null,
		};
}

/** An upgrade: the query's form, a retry after a refusal, the token's use, and a new socket to watch. */
export function recordUpgrade(recording: Recording, observation: UpgradeObservation): void {
	const {at, auth, outcome, socketId} = observation;
	const {log} = recording;
	const client = recording.client(auth?.deviceId, observation.peer);
	recordQueryForm(client, observation);
	recordRetry(client, observation);
	if (auth) {
		noteTokenUse(recording, client, auth, {at, what: 'upgrade'});
	}

	const {deviceId} = client;
	if (deviceId === null) {
		return;
	}

	for (const close of log.pendingCloses) {
		if (close.deviceId !== deviceId || close.at > at) {
			continue;
		}

		if (outcome === 'cut' || (outcome === 'refused' && observation.byFault === true)) {
			// The emulator kept the device from reconnecting: its time to rejoin runs from the fault's end.
			close.dueAt = Math.max(close.dueAt, at + rejoinWithinMs, (observation.faultUntil ?? at) + rejoinWithinMs);
		} else if (outcome === 'accepted') {
			close.reconnectedAt ??= at;
		}
	}

	if (outcome === 'accepted' && socketId !== undefined) {
		setNewest(log.sockets, socketId, {
			id: socketId,
			deviceId,
			openedAt: at,
			joinedAt: null,
			lastBeatAt: null,
			beatOverdue: false,
			joinOverdue: false,
			closedAt: null,
			refs: new RecentSet<string | number>(auditLimits.refsPerSocket),
		}, auditLimits.sockets);
	}
}

type Join = {readonly socket: SocketWatch | undefined; readonly topic: string; readonly at: number; readonly where: string};

function recordJoin(recording: Recording, client: ClientLog, join: Join): void {
	const {socket, topic, at, where} = join;
	const tally = client.tallies['join-own-topic'];
	countSeen(tally, at);
	const deviceId = client.deviceId ?? '';
	if (topic !== ownTopic(deviceId)) {
		countOffence(tally, {at, text: `${where} joined ${quoteClientText(topic)}`});
		return;
	}

	if (socket?.closedAt !== null) {
		return;
	}

	if (socket.joinedAt === null) {
		socket.joinedAt = at;
		socket.lastBeatAt = at;
		client.joinedSockets++;
	}

	const {pendingCloses} = recording.log;
	const rejoin = client.tallies['rejoin-after-close'];
	for (let index = pendingCloses.length - 1; index >= 0; index--) {
		const close = pendingCloses[index]!;
		if (close.deviceId === deviceId && close.at <= socket.openedAt) {
			pendingCloses.splice(index, 1);
			countSeen(rejoin, close.at);
			const turnedAway = close.dueAt > close.at + rejoinWithinMs ? `; upgrades turned away until ${formatAt(close.dueAt - rejoinWithinMs)}` : '';
			const text = `socket #${close.socketId} ${closeKindText[close.closeKind]} at ${formatAt(close.at)}${turnedAway}`;
			keepExtreme('rejoin-after-close', rejoin, {value: at - close.at, at, text});
		}
	}
}

function recordBeat(client: ClientLog, socket: SocketWatch | undefined, at: number): void {
	if (socket?.closedAt !== null || socket.lastBeatAt === null) {
		// Heartbeats before the join (or after a close began) are not judged.
		return;
	}

	const tally = client.tallies.heartbeat;
	const gap = at - socket.lastBeatAt;
	const text = `socket #${socket.id}: ${formatSeconds(gap)} between heartbeats, until ${formatAt(at)}`;
	countSeen(tally, at);
	keepExtreme('heartbeat', tally, {value: gap, at, text});
	// A gap of 60 s or more was counted as an offence when it passed 60 s (settled before this frame).
	if (gap > heartbeatWarnGapMs && gap < heartbeatMaxGapMs) {
		countWarning(tally, {at, text});
	}

	socket.lastBeatAt = at;
	socket.beatOverdue = false;
}

/** A frame: its keys and ref, and what it does: a join, a heartbeat. */
export function recordFrame(recording: Recording, observation: FrameObservation): void {
	const {at, shape, socketId} = observation;
	const client = recording.device(observation.deviceId);
	const socket = recording.log.sockets.get(socketId);
	const tally = client.tallies.frames;
	const where = `socket #${socketId} at ${formatAt(at)}`;
	countSeen(tally, at);
	if (shape.problem !== undefined || shape.topic === undefined || shape.event === undefined) {
		countOffence(tally, {at, text: `${where}: ${shape.problem ?? 'no topic or event'}`});
		return;
	}

	const {ref} = shape;
	if (ref !== undefined && ref !== null && socket) {
		if (socket.refs.has(ref)) {
			countWarning(tally, {at, text: `ref ${formatRef(ref)} used again on ${where}`});
		}

		socket.refs.add(ref);
	}

	if (shape.event === joinEvent) {
		recordJoin(recording, client, {socket, topic: shape.topic, at, where});
	} else if (shape.event === heartbeatEvent) {
		if (shape.topic === heartbeatTopic) {
			recordBeat(client, socket, at);
		} else {
			client.misdirectedHeartbeats++;
		}
	}
}

/** The emulator began to close a socket: its heartbeats are no longer watched, and a rejoin is due. */
export function recordEmulatorClose(recording: Recording, observation: EmulatorCloseObservation): void {
	const {at, socketId, deviceId, closeKind} = observation;
	const {log} = recording;
	const client = recording.device(deviceId);
	const socket = log.sockets.get(socketId);
	if (socket) {
		socket.closedAt ??= at;
	}

	log.pendingCloses.push({clientKey: client.key, deviceId, socketId, closeKind, at, dueAt: at + rejoinWithinMs, reconnectedAt: null});
	if (log.pendingCloses.length > auditLimits.pendingCloses) {
		log.pendingCloses.shift();
		log.forgotten.closes++;
	}
}

export function recordSocketClosed(recording: Recording, observation: SocketClosedObservation): void {
	recording.device(observation.deviceId);
	recording.log.sockets.delete(observation.socketId);
}
