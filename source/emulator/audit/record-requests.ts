import {auditLimits, secretKey, type ClientLog, type CodeWatch, type TokenWatch} from './audit-log.js';
import {
	healthPath, identityMinGapMs, identityPath, semanticVersionPattern, slowDownStepMs, supersededGraceMs, versionedPathPrefix,
} from './audit-rules.js';
import {cleanClientText, formatAt, formatSeconds, plural, quoteClientText, tokenName} from './evidence-text.js';
import type {
	HttpObservation, PairingCodeObservation, PairingPollObservation, RefreshObservation, TokenIssuedObservation, TokenUse,
} from './observation.js';
import {setNewest} from './recent-set.js';
import type {Recording} from './recording.js';
import {countOffence, countSeen, emptyTally, keepExtreme} from './tally.js';

export type UsedToken = {readonly key: string; readonly watch: TokenWatch};

/**
A request or upgrade made with one of a device's tokens: its first use (the identity must follow),
and whether it had expired, or been replaced by a refresh, by the times the client was given.
*/
export function noteTokenUse(recording: Recording, client: ClientLog, use: TokenUse, request: {readonly at: number; readonly what: string}): UsedToken | undefined {
	const {at, what} = request;
	if (client.deviceId === null || use.deviceId === undefined) {
		return undefined;
	}

	const key = secretKey(use.token);
	const watch: TokenWatch = client.tokens.get(key) ?? {
		index: client.nextTokenIndex++,
		source: 'configured',
		expiresAt: null,
		firstUsedAt: null,
		identityAt: null,
		lastIdentityAt: null,
		supersededAt: null,
	};
	setNewest(client.tokens, key, watch, auditLimits.tokensPerDevice);
	if (watch.firstUsedAt === null) {
		watch.firstUsedAt = at;
		if (watch.source !== 'configured') {
			recording.log.awaitedIdentity.set(`${client.key} ${key}`, {clientKey: client.key, tokenKey: key, firstUsedAt: at});
		}
	}

	const tally = client.tallies['token-not-expired'];
	if (watch.expiresAt !== null || watch.supersededAt !== null) {
		countSeen(tally, at);
	}

	const used = `${what} at ${formatAt(at)} with ${tokenName(watch)}`;
	if (watch.expiresAt !== null && at >= watch.expiresAt) {
		countOffence(tally, {at, text: `${used}, ${formatSeconds(at - watch.expiresAt)} after it expired`});
	} else if (watch.supersededAt !== null && at >= watch.supersededAt + supersededGraceMs) {
		countOffence(tally, {at, text: `${used}, ${formatSeconds(at - watch.supersededAt)} after a refresh replaced it`});
	}

	return {key, watch};
}

function recordIdentity(recording: Recording, client: ClientLog, {key: tokenKey, watch}: UsedToken, at: number): void {
	const rate = client.tallies['identity-rate'];
	countSeen(rate, at);
	if (watch.lastIdentityAt !== null) {
		const gap = at - watch.lastIdentityAt;
		const text = `${formatSeconds(gap)} after the previous, at ${formatAt(at)}, with ${tokenName(watch)}`;
		keepExtreme('identity-rate', rate, {value: gap, at, text});
		if (gap < identityMinGapMs) {
			countOffence(rate, {at, text});
		}
	}

	watch.lastIdentityAt = at;
	if (watch.identityAt !== null) {
		return;
	}

	watch.identityAt = at;
	const key = `${client.key} ${tokenKey}`;
	const awaited = recording.log.awaitedIdentity.get(key);
	if (awaited) {
		recording.log.awaitedIdentity.delete(key);
		const after = client.tallies['identity-after-token'];
		countSeen(after, awaited.firstUsedAt);
		keepExtreme('identity-after-token', after, {value: at - awaited.firstUsedAt, at, text: tokenName(watch)});
	}
}

export function recordHttp(recording: Recording, observation: HttpObservation): void {
	const {at, auth, method, path, clientVersion} = observation;
	const client = recording.client(auth?.deviceId ?? observation.deviceId, observation.peer);
	const request = `${cleanClientText(method, 10)} ${cleanClientText(path, 60)}`;
	if (path.startsWith(versionedPathPrefix) || path === healthPath) {
		const tally = client.tallies['client-version'];
		countSeen(tally, at);
		if (clientVersion === undefined) {
			countOffence(tally, {at, text: `${request} at ${formatAt(at)} without x-client-version`});
		} else if (semanticVersionPattern.test(clientVersion)) {
			keepExtreme('client-version', tally, {value: at, at, text: quoteClientText(clientVersion, 40)});
		} else {
			countOffence(tally, {at, text: `${request} at ${formatAt(at)} with x-client-version ${quoteClientText(clientVersion, 40)}, not a semantic version`});
		}
	}

	if (path === healthPath) {
		const tally = client.tallies.health;
		countSeen(tally, at);
		keepExtreme('health', tally, {value: at, at, text: ''});
	}

	const used = auth ? noteTokenUse(recording, client, auth, {at, what: request}) : undefined;
	if (used && path === identityPath && method === 'GET') {
		recordIdentity(recording, client, used, at);
	}
}

