import {afterEach, describe, expect, it} from 'vitest';
import type {AuditBreach, RuleVerdict} from '../../../source/emulator/audit/audit-report.js';
import {cleanup, startTestEmulator} from '../../helpers/emulator-fixture.js';

afterEach(cleanup);

const userAgent = 'bad-cam/0.1';

describe('a deliberately bad client under the referee (real loopback sockets)', () => {
	it('has every rule it breaks reported, as it happens and in the report, with the evidence', async () => {
		const breaches: AuditBreach[] = [];
		// The server's own idle timeout is stretched, so that the 70 s heartbeats reach it.
		const {emulator, clock, openSocket} = await startTestEmulator({idleTimeoutSeconds: 3600, audit: {onBreach: breach => breaches.push(breach)}});
		const deviceId = emulator.control.state().devices[0]!.id;
		// No x-client-version anywhere; /health a second before the first identity, then the identity every 10 s.
		const identity = async () => fetch(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer demo', 'user-agent': userAgent}});
		expect((await fetch(`${emulator.url}/health`, {headers: {'user-agent': userAgent}})).status).toBe(200);
		await clock.advance(1000);
		const start = clock.now();
		const iso = (seconds: number) => new Date(start + (seconds * 1000)).toISOString();
		expect((await identity()).status).toBe(200);
		const socket = await openSocket('demo');
		socket.sendJson({topic: `devices:${deviceId}`, event: 'phx_join', payload: '', ref: '1'});
		expect(await socket.nextJson()).toMatchObject({event: 'phx_reply', payload: {status: 'ok'}});

		let ref = 1;
		for (let second = 10; second <= 150; second += 10) {
			await clock.advance(10_000);
			expect((await identity()).status).toBe(200);
			if (second % 70 === 0) {
				// A heartbeat every 70 s.
				socket.sendJson({topic: 'phoenix', event: 'heartbeat', payload: '', ref: String(++ref)});
				expect(await socket.nextJson()).toMatchObject({topic: 'phoenix', payload: {status: 'ok'}});
			}
		}

		// The emulator closes the socket; the client never comes back.
		expect(emulator.control.drop()).toBe(1);
		expect(await socket.closed).toMatchObject({code: 1000});
		await clock.advance(60_000);

		// Each logged once, as it happened: the first /health came from an address that had shown no
		// token yet, so it is logged for that address, and again for the device once its token links them.
		const device = `${deviceId} (${userAgent})`;
		expect(breaches.map(({client, rule, firstAt}) => ({client, rule, firstAt}))).toEqual([
			{client: `127.0.0.1 (${userAgent}), no device's token`, rule: 'client-version', firstAt: iso(-1)},
			{client: device, rule: 'client-version', firstAt: iso(-1)},
			{client: device, rule: 'identity-rate', firstAt: iso(10)},
			{client: device, rule: 'heartbeat', firstAt: iso(60)},
			{client: device, rule: 'rejoin-after-close', firstAt: iso(210)},
		]);
		expect(breaches[0]!.evidence).toBe(`1 of 1 request to /v2/* and /health without a semantic x-client-version; first: GET /health at ${iso(-1)} without x-client-version`);
		expect(breaches.at(-1)!.evidence).toBe(`1 of 1 close by the emulator not followed by a reconnect and a join in time; first: socket #1 close 1000 at ${iso(150)}: no reconnect within 60.0 s`);

		const report = emulator.audit!.report();
		expect(report.clients).toHaveLength(1);
		const verdicts = Object.fromEntries(report.clients[0]!.rules.map(rule => [rule.rule, rule])) as Record<string, RuleVerdict>;
		expect(verdicts['client-version']).toEqual({
			rule: 'client-version', verdict: 'broken', firstAt: iso(-1),
			evidence: `17 of 17 requests to /v2/* and /health without a semantic x-client-version; first: GET /health at ${iso(-1)} without x-client-version`,
		});
		expect(verdicts['identity-rate']).toEqual({
			rule: 'identity-rate', verdict: 'broken', firstAt: iso(10),
			evidence: `15 identity requests less than 60.0 s after the previous one with the same token; first: 10.0 s after the previous, at ${iso(10)}, `
				+ 'with access token #1 (configured); shortest gap 10.0 s',
		});
		expect(verdicts.heartbeat).toEqual({
			rule: 'heartbeat', verdict: 'broken', firstAt: iso(60),
			evidence: `2 times 60.0 s or more without a heartbeat on topic phoenix; first: socket #1: no heartbeat on topic phoenix for 60.0 s after ${iso(0)}; longest gap 70.0 s`,
		});
		expect(verdicts['rejoin-after-close']).toEqual({
			rule: 'rejoin-after-close', verdict: 'broken', firstAt: iso(210),
			evidence: `1 of 1 close by the emulator not followed by a reconnect and a join in time; first: socket #1 close 1000 at ${iso(150)}: no reconnect within 60.0 s`,
		});
		// What it did right is said too.
		expect(verdicts['socket-token-in-query']?.verdict).toBe('kept');
		expect(verdicts['join-own-topic']?.verdict).toBe('kept');
		expect(verdicts.frames?.verdict).toBe('kept');
		expect(verdicts.health?.verdict).toBe('kept');
		expect(verdicts['refresh-single-use']).toMatchObject({verdict: 'not-seen', evidence: 'no refresh happened'});
	});
});
