import {describe, expect, it} from 'vitest';
import {formatBreach} from '../../../source/emulator/audit/audit-report.js';
import {semanticVersionPattern} from '../../../source/emulator/audit/audit-rules.js';
import {AuditScenario, at, iso} from './audit-scenario.js';

describe('client-version', () => {
	it('is not seen before any request to /v2/* or /health', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {socketId: 1});
		expect(scenario.verdict('client-version', 1)).toEqual({
			rule: 'client-version', verdict: 'not-seen', evidence: 'no request to /v2/* or /health', firstAt: null,
		});
	});

	it('is kept when every request to /v2/* and /health carries a semantic version; control routes are not judged', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		scenario.health(1, {version: '2.16.4-beta.1+build.7'});
		scenario.request(2, '/_emulator/state', {version: null});
		expect(scenario.verdict('client-version', 3)).toEqual({
			rule: 'client-version',
			verdict: 'kept',
			evidence: '2 requests to /v2/* and /health, each with a semantic x-client-version (the last "2.16.4-beta.1+build.7")',
			firstAt: iso(0),
		});
	});

	it('is broken by a request without the header or with a version that is not semantic, counted for the device its peer acts for', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		// No token: the peer's, which the identity request linked to the device.
		scenario.health(5, {version: null});
		scenario.request(70, '/v2/devices/me', {token: 'seed', version: 'v2.0'});
		const verdict = scenario.verdict('client-version', 80);
		expect(verdict).toEqual({
			rule: 'client-version',
			verdict: 'broken',
			evidence: `2 of 3 requests to /v2/* and /health without a semantic x-client-version; first: GET /health at ${iso(5)} without x-client-version`,
			firstAt: iso(5),
		});
		// The log prints the break once, when it happens.
		expect(scenario.breachesOf('client-version').map(breach => formatBreach(breach))).toEqual([
			`audit: cam-1 (cam/1.0) broke client-version: 1 of 2 requests to /v2/* and /health without a semantic x-client-version; first: GET /health at ${iso(5)} without x-client-version`,
		]);
	});

	it('quotes and escapes what the client sent', () => {
		const scenario = new AuditScenario();
		scenario.identity(0, 'seed', {version: '2.0\u001B[31m'});
		expect(scenario.verdict('client-version', 1).evidence).toContain(String.raw`with x-client-version "2.0\u001b[31m", not a semantic version`);
	});

	it('follows semver.org', () => {
		for (const good of ['0.0.0', '2.0.0', '10.20.30', '1.0.0-alpha.1', '1.0.0+20130313144700', '1.0.0-rc.1+build.1']) {
			expect(semanticVersionPattern.test(good), good).toBe(true);
		}

		for (const bad of ['', '2', '2.0', 'v2.0.0', '01.0.0', '1.0.0-', '1.0.0-01', ' 2.0.0', '2.0.0\n']) {
			expect(semanticVersionPattern.test(bad), bad).toBe(false);
		}
	});
});

