import {describe, expect, it} from 'vitest';
import {AuditScenario, at, iso} from './audit-scenario.js';

describe('socket-token-in-query', () => {
	it('is not seen without an upgrade', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		expect(scenario.verdict('socket-token-in-query', 1)).toMatchObject({verdict: 'not-seen', evidence: 'no websocket upgrade', firstAt: null});
	});

	it('is kept with Authorization=Bearer%20<token>', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {socketId: 1});
		scenario.upgrade(5, {socketId: 2});
		expect(scenario.verdict('socket-token-in-query', 6)).toEqual({
			rule: 'socket-token-in-query', verdict: 'kept', evidence: '2 upgrades, each with Authorization=Bearer%20<token> in the query', firstAt: iso(0),
		});
	});

	it('warns about a + for the space', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {socketId: 1});
		scenario.upgrade(5, {socketId: 2, queryAuthorization: 'Bearer+seed'});
		expect(scenario.verdict('socket-token-in-query', 6)).toEqual({
			rule: 'socket-token-in-query',
			verdict: 'warning',
			evidence: `1 of 2 upgrades not in the guide's form Authorization=Bearer%20<token>; first: upgrade at ${iso(5)}: `
				+ 'Authorization=Bearer+<token>, a + for the space, which form decoding reads as a space; the guide writes %20',
			firstAt: iso(5),
		});
	});

	it('is broken by a token in the header only, counted for the device whose token the same client used', () => {
		const scenario = new AuditScenario();
		scenario.identity(0);
		// The emulator finds no token in the query: the upgrade is the peer's, linked to the device.
		scenario.upgrade(1, {queryAuthorization: undefined, authorizationHeader: true, auth: undefined, outcome: 'refused'});
		expect(scenario.verdict('socket-token-in-query', 2)).toEqual({
			rule: 'socket-token-in-query',
			verdict: 'broken',
			evidence: `1 of 1 upgrade without Authorization=Bearer%20<token> in the query; first: upgrade at ${iso(1)}: no Authorization in the query (the token was sent in an Authorization header)`,
			firstAt: iso(1),
		});
	});

	it('is broken by a space encoded twice, and never shows the token', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {queryAuthorization: 'Bearer%2520seed-secret-token', auth: undefined, outcome: 'refused'});
		const verdict = scenario.verdict('socket-token-in-query', 1, null);
		expect(verdict.evidence).toBe(`1 of 1 upgrade without Authorization=Bearer%20<token> in the query; first: upgrade at ${iso(0)}: Authorization=Bearer%2520<token>, the space encoded twice`);
		expect(JSON.stringify(scenario.recorder.report(at(1)))).not.toContain('seed-secret-token');
	});
});

describe('join-own-topic', () => {
	it('is not seen without a join', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {socketId: 1});
		expect(scenario.verdict('join-own-topic', 59.9)).toMatchObject({verdict: 'not-seen', evidence: 'no phx_join'});
	});

	it('is kept when every join is of devices:<own id>', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.connect(30, 2);
		expect(scenario.verdict('join-own-topic', 31)).toEqual({rule: 'join-own-topic', verdict: 'kept', evidence: '2 joins, each of devices:cam-1', firstAt: iso(0)});
	});

	it('is broken by a join of another topic', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.join(2, 1, 'devices:cam-2');
		expect(scenario.verdict('join-own-topic', 3)).toEqual({
			rule: 'join-own-topic',
			verdict: 'broken',
			evidence: `1 offence in 2 joins: a join of another topic than devices:cam-1, or a socket that never joined it; first: socket #1 at ${iso(2)} joined "devices:cam-2"`,
			firstAt: iso(2),
		});
	});

	it('is broken by a socket open 60 s without joining', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {socketId: 1});
		expect(scenario.recorder.nextDue()).toBe(at(60));
		expect(scenario.tick(60).map(breach => breach.evidence)).toEqual([
			`1 offence in 0 joins: a join of another topic than devices:cam-1, or a socket that never joined it; first: socket #1, opened at ${iso(0)}, did not join devices:cam-1 within 60.0 s`,
		]);
	});
});

