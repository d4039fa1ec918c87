import {describe, expect, it} from 'vitest';
import {type CheckFindings, findingsAfter} from '../../../../source/cli/commands/check/check-findings.js';
import {answered, verdict} from '../../../../source/cli/commands/check/check-verdict.js';
import type {TokenEvent} from '../../../../source/core/token/token-source.js';
import {baseTime, snapshot} from '../../../../support/fake-monitor.js';

const known: CheckFindings = {
	startedAt: baseTime - 1000,
	owned: true,
	health: {ok: true, latencyMs: 21},
	identity: {ok: true, identity: snapshot().identity.identity!, origin: 'fetched', fetchedAt: baseTime - 400},
	deviceKnown: true,
	socket: {kind: 'joined', topic: 'devices:a7e9', joinMs: 35},
};

/** The findings after the token's lines, in order. */
function after(findings: CheckFindings, ...events: Array<TokenEvent['event']>): CheckFindings {
	let folded = findings;
	for (const event of events) {
		folded = findingsAfter(folded, {type: 'token', at: baseTime, version: 1, token: {event, at: baseTime, source: 'credentials', expiresAt: null}});
	}

	return folded;
}

describe('check findings: an owned token\'s refresh', () => {
	it('is under way while it waits for another process\'s lock on the credentials file, and the check waits for its outcome', () => {
		const waiting = after(known, 'refreshing', 'waiting-for-lock');
		expect(waiting.refreshing).toBe(true);
		expect(answered(waiting, true)).toBe(false);
		expect(verdict(waiting, snapshot(), {socket: true, now: baseTime, timedOut: true})).toMatchObject({
			status: 'UNKNOWN', summary: 'no answer within the timeout: waited for the token refresh under way',
		});
		// Its outcome ends it.
		expect(after(waiting, 'refreshed').refreshing).toBe(false);
		expect(answered(after(waiting, 'refreshed'), true)).toBe(true);
	});

	it('is under way from the first line it waits on the lock, and not after a failure', () => {
		expect(after(known, 'waiting-for-lock').refreshing).toBe(true);
		expect(after(known, 'refreshing', 'waiting-for-lock', 'refresh-failed').refreshing).toBe(false);
	});
});
