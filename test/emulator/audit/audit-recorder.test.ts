import {inspect} from 'node:util';
import {describe, expect, it} from 'vitest';
import {auditLimits} from '../../../source/emulator/audit/audit-log.js';
import {ruleIds} from '../../../source/emulator/audit/audit-rules.js';
import {formatAuditTable} from '../../../source/emulator/audit/audit-table.js';
import {judgeAudit} from '../../../source/emulator/audit/judge.js';
import {AuditScenario, at, camera, iso} from './audit-scenario.js';

describe('the audit report', () => {
	it('has the shape of GET /_emulator/audit: one row per client, every rule in order', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		const report = scenario.recorder.report(at(1));
		expect(Object.keys(report)).toEqual(['clients']);
		expect(report.clients).toHaveLength(1);
		const [row] = report.clients;
		expect(Object.keys(row!)).toEqual(['client', 'deviceId', 'rules']);
		expect(row).toMatchObject({client: 'cam-1 (cam/1.0)', deviceId: 'cam-1'});
		expect(row!.rules.map(rule => rule.rule)).toEqual([...ruleIds]);
		for (const rule of row!.rules) {
			expect(Object.keys(rule)).toEqual(['rule', 'verdict', 'evidence', 'firstAt']);
			expect(['kept', 'broken', 'warning', 'not-seen']).toContain(rule.verdict);
			expect(rule.evidence).not.toBe('');
		}

		// Plain JSON: nothing is lost in serializing it.
		const text = JSON.stringify(report);
		expect(JSON.parse(text)).toEqual(report);
	});

	it('is a pure function of the log and "now": judging twice, or later, changes nothing recorded', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.heartbeat(15, 1);
		const before = inspect(scenario.recorder.log, {depth: 10});
		const late = judgeAudit(scenario.recorder.log, at(500));
		expect(judgeAudit(scenario.recorder.log, at(500))).toEqual(late);
		expect(inspect(scenario.recorder.log, {depth: 10})).toBe(before);
		expect(scenario.recorder.report(at(20)).clients[0]!.rules.find(rule => rule.rule === 'heartbeat')!.verdict).toBe('kept');
	});

	it('tells clients apart by the device of their token; a peer that used two devices\' tokens counts for both', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		const auth = {token: 'seed-2', deviceId: 'cam-2', state: 'valid'} as const;
		scenario.record({kind: 'http', at: at(1), peer: scenario.peer, method: 'GET', path: '/v2/devices/me', clientVersion: '2.0.0', auth, status: 200});
		scenario.health(2);
		const report = scenario.recorder.report(at(3));
		expect(report.clients.map(client => client.client)).toEqual(['cam-1 (cam/1.0)', 'cam-2 (cam/1.0)']);
		for (const client of report.clients) {
			expect(client.rules.find(rule => rule.rule === 'health')!.verdict).toBe('kept');
		}
	});

	it('names a client by every user agent it used, escaped', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		scenario.peer = {address: '10.0.0.7', userAgent: 'evil\u001B]0;title\u0007\u202E'};
		scenario.identity(61);
		scenario.peer = {address: '10.0.0.7', userAgent: undefined};
		scenario.identity(122);
		expect(scenario.row(123).client).toBe(String.raw`cam-1 (cam/1.0, evil\u001b]0;title\u0007\u202e)`);
	});

	it('never holds or shows a token, a refresh token or a device code', () => {
		const secrets = ['access-secret-1', 'access-secret-2', 'accesssecretthree', 'refresh-secret-1', 'refresh-secret-2', 'code-secret-1'];
		const scenario = new AuditScenario();
		scenario.pairingCode(0, 'code-secret-1');
		scenario.poll(1, 'code-secret-1');
		scenario.poll(6, 'code-secret-1', 'approved', 'cam-1');
		scenario.issue(6, 'access-secret-1', {refresh: 'refresh-secret-1', ttlSeconds: 100});
		scenario.upgrade(7, {token: 'access-secret-1', socketId: 1, queryAuthorization: 'Bearer%2520access-secret-1'});
		scenario.refresh(90, 'refresh-secret-1');
		scenario.issue(90, 'access-secret-2', {refresh: 'refresh-secret-2', source: 'refresh'});
		scenario.refresh(95, 'refresh-secret-1', 'reused');
		scenario.upgrade(96, {token: 'access-secret-2', socketId: 2, queryAuthorization: 'access-secret-2'});
		scenario.upgrade(97, {token: 'access-secret-2', socketId: 3, queryAuthorization: 'accesssecretthree%20Bearer'});
		scenario.identity(200, 'access-secret-1');
		const everything = [
			inspect(scenario.recorder.log, {depth: 20, maxArrayLength: null, maxStringLength: null}),
			JSON.stringify(scenario.recorder.report(at(300))),
			JSON.stringify(scenario.breaches),
			formatAuditTable(scenario.recorder.report(at(300))),
		].join('\n');
		for (const secret of secrets) {
			expect(everything).not.toContain(secret);
		}

		expect(scenario.breaches.map(breach => breach.rule).sort()).toEqual([
			'identity-after-token', 'join-own-topic', 'refresh-single-use', 'socket-token-in-query', 'token-not-expired',
		]);
	});
});

