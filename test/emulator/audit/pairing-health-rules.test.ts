import {describe, expect, it} from 'vitest';
import {AuditScenario, iso} from './audit-scenario.js';

describe('pairing-poll', () => {
	it('is not seen without pairing, or with a single poll', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		expect(scenario.verdict('pairing-poll', 1)).toMatchObject({verdict: 'not-seen', evidence: 'no pairing (the device used a configured token)'});
		scenario.pairingCode(2, 'code-1');
		scenario.poll(7, 'code-1');
		expect(scenario.verdict('pairing-poll', 8)).toMatchObject({verdict: 'not-seen', evidence: '1 device code, never polled twice'});
	});

	it('is kept when the polls wait the interval, and counts for the device the code was approved for', () => {
		const scenario = new AuditScenario();
		scenario.pairingCode(0, 'code-1');
		scenario.poll(5, 'code-1');
		scenario.poll(10, 'code-1');
		scenario.poll(15, 'code-1', 'approved', 'cam-1');
		expect(scenario.verdict('pairing-poll', 16)).toEqual({
			rule: 'pairing-poll',
			verdict: 'kept',
			evidence: '2 polls after the first on 1 device code, each waiting the interval (5.0 s more after each slow_down); shortest gap 5.0 s (at least 5.0 s: interval 5.0 s)',
			firstAt: iso(10),
		});
	});

	it('is broken by a poll sooner than the interval, which grows by 5 s with each slow_down', () => {
		const scenario = new AuditScenario();
		scenario.pairingCode(0, 'code-1');
		scenario.poll(5, 'code-1');
		scenario.poll(9, 'code-1', 'slow_down');
		scenario.poll(19, 'code-1');
		scenario.poll(28, 'code-1');
		const first = `device code #1 polled 4.0 s after the previous poll, at ${iso(9)} (at least 5.0 s: interval 5.0 s)`;
		// Not approved yet: the code belongs to the client that asked for it.
		expect(scenario.verdict('pairing-poll', 30, null)).toEqual({
			rule: 'pairing-poll', verdict: 'broken', evidence: `2 of 3 polls sooner than the interval allows; first: ${first}`, firstAt: iso(9),
		});
		expect(scenario.row(30, null).client).toBe('10.0.0.7 (cam/1.0), no device\'s token');
		expect(scenario.breaches.map(breach => breach.evidence)).toEqual([`1 of 1 poll sooner than the interval allows; first: ${first}`]);
		scenario.poll(38, 'code-1', 'approved', 'cam-1');
		expect(scenario.verdict('pairing-poll', 39)).toMatchObject({verdict: 'broken', evidence: `2 of 4 polls sooner than the interval allows; first: ${first}`});
	});
});

describe('health', () => {
	it('is not seen without GET /health, and a peer that never used the device\'s token does not count for it', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		scenario.peer = {address: '10.0.0.9', userAgent: 'curl/8.5.0'};
		scenario.health(1);
		expect(scenario.verdict('health', 2)).toMatchObject({
			verdict: 'not-seen', evidence: 'no GET /health (the guide uses it to tell whether Frame.io is reachable)', firstAt: null,
		});
		expect(scenario.verdict('health', 2, null)).toMatchObject({verdict: 'kept'});
	});

	it('is kept when the device asks /health', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		scenario.health(10);
		scenario.health(40);
		expect(scenario.verdict('health', 50)).toEqual({rule: 'health', verdict: 'kept', evidence: `GET /health 2 times, the last at ${iso(40)}`, firstAt: iso(10)});
	});
});
