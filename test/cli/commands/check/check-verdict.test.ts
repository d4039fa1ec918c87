import {describe, expect, it} from 'vitest';
import type {CheckFindings} from '../../../../source/cli/commands/check/check-findings.js';
import {checkLine} from '../../../../source/cli/commands/check/check-output.js';
import {verdict} from '../../../../source/cli/commands/check/check-verdict.js';
import {baseTime, ownedToken, pausedStatus, snapshot} from '../../../../support/fake-monitor.js';

const answered: CheckFindings = {
	startedAt: baseTime - 1000,
	owned: true,
	health: {ok: true, latencyMs: 21},
	identity: {ok: true, identity: snapshot().identity.identity!, origin: 'fetched', fetchedAt: baseTime - 400},
	deviceKnown: true,
	socket: {kind: 'joined', topic: 'devices:a7e9', joinMs: 35},
};
const options = {socket: true, now: baseTime, timedOut: false};

describe('check verdict', () => {
	it('gives performance data in the plugin convention: the unit after the value, a minimum of 0', () => {
		const token = ownedToken({}, {expiresAt: baseTime + 17_000});
		const result = verdict(answered, snapshot({token}), options);
		expect(result.status).toBe('OK');
		expect(checkLine(result)).toBe('C2C OK - joined devices:a7e9, not paused, health 21 ms | health=21ms;;;0 join=35ms;;;0 identity_age=0s;;;0 token_expires=17s;;;0');
	});

	it('is CRITICAL when owned credentials cannot be saved, whatever else is fine', () => {
		for (const state of ['cannot-save', 'unsaved'] as const) {
			const token = ownedToken({}, {persistence: {state, error: 'no space left on device (ENOSPC)', since: baseTime - 60_000, nextTryAt: null}});
			expect(verdict(answered, snapshot({token}), options)).toMatchObject({status: 'CRITICAL', summary: 'credentials cannot be saved: no space left on device (ENOSPC)'});
		}
	});

	it('warns when nothing confirms Paused, with why', () => {
		const confidence = {confirmed: false, confirmedAt: baseTime - 90_000, reasons: ['socket refused', 'identity failing'], lastEvidence: 'identity' as const};
		const unconfirmed = {...pausedStatus(false), confidence};
		const result = verdict({...answered, socket: undefined}, snapshot({status: unconfirmed}), {...options, socket: false});
		expect(result).toMatchObject({status: 'WARNING', summary: 'paused state unconfirmed (socket refused, identity failing), not paused, health 21 ms'});
	});
});