describe('the log\'s memory', () => {
	it('stays bounded over hours of heartbeats, sockets, closes, tokens and strangers', () => {
		const scenario = new AuditScenario();
		let socketId = 0;
		let seconds = 0;
		for (let hour = 0; hour < 12; hour++) {
			socketId++;
			scenario.connect(seconds, socketId);
			for (let beat = 0; beat < 240; beat++) {
				seconds += 15;
				scenario.heartbeat(seconds, socketId, beat);
			}

			scenario.close(seconds, socketId, 'drop');
			scenario.closed(seconds, socketId);
			scenario.issue(seconds, `token-${hour}`, {refresh: `refresh-${hour}`});
			scenario.identity(seconds, `token-${hour}`);
			seconds += 1;
		}

		// A thousand strangers while the device keeps asking /health: the least recently used are forgotten.
		for (let stranger = 0; stranger < 1000; stranger++) {
			scenario.peer = {address: `10.1.${Math.floor(stranger / 250)}.${stranger % 250}`, userAgent: `probe/${stranger}`};
			scenario.health(seconds);
			if (stranger % 100 === 0) {
				scenario.peer = camera;
				scenario.health(seconds);
			}
		}

		scenario.peer = camera;

		for (let extra = 0; extra < 200; extra++) {
			scenario.issue(seconds, `more-${extra}`, {refresh: `more-refresh-${extra}`});
			scenario.close(seconds, 999, 'idle');
		}

		const {log} = scenario.recorder;
		expect(log.clients.size).toBeLessThanOrEqual(auditLimits.peers + 1);
		expect(log.forgotten.peers).toBe(1001 - auditLimits.peers);
		expect(scenario.verdict('health', seconds).evidence).toBe(`GET /health 10 times, the last at ${iso(seconds)}`);
		expect(log.sockets.size).toBe(0);
		expect(log.pendingCloses.length).toBeLessThanOrEqual(auditLimits.pendingCloses);
		const client = log.clients.get('device:cam-1')!;
		expect(client.tokens.size).toBeLessThanOrEqual(auditLimits.tokensPerDevice);
		expect(client.refreshTokens.size).toBeLessThanOrEqual(auditLimits.tokensPerDevice);
		expect(scenario.verdict('heartbeat', seconds)).toMatchObject({verdict: 'kept', evidence: 'longest gap 15.0 s between heartbeats on topic phoenix (2880 heartbeats on 12 joined sockets)'});
		// Refs 0…239 on each socket are unique; a socket remembers its last 64.
		expect(scenario.verdict('frames', seconds).verdict).toBe('kept');
	});
});

describe('nextDue', () => {
	it('is the earliest time something can become overdue', () => {
		const scenario = new AuditScenario();
		expect(scenario.recorder.nextDue()).toBeUndefined();
		scenario.connect(0, 1);
		expect(scenario.recorder.nextDue()).toBe(at(60));
		scenario.heartbeat(15, 1);
		scenario.close(20, 1, 'idle');
		expect(scenario.recorder.nextDue()).toBe(at(80));
		scenario.issue(30, 'a1');
		scenario.upgrade(30, {token: 'a1', socketId: 2});
		expect(scenario.recorder.nextDue()).toBe(at(40));
		scenario.join(31, 2);
		scenario.identity(31, 'a1');
		expect(scenario.recorder.nextDue()).toBe(at(91));
	});
});