describe('identity-after-token', () => {
	it('is not seen with only a configured token', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		expect(scenario.verdict('identity-after-token', 30)).toMatchObject({
			verdict: 'not-seen', evidence: 'no access token from pairing or a refresh was used (a configured token is not judged)', firstAt: null,
		});
	});

	it('waits 10 s after a new token\'s first use before judging it', () => {
		const scenario = new AuditScenario();
		scenario.issue(0, 'a1');
		scenario.upgrade(1, {token: 'a1', socketId: 1});
		expect(scenario.verdict('identity-after-token', 10.9)).toMatchObject({verdict: 'not-seen', evidence: '1 new token first used less than 10.0 s ago'});
		expect(scenario.recorder.nextDue()).toBe(at(11));
	});

	it('is kept when the identity follows each new token', () => {
		const scenario = new AuditScenario();
		scenario.issue(0, 'a1', {refresh: 'r1'});
		scenario.upgrade(1, {token: 'a1', socketId: 1});
		scenario.identity(3, 'a1');
		scenario.refresh(100, 'r1');
		scenario.issue(100, 'a2', {refresh: 'r2', source: 'refresh'});
		scenario.identity(100.5, 'a2');
		expect(scenario.verdict('identity-after-token', 200)).toEqual({
			rule: 'identity-after-token',
			verdict: 'kept',
			evidence: 'the identity was fetched after every new access token (2 tokens from pairing or a refresh), at worst 2.0 s after its first use',
			firstAt: iso(1),
		});
	});

	it('is broken as soon as 10 s pass after a new token\'s first use without an identity request', () => {
		const scenario = new AuditScenario();
		scenario.issue(0, 'a1', {refresh: 'r1'});
		scenario.identity(1, 'a1');
		scenario.refresh(100, 'r1');
		scenario.issue(100, 'a2', {refresh: 'r2', source: 'refresh'});
		scenario.upgrade(101, {token: 'a2', socketId: 1});
		expect(scenario.tick(110.9)).toEqual([]);
		const evidence = '1 of 2 new tokens not followed by an identity request within 10.0 s of first use; '
			+ `first: access token #2 (from a refresh) first used at ${iso(101)}, no identity request within 10.0 s`;
		// The judge sees it at "now", before anything settles it.
		expect(scenario.verdict('identity-after-token', 111)).toEqual({rule: 'identity-after-token', verdict: 'broken', evidence, firstAt: iso(111)});
		expect(scenario.tick(111)).toEqual([{client: 'cam-1 (cam/1.0)', deviceId: 'cam-1', rule: 'identity-after-token', evidence, firstAt: iso(111)}]);
		// A late identity request changes nothing, and nothing is logged twice.
		scenario.identity(130, 'a2');
		expect(scenario.verdict('identity-after-token', 140)).toMatchObject({verdict: 'broken', evidence});
		expect(scenario.breachesOf('identity-after-token')).toHaveLength(1);
	});

	it('counts an identity request exactly 10 s after the first use as late', () => {
		const scenario = new AuditScenario();
		scenario.issue(0, 'a1');
		scenario.upgrade(0, {token: 'a1', socketId: 1});
		scenario.identity(10, 'a1');
		expect(scenario.verdict('identity-after-token', 10)).toMatchObject({verdict: 'broken', firstAt: iso(10)});
	});
});

describe('identity-rate', () => {
	it('is not seen with fewer than two identity requests per token', () => {
		const scenario = new AuditScenario();
		scenario.health(0);
		expect(scenario.verdict('identity-rate', 1, null)).toMatchObject({verdict: 'not-seen', evidence: 'no identity request'});
		scenario.identity(0);
		scenario.issue(20, 'a1');
		scenario.identity(20, 'a1');
		// Counted per token: a new token may (and must) be followed by an identity request at once.
		expect(scenario.verdict('identity-rate', 30)).toMatchObject({verdict: 'not-seen', evidence: '2 identity requests, never two with the same token'});
	});

	it('is kept with gaps of 60 s or more', () => {
		const scenario = new AuditScenario();
		for (const seconds of [0, 60, 125]) {
			scenario.identity(seconds);
		}

		expect(scenario.verdict('identity-rate', 200)).toEqual({
			rule: 'identity-rate', verdict: 'kept', evidence: 'shortest gap 60.0 s between identity requests with the same token (3 requests)', firstAt: iso(0),
		});
	});

	it('is broken by two requests with the same token less than 60 s apart', () => {
		const scenario = new AuditScenario();
		for (const seconds of [0, 10, 20, 100]) {
			scenario.identity(seconds);
		}

		expect(scenario.verdict('identity-rate', 200)).toEqual({
			rule: 'identity-rate',
			verdict: 'broken',
			evidence: '2 identity requests less than 60.0 s after the previous one with the same token; '
				+ `first: 10.0 s after the previous, at ${iso(10)}, with access token #1 (configured); shortest gap 10.0 s`,
			firstAt: iso(10),
		});
		expect(scenario.breachesOf('identity-rate').map(breach => breach.firstAt)).toEqual([iso(10)]);
	});
});