describe('heartbeat', () => {
	it('is not seen until a joined socket sends a heartbeat', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {socketId: 1});
		// A heartbeat before the join is not judged.
		scenario.heartbeat(1, 1);
		expect(scenario.verdict('heartbeat', 2)).toMatchObject({verdict: 'not-seen', evidence: 'no socket joined its topic'});
		scenario.join(3, 1);
		expect(scenario.verdict('heartbeat', 4)).toMatchObject({verdict: 'not-seen', evidence: 'no heartbeat yet on a joined socket'});
	});

	it('is kept with heartbeats every 15 s, and a gap of exactly 30 s is no warning', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		for (const seconds of [15, 30, 60]) {
			scenario.heartbeat(seconds, 1);
		}

		expect(scenario.verdict('heartbeat', 61)).toEqual({
			rule: 'heartbeat', verdict: 'kept', evidence: 'longest gap 30.0 s between heartbeats on topic phoenix (3 heartbeats on 1 joined socket)', firstAt: iso(15),
		});
	});

	it('warns about a gap above 30 s', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.heartbeat(15, 1);
		scenario.heartbeat(60, 1);
		expect(scenario.verdict('heartbeat', 61)).toEqual({
			rule: 'heartbeat',
			verdict: 'warning',
			evidence: 'longest gap 45.0 s between heartbeats (15.0 s are recommended; a gap above 30.0 s is a warning); '
				+ `1 gap above 30.0 s, first: socket #1: 45.0 s between heartbeats, until ${iso(60)}`,
			firstAt: iso(60),
		});
		expect(scenario.breaches).toEqual([]);
	});

	it('is broken as soon as a joined socket passes 60 s without a heartbeat', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.heartbeat(15, 1);
		expect(scenario.recorder.nextDue()).toBe(at(75));
		expect(scenario.verdict('heartbeat', 74.999).verdict).toBe('kept');
		const evidence = `1 time 60.0 s or more without a heartbeat on topic phoenix; first: socket #1: no heartbeat on topic phoenix for 60.0 s after ${iso(15)}; longest gap 60.0 s`;
		expect(scenario.verdict('heartbeat', 75)).toEqual({rule: 'heartbeat', verdict: 'broken', evidence, firstAt: iso(75)});
		expect(scenario.tick(75)).toEqual([{client: 'cam-1 (cam/1.0)', deviceId: 'cam-1', rule: 'heartbeat', evidence, firstAt: iso(75)}]);
		// The open gap keeps growing in the report.
		expect(scenario.verdict('heartbeat', 100).evidence).toContain('longest gap 85.0 s');
	});

	it('counts each long gap once: a client beating every 70 s', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.heartbeat(70, 1);
		scenario.heartbeat(140, 1);
		expect(scenario.verdict('heartbeat', 141)).toMatchObject({
			verdict: 'broken',
			evidence: `2 times 60.0 s or more without a heartbeat on topic phoenix; first: socket #1: no heartbeat on topic phoenix for 60.0 s after ${iso(0)}; longest gap 70.0 s`,
			firstAt: iso(60),
		});
		expect(scenario.breachesOf('heartbeat')).toHaveLength(1);
	});

	it('does not count heartbeats on another topic, and says so', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.heartbeat(15, 1, 'h1', 'devices:cam-1');
		expect(scenario.verdict('heartbeat', 16)).toMatchObject({
			verdict: 'not-seen', evidence: 'no heartbeat yet on a joined socket; 1 heartbeat sent on a topic other than phoenix',
		});
	});

	it('stops watching a socket once it closes', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.heartbeat(15, 1);
		scenario.closed(30, 1);
		expect(scenario.recorder.nextDue()).toBeUndefined();
		expect(scenario.verdict('heartbeat', 500).verdict).toBe('kept');
	});
});

describe('frames', () => {
	it('is not seen without a frame', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {socketId: 1});
		expect(scenario.verdict('frames', 1)).toMatchObject({verdict: 'not-seen', evidence: 'no frame received'});
	});

	it('is kept with all four keys and unique refs (null refs are not compared)', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.heartbeat(15, 1, 1);
		scenario.heartbeat(30, 1, null);
		scenario.heartbeat(45, 1, null);
		expect(scenario.verdict('frames', 46)).toEqual({
			rule: 'frames', verdict: 'kept', evidence: '4 frames, each with topic, event, payload and ref, refs unique per socket', firstAt: iso(0),
		});
	});

	it('warns about a ref reused on a socket, as the guide\'s heartbeat does', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		for (const seconds of [15, 30, 45]) {
			scenario.heartbeat(seconds, 1, 'heartbeat');
		}

		// Another socket starts afresh.
		scenario.connect(50, 2);
		scenario.heartbeat(51, 2, 'heartbeat');
		expect(scenario.verdict('frames', 52)).toEqual({
			rule: 'frames',
			verdict: 'warning',
			evidence: '6 frames, each with topic, event, payload and ref; 2 refs reused on a socket (unique refs are recommended; '
				+ `the guide's own heartbeat reuses "heartbeat"); first: ref "heartbeat" used again on socket #1 at ${iso(30)}`,
			firstAt: iso(30),
		});
	});

	it('is broken by a frame without a key, and such a frame does nothing else', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {socketId: 1});
		scenario.frame(1, 1, '{"topic":"devices:cam-1","event":"phx_join","ref":"1"}');
		scenario.frame(2, 1, '[null,"2","phoenix","heartbeat",{}]');
		expect(scenario.verdict('frames', 3)).toEqual({
			rule: 'frames',
			verdict: 'broken',
			evidence: `2 of 2 frames without topic, event, payload and ref; first: socket #1 at ${iso(1)}: missing payload`,
			firstAt: iso(1),
		});
		expect(scenario.verdict('join-own-topic', 3).verdict).toBe('not-seen');
	});
});