describe('formatAuditTable', () => {
	it('prints a heading per client and one line per rule, the evidence wrapped under itself', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		scenario.identity(10);
		const table = formatAuditTable(scenario.recorder.report(at(20)), {width: 80});
		const lines = table.split('\n');
		expect(lines[0]).toBe('Audit of cam-1 (cam/1.0): 1 broken, 0 warning, 1 kept, 11 not-seen');
		expect(lines[1]).toBe('  client-version         kept      2 requests to /v2/* and /health, each with a');
		expect(lines[2]).toBe('                                   semantic x-client-version (the last "2.0.0")');
		expect(lines.find(line => line.startsWith('  identity-rate'))).toBe('  identity-rate          broken    1 identity request less than 60.0 s after the');
		for (const line of lines) {
			expect(line.length).toBeLessThanOrEqual(80);
		}

		expect(table.endsWith('\n')).toBe(true);
		expect(formatAuditTable({clients: []})).toBe('Audit: no client was seen.\n');
		expect(iso(0)).toBe('2025-01-01T12:00:00.000Z');
	});
});

describe('two clients, as phase B will drive them for real', () => {
	it('a bad client gets each rule it breaks logged once, with the evidence', () => {
		const scenario = new AuditScenario();
		// No x-client-version, identity every 10 s, heartbeats every 70 s, no rejoin after a close.
		scenario.connect(0, 1);
		for (let seconds = 0; seconds <= 60; seconds += 10) {
			scenario.identity(seconds, 'seed', {version: null});
		}

		scenario.heartbeat(70, 1);
		scenario.close(80, 1, '1000');
		scenario.closed(80, 1);
		scenario.tick(140);
		expect(scenario.breaches.map(breach => [breach.rule, breach.firstAt])).toEqual([
			['client-version', iso(0)],
			['identity-rate', iso(10)],
			['heartbeat', iso(60)],
			['rejoin-after-close', iso(140)],
		]);
		const report = scenario.recorder.report(at(140));
		expect(report.clients[0]!.rules.filter(rule => rule.verdict === 'broken').map(rule => rule.rule))
			.toEqual(['client-version', 'identity-rate', 'heartbeat', 'rejoin-after-close']);
	});

	it('a client that follows the guide gets every rule kept or not seen', () => {
		const scenario = new AuditScenario();
		scenario.pairingCode(0, 'code');
		scenario.poll(5, 'code');
		scenario.poll(10, 'code', 'approved', 'cam-1');
		scenario.issue(10, 'a1', {refresh: 'r1', ttlSeconds: 120});
		scenario.identity(10.1, 'a1');
		scenario.health(10.2);
		scenario.upgrade(10.3, {token: 'a1', socketId: 1});
		scenario.join(10.4, 1);
		let seconds = 10.4;
		while (seconds < 100) {
			seconds += 15;
			scenario.heartbeat(seconds, 1);
		}

		scenario.refresh(105, 'r1');
		scenario.issue(105, 'a2', {refresh: 'r2', source: 'refresh', ttlSeconds: 120});
		scenario.identity(105.1, 'a2');
		scenario.close(110, 1, 'drop');
		scenario.closed(110, 1);
		scenario.upgrade(111, {token: 'a2', state: 'valid', outcome: 'refused'});
		scenario.upgrade(112.5, {token: 'a2', socketId: 2});
		scenario.join(112.6, 2);
		scenario.heartbeat(127.6, 2);
		expect(scenario.breaches).toEqual([]);
		const verdicts = Object.fromEntries(scenario.row(128).rules.map(rule => [rule.rule, rule.verdict]));
		expect(verdicts).toEqual({
			'client-version': 'kept',
			'identity-after-token': 'kept',
			'identity-rate': 'not-seen',
			'socket-token-in-query': 'kept',
			'join-own-topic': 'kept',
			heartbeat: 'kept',
			'rejoin-after-close': 'kept',
			'no-hammering': 'kept',
			frames: 'kept',
			'token-not-expired': 'kept',
			'refresh-single-use': 'kept',
			'pairing-poll': 'kept',
			health: 'kept',
		});
	});
});