describe('token-not-expired', () => {
	it('is not seen when the only token never expires, and does not blame the device for a token the emulator ended early', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		scenario.request(1, '/v2/devices/me', {token: 'seed', state: 'expired', status: 401});
		expect(scenario.verdict('token-not-expired', 2)).toMatchObject({
			verdict: 'not-seen', evidence: 'no request with an access token that expires (a configured token never does)', firstAt: null,
		});
	});

	it('is kept while every use comes before the token expires', () => {
		const scenario = new AuditScenario();
		scenario.issue(0, 'a1', {ttlSeconds: 100});
		scenario.identity(1, 'a1');
		scenario.upgrade(2, {token: 'a1', socketId: 1});
		expect(scenario.verdict('token-not-expired', 99)).toEqual({
			rule: 'token-not-expired', verdict: 'kept', evidence: '2 uses of access tokens that expire, none after its expiry or its replacement by a refresh', firstAt: iso(1),
		});
	});

	it('is broken by a use at or after the expiry the client was given', () => {
		const scenario = new AuditScenario();
		scenario.issue(0, 'a1', {ttlSeconds: 100});
		scenario.identity(1, 'a1');
		scenario.request(105, '/v2/devices/me', {token: 'a1', state: 'expired', status: 401});
		expect(scenario.verdict('token-not-expired', 106)).toEqual({
			rule: 'token-not-expired',
			verdict: 'broken',
			evidence: `1 of 2 uses of an access token after it expired or a refresh replaced it; first: GET /v2/devices/me at ${iso(105)} with access token #1 (from pairing), 5.0 s after it expired`,
			firstAt: iso(105),
		});
	});

	it('is broken by a use after a refresh replaced the token, past a second for requests already on their way', () => {
		const scenario = new AuditScenario();
		scenario.issue(0, 'a1', {refresh: 'r1'});
		scenario.identity(1, 'a1');
		scenario.refresh(50, 'r1');
		scenario.issue(50, 'a2', {refresh: 'r2', source: 'refresh'});
		scenario.upgrade(50.5, {token: 'a1', state: 'expired', outcome: 'refused'});
		expect(scenario.verdict('token-not-expired', 51).verdict).toBe('kept');
		scenario.upgrade(52, {token: 'a1', state: 'expired', outcome: 'refused'});
		expect(scenario.verdict('token-not-expired', 53)).toMatchObject({
			verdict: 'broken',
			evidence: `1 of 3 uses of an access token after it expired or a refresh replaced it; first: upgrade at ${iso(52)} with access token #1 (from pairing), 2.0 s after a refresh replaced it`,
		});
	});
});

describe('refresh-single-use', () => {
	it('is not seen without a refresh', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		expect(scenario.verdict('refresh-single-use', 1)).toMatchObject({verdict: 'not-seen', evidence: 'no refresh happened', firstAt: null});
	});

	it('is kept while each refresh token is spent once (a revoked one refused is not the device\'s fault)', () => {
		const scenario = new AuditScenario();
		scenario.issue(0, 'a1', {refresh: 'r1'});
		scenario.refresh(100, 'r1');
		scenario.issue(100, 'a2', {refresh: 'r2', source: 'refresh'});
		scenario.refresh(200, 'r2', 'revoked');
		expect(scenario.verdict('refresh-single-use', 300)).toEqual({
			rule: 'refresh-single-use', verdict: 'kept', evidence: '2 refreshes, each with a refresh token not spent before', firstAt: iso(100),
		});
	});

	it('is broken by a refresh token spent twice', () => {
		const scenario = new AuditScenario();
		scenario.issue(0, 'a1', {refresh: 'r1'});
		scenario.refresh(100, 'r1');
		scenario.issue(100, 'a2', {refresh: 'r2', source: 'refresh'});
		scenario.refresh(300, 'r1', 'reused');
		expect(scenario.verdict('refresh-single-use', 301)).toEqual({
			rule: 'refresh-single-use',
			verdict: 'broken',
			evidence: `1 of 2 refreshes with a refresh token already spent; first: refresh at ${iso(300)} with refresh token #1, spent at ${iso(100)}`,
			firstAt: iso(300),
		});
	});
});