export function recordTokenIssued(recording: Recording, observation: TokenIssuedObservation): void {
	const client = recording.device(observation.deviceId);
	const accessKey = secretKey(observation.accessToken);
	setNewest(client.tokens, accessKey, {
		index: client.nextTokenIndex++,
		source: observation.source,
		expiresAt: observation.expiresAt,
		firstUsedAt: null,
		identityAt: null,
		lastIdentityAt: null,
		supersededAt: null,
	}, auditLimits.tokensPerDevice);
	if (observation.refreshToken !== undefined) {
		setNewest(client.refreshTokens, secretKey(observation.refreshToken), {index: client.nextRefreshIndex++, accessKey, spentAt: null}, auditLimits.tokensPerDevice);
	}
}

export function recordRefresh(recording: Recording, observation: RefreshObservation): void {
	const {at} = observation;
	const client = recording.client(observation.deviceId, observation.peer);
	const tally = client.tallies['refresh-single-use'];
	countSeen(tally, at);
	const watch = client.refreshTokens.get(secretKey(observation.refreshToken));
	const spentAt = watch?.spentAt ?? null;
	if (observation.spentBefore || spentAt !== null) {
		const name = watch ? `refresh token #${watch.index}` : 'a refresh token';
		countOffence(tally, {at, text: `refresh at ${formatAt(at)} with ${name}, ${spentAt === null ? 'spent before' : `spent at ${formatAt(spentAt)}`}`});
	}

	if (observation.outcome === 'ok' && watch) {
		watch.spentAt = at;
		const access = client.tokens.get(watch.accessKey);
		if (access) {
			access.supersededAt = at;
		}
	}
}

export function recordPairingCode(recording: Recording, observation: PairingCodeObservation): void {
	const client = recording.peer(observation.peer);
	const {log} = recording;
	const intervalMs = observation.intervalSeconds * 1000;
	const code: CodeWatch = {
		index: log.nextCodeIndex++,
		peerKey: client.key,
		deviceId: null,
		intervalMs,
		requiredMs: intervalMs,
		slowDowns: 0,
		lastPollAt: null,
		tally: emptyTally(),
	};
	setNewest(log.codes, secretKey(observation.deviceCode), code, auditLimits.deviceCodes);
}

function required(code: CodeWatch): string {
	const slowDowns = code.slowDowns > 0 ? ` and ${plural(code.slowDowns, 'slow_down')} (${formatSeconds(slowDownStepMs)} more each)` : '';
	return `at least ${formatSeconds(code.requiredMs)}: interval ${formatSeconds(code.intervalMs)}${slowDowns}`;
}

/** A poll of a device code the audit saw issued (others are not judged: their interval is unknown). */
export function recordPairingPoll(recording: Recording, observation: PairingPollObservation): void {
	const {at, answer} = observation;
	const code = recording.log.codes.get(secretKey(observation.deviceCode));
	recording.peer(observation.peer);
	if (!code) {
		return;
	}

	if (observation.deviceId !== undefined) {
		code.deviceId = observation.deviceId;
	}

	if (code.deviceId !== null) {
		// The client that redeems the code gets the device's tokens: it is the device (linked at once, so
		// that what it did before showing a token counts for the device).
		recording.device(code.deviceId, observation.deviceId === undefined ? undefined : observation.peer);
	}

	if (code.lastPollAt !== null) {
		const gap = at - code.lastPollAt;
		countSeen(code.tally, at);
		keepExtreme('pairing-poll', code.tally, {value: gap, at, text: required(code)});
		if (gap < code.requiredMs) {
			countOffence(code.tally, {at, text: `device code #${code.index} polled ${formatSeconds(gap)} after the previous poll, at ${formatAt(at)} (${required(code)})`});
		}
	}

	code.lastPollAt = at;
	if (answer === 'slow_down') {
		code.slowDowns++;
		code.requiredMs += slowDownStepMs;
	}
}
