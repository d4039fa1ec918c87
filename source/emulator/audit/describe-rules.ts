import {
	heartbeatMaxGapMs, heartbeatRecommendedMs, heartbeatTopic, heartbeatWarnGapMs, identityAfterTokenMs, identityMinGapMs, ownTopic, retryMinGapMs,
	slowDownStepMs, type RuleId,
} from './audit-rules.js';
import type {Verdict} from './audit-report.js';
import {formatAt, formatSeconds, plural} from './evidence-text.js';
import type {Tally} from './tally.js';

/** What a client's row knows besides its tallies. */
export type RowFacts = {
	readonly deviceId: string | null;
	readonly misdirectedHeartbeats: number;
	readonly joinedSockets: number;
	/** Closes by the emulator still within their time to rejoin. */
	readonly pendingCloses: number;
	/** New tokens first used less than 10 s ago and not yet followed by an identity request. */
	readonly awaitedIdentity: number;
	readonly deviceCodes: number;
};

export type Judged = {
	readonly verdict: Verdict;
	readonly evidence: string;
	readonly firstAt: number | null;
};

type Texts = {
	readonly broken: (tally: Tally) => string;
	readonly warning?: (tally: Tally) => string;
	readonly kept: (tally: Tally) => string;
	readonly notSeen: (tally: Tally) => string;
	/** The rule was exercised (kept rather than not seen); by default, anything was judged. */
	readonly judged?: (tally: Tally) => boolean;
};

const seconds = formatSeconds;

function first(tally: Tally, which: 'offence' | 'warning'): string {
	const note = which === 'offence' ? tally.firstOffence : tally.firstWarning;
	return note?.text ?? '';
}

function extremeValue(tally: Tally): string {
	return tally.extreme ? seconds(tally.extreme.value) : '';
}

function misdirected(facts: RowFacts): string {
	return facts.misdirectedHeartbeats > 0 ? `; ${plural(facts.misdirectedHeartbeats, 'heartbeat')} sent on a topic other than ${heartbeatTopic}` : '';
}

function pending(facts: RowFacts): string {
	return `${plural(facts.pendingCloses, 'close')} by the emulator still within the time to rejoin`;
}

function texts(rule: RuleId, facts: RowFacts): Texts {
	switch (rule) {
		case 'client-version': {
			return {
				broken: t => `${t.offences} of ${plural(t.seen, 'request')} to /v2/* and /health without a semantic x-client-version; first: ${first(t, 'offence')}`,
				kept: t => `${plural(t.seen, 'request')} to /v2/* and /health, each with a semantic x-client-version (the last ${t.extreme?.text ?? ''})`,
				notSeen: () => 'no request to /v2/* or /health',
			};
		}

		case 'identity-after-token': {
			return {
				broken: t => `${t.offences} of ${plural(t.seen, 'new token')} not followed by an identity request within ${seconds(identityAfterTokenMs)} of first use; `
					+ `first: ${first(t, 'offence')}`,
				kept: t => `the identity was fetched after every new access token (${plural(t.seen, 'token')} from pairing or a refresh), `
					+ `at worst ${extremeValue(t)} after its first use`,
				notSeen: () => facts.awaitedIdentity > 0
					? `${plural(facts.awaitedIdentity, 'new token')} first used less than ${seconds(identityAfterTokenMs)} ago`
					: 'no access token from pairing or a refresh was used (a configured token is not judged)',
			};
		}

		case 'identity-rate': {
			return {
				broken: t => `${plural(t.offences, 'identity request')} less than ${seconds(identityMinGapMs)} after the previous one with the same token; `
					+ `first: ${first(t, 'offence')}; shortest gap ${extremeValue(t)}`,
				kept: t => `shortest gap ${extremeValue(t)} between identity requests with the same token (${plural(t.seen, 'request')})`,
				notSeen: t => t.seen === 0 ? 'no identity request' : `${plural(t.seen, 'identity request')}, never two with the same token`,
				judged: t => t.extreme !== null,
			};
		}

		case 'socket-token-in-query': {
			return {
				broken: t => `${t.offences} of ${plural(t.seen, 'upgrade')} without Authorization=Bearer%20<token> in the query; first: ${first(t, 'offence')}`,
				warning: t => `${t.warnings} of ${plural(t.seen, 'upgrade')} not in the guide's form Authorization=Bearer%20<token>; first: ${first(t, 'warning')}`,
				kept: t => `${plural(t.seen, 'upgrade')}, each with Authorization=Bearer%20<token> in the query`,
				notSeen: () => 'no websocket upgrade',
			};
		}

		case 'join-own-topic': {
			const own = ownTopic(facts.deviceId ?? '<device id>');
			return {
				broken: t => `${plural(t.offences, 'offence')} in ${plural(t.seen, 'join')}: a join of another topic than ${own}, `
					+ `or a socket that never joined it; first: ${first(t, 'offence')}`,
				kept: t => `${plural(t.seen, 'join')}, each of ${own}`,
				notSeen: () => 'no phx_join',
			};
		}

		case 'heartbeat': {
			return {
				broken: t => `${plural(t.offences, 'time')} ${seconds(heartbeatMaxGapMs)} or more without a heartbeat on topic ${heartbeatTopic}; `
					+ `first: ${first(t, 'offence')}; longest gap ${extremeValue(t)}${misdirected(facts)}`,
				warning: t => `longest gap ${extremeValue(t)} between heartbeats (${seconds(heartbeatRecommendedMs)} are recommended; `
					+ `a gap above ${seconds(heartbeatWarnGapMs)} is a warning); ${plural(t.warnings, 'gap')} above ${seconds(heartbeatWarnGapMs)}, `
					+ `first: ${first(t, 'warning')}${misdirected(facts)}`,
				kept: t => `longest gap ${extremeValue(t)} between heartbeats on topic ${heartbeatTopic} `
					+ `(${plural(t.seen, 'heartbeat')} on ${plural(facts.joinedSockets, 'joined socket')})${misdirected(facts)}`,
				notSeen: () => `${facts.joinedSockets === 0 ? 'no socket joined its topic' : 'no heartbeat yet on a joined socket'}${misdirected(facts)}`,
			};
		}

		case 'rejoin-after-close': {
			const stillPending = facts.pendingCloses > 0 ? `; ${pending(facts)}` : '';
			return {
				broken: t => `${t.offences} of ${plural(t.seen, 'close')} by the emulator not followed by a reconnect and a join in time; first: ${first(t, 'offence')}${stillPending}`,
				kept: t => `reconnected and joined after each of ${plural(t.seen, 'close')} by the emulator, at worst ${extremeValue(t)} after it (${t.extreme?.text ?? ''})${stillPending}`,
				notSeen: () => facts.pendingCloses > 0 ? pending(facts) : 'the emulator closed no socket of this device',
			};
		}

		case 'no-hammering': {
			return {
				broken: t => `${plural(t.offences, 'attempt')} less than ${seconds(retryMinGapMs)} after a refused or cut upgrade; first: ${first(t, 'offence')}; shortest gap ${extremeValue(t)}`,
				kept: t => `shortest gap ${extremeValue(t)} between a refused or cut upgrade and the next attempt (${plural(t.seen, 'retry', 'retries')})`,
				notSeen: () => 'no upgrade was refused or cut and then tried again',
			};
		}

		case 'frames': {
			return {
				broken: t => `${t.offences} of ${plural(t.seen, 'frame')} without topic, event, payload and ref; first: ${first(t, 'offence')}`,
				warning: t => `${plural(t.seen, 'frame')}, each with topic, event, payload and ref; ${plural(t.warnings, 'ref')} reused on a socket `
					+ `(unique refs are recommended; the guide's own heartbeat reuses "heartbeat"); first: ${first(t, 'warning')}`,
				kept: t => `${plural(t.seen, 'frame')}, each with topic, event, payload and ref, refs unique per socket`,
				notSeen: () => 'no frame received',
			};
		}

		case 'token-not-expired': {
			return {
				broken: t => `${t.offences} of ${plural(t.seen, 'use')} of an access token after it expired or a refresh replaced it; first: ${first(t, 'offence')}`,
				kept: t => `${plural(t.seen, 'use')} of access tokens that expire, none after its expiry or its replacement by a refresh`,
				notSeen: () => 'no request with an access token that expires (a configured token never does)',
			};
		}

		case 'refresh-single-use': {
			return {
				broken: t => `${t.offences} of ${plural(t.seen, 'refresh', 'refreshes')} with a refresh token already spent; first: ${first(t, 'offence')}`,
				kept: t => `${plural(t.seen, 'refresh', 'refreshes')}, each with a refresh token not spent before`,
				notSeen: () => 'no refresh happened',
			};
		}

		case 'pairing-poll': {
			return {
				broken: t => `${t.offences} of ${plural(t.seen, 'poll')} sooner than the interval allows; first: ${first(t, 'offence')}`,
				kept: t => `${plural(t.seen, 'poll')} after the first on ${plural(facts.deviceCodes, 'device code')}, each waiting the interval `
					+ `(${seconds(slowDownStepMs)} more after each slow_down); shortest gap ${extremeValue(t)} (${t.extreme?.text ?? ''})`,
				notSeen: () => facts.deviceCodes > 0 ? `${plural(facts.deviceCodes, 'device code')}, never polled twice` : 'no pairing (the device used a configured token)',
			};
		}

		case 'health': {
			return {
				broken: () => '',
				kept: t => `GET /health ${plural(t.seen, 'time')}, the last at ${formatAt(t.extreme?.at ?? 0)}`,
				notSeen: () => 'no GET /health (the guide uses it to tell whether Frame.io is reachable)',
			};
		}
	}
}

/** A rule's verdict, evidence and first time, from its (merged) tally. */
export function describeRule(rule: RuleId, tally: Tally, facts: RowFacts): Judged {
	const text = texts(rule, facts);
	if (tally.offences > 0) {
		return {verdict: 'broken', evidence: text.broken(tally), firstAt: tally.firstOffence?.at ?? null};
	}

	if (tally.warnings > 0 && text.warning) {
		return {verdict: 'warning', evidence: text.warning(tally), firstAt: tally.firstWarning?.at ?? null};
	}

	const judged = text.judged ? text.judged(tally) : tally.seen > 0;
	return judged
		? {verdict: 'kept', evidence: text.kept(tally), firstAt: tally.firstSeenAt}
		: {verdict: 'not-seen', evidence: text.notSeen(tally), firstAt: null};
}
