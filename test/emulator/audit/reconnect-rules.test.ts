import {describe, expect, it} from 'vitest';
import {AuditScenario, at, iso} from './audit-scenario.js';

describe('rejoin-after-close', () => {
	it('is not seen until the emulator closes a socket (a close by the client is not judged)', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.closed(5, 1);
		expect(scenario.verdict('rejoin-after-close', 100)).toMatchObject({verdict: 'not-seen', evidence: 'the emulator closed no socket of this device'});
	});

	it('is kept after a reconnect and a join', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.close(10, 1, 'drop');
		scenario.closed(10, 1);
		scenario.upgrade(11, {socketId: 2});
		scenario.join(12, 2);
		expect(scenario.verdict('rejoin-after-close', 13)).toEqual({
			rule: 'rejoin-after-close',
			verdict: 'kept',
			evidence: `reconnected and joined after each of 1 close by the emulator, at worst 2.0 s after it (socket #1 hard drop at ${iso(10)})`,
			firstAt: iso(10),
		});
	});

	it('is broken 60 s after a close with no reconnect', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.close(10, 1, 'idle');
		expect(scenario.verdict('rejoin-after-close', 69.9)).toMatchObject({verdict: 'not-seen', evidence: '1 close by the emulator still within the time to rejoin'});
		expect(scenario.verdict('rejoin-after-close', 70)).toEqual({
			rule: 'rejoin-after-close',
			verdict: 'broken',
			evidence: `1 of 1 close by the emulator not followed by a reconnect and a join in time; first: socket #1 idle timeout at ${iso(10)}: no reconnect within 60.0 s`,
			firstAt: iso(70),
		});
	});

	it('is broken by a reconnect without a join', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.close(10, 1, '4001');
		scenario.upgrade(20, {socketId: 2});
		scenario.tick(70);
		const evidence = `1 of 1 close by the emulator not followed by a reconnect and a join in time; first: socket #1 close 4001 at ${iso(10)}: `
			+ 'reconnected after 10.0 s but no join within 60.0 s';
		expect(scenario.verdict('rejoin-after-close', 70).evidence).toBe(evidence);
	});

	it('gives 60 s again after the emulator refuses an upgrade by a fault, not after a refusal of the device\'s token', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.close(10, 1, 'drop');
		scenario.upgrade(50, {outcome: 'refused', byFault: true});
		expect(scenario.verdict('rejoin-after-close', 100).verdict).toBe('not-seen');
		scenario.upgrade(60, {state: 'expired', outcome: 'refused'});
		expect(scenario.verdict('rejoin-after-close', 110)).toMatchObject({
			verdict: 'broken', evidence: `1 of 1 close by the emulator not followed by a reconnect and a join in time; first: socket #1 hard drop at ${iso(10)}: no reconnect within 100.0 s`,
		});
	});

	it('gives 60 s again after the emulator cuts an upgrade', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.close(10, 1, '1000');
		scenario.upgrade(50, {outcome: 'cut'});
		scenario.upgrade(100, {socketId: 2});
		scenario.join(101, 2);
		expect(scenario.verdict('rejoin-after-close', 102)).toMatchObject({
			verdict: 'kept',
			evidence: `reconnected and joined after each of 1 close by the emulator, at worst 91.0 s after it (socket #1 close 1000 at ${iso(10)}; `
				+ `upgrades turned away until ${iso(50)})`,
		});
	});
	it('gives 60 s from the end of a fault that turns the device away, for a device retrying once a minute', () => {
		const scenario = new AuditScenario();
		scenario.connect(0, 1);
		scenario.close(10, 1, '1000');
		// 403s by a fault from 10 s to 100 s; the device tries at 11 s and 71 s, then once a minute.
		scenario.upgrade(11, {outcome: 'refused', byFault: true, faultUntil: at(100)});
		scenario.upgrade(71, {outcome: 'refused', byFault: true, faultUntil: at(100)});
		// 60 s after the last refusal has passed: the fault's end counts.
		scenario.tick(131);
		expect(scenario.verdict('rejoin-after-close', 131).verdict).toBe('not-seen');
		scenario.upgrade(131, {socketId: 2});
		scenario.join(131.2, 2);
		expect(scenario.verdict('rejoin-after-close', 141)).toMatchObject({
			verdict: 'kept',
			evidence: `reconnected and joined after each of 1 close by the emulator, at worst 121.2 s after it (socket #1 close 1000 at ${iso(10)}; `
				+ `upgrades turned away until ${iso(100)})`,
		});
		expect(scenario.breachesOf('rejoin-after-close')).toEqual([]);
	});
});

describe('no-hammering', () => {
	it('is not seen while no upgrade fails and is tried again', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {state: 'expired', outcome: 'refused'});
		expect(scenario.verdict('no-hammering', 1)).toMatchObject({verdict: 'not-seen', evidence: 'no upgrade was refused or cut and then tried again'});
	});

	it('is kept with a second or more between a refused upgrade and the next attempt', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {state: 'expired', outcome: 'refused'});
		scenario.upgrade(1, {outcome: 'cut'});
		scenario.upgrade(3, {socketId: 1});
		scenario.upgrade(3.1, {socketId: 2});
		expect(scenario.verdict('no-hammering', 4)).toEqual({
			rule: 'no-hammering',
			verdict: 'kept',
			evidence: 'shortest gap 1.0 s between a refused or cut upgrade and the next attempt (2 retries)',
			firstAt: iso(1),
		});
	});

	it('does not judge an attempt with a new token right after its old token was refused', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {token: 'a1', state: 'expired', outcome: 'refused'});
		scenario.upgrade(0.05, {token: 'a2', socketId: 1});
		expect(scenario.verdict('no-hammering', 1).verdict).toBe('not-seen');
		// The device cannot tell a 403 by a fault from one for its token: one quick retry with a new token is allowed too.
		scenario.upgrade(2, {token: 'a2', outcome: 'refused', byFault: true});
		scenario.upgrade(2.05, {token: 'a3', socketId: 2});
		expect(scenario.verdict('no-hammering', 3).verdict).toBe('not-seen');
		// A cut is no matter of the token: a quick retry is judged whatever token it carries.
		scenario.upgrade(4, {token: 'a3', outcome: 'cut'});
		scenario.upgrade(4.05, {token: 'a4', socketId: 3});
		expect(scenario.verdict('no-hammering', 5).verdict).toBe('broken');
	});

	it('allows one quick retry with a new token, not a refresh-and-retry loop', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {token: 'b1', outcome: 'refused', byFault: true});
		scenario.upgrade(0.05, {token: 'b2', outcome: 'refused', byFault: true});
		expect(scenario.verdict('no-hammering', 0.1).verdict).toBe('not-seen');
		scenario.upgrade(0.1, {token: 'b3', outcome: 'refused', byFault: true});
		expect(scenario.verdict('no-hammering', 0.2)).toMatchObject({
			verdict: 'broken', evidence: expect.stringContaining(`first: an attempt 50 ms after the upgrade at ${iso(0.05)} was refused (403)`) as string,
		});
		// A minute's wait after the refused new token, as our client does, is kept.
		const patient = new AuditScenario();
		patient.upgrade(0, {token: 'c1', outcome: 'refused', byFault: true});
		patient.upgrade(0.05, {token: 'c2', outcome: 'refused', byFault: true});
		patient.upgrade(60.05, {token: 'c2', outcome: 'refused', byFault: true});
		patient.upgrade(120.05, {token: 'c2', socketId: 1});
		expect(patient.verdict('no-hammering', 121)).toMatchObject({verdict: 'kept', evidence: 'shortest gap 60.0 s between a refused or cut upgrade and the next attempt (2 retries)'});
	});

	it('is broken by an attempt less than a second after a refusal', () => {
		const scenario = new AuditScenario();
		scenario.upgrade(0, {state: 'expired', outcome: 'refused'});
		scenario.upgrade(0.2, {state: 'expired', outcome: 'refused'});
		scenario.upgrade(0.3, {outcome: 'cut'});
		scenario.upgrade(0.35, {socketId: 1});
		expect(scenario.verdict('no-hammering', 1)).toEqual({
			rule: 'no-hammering',
			verdict: 'broken',
			evidence: `3 attempts less than 1.0 s after a refused or cut upgrade; first: an attempt 200 ms after the upgrade at ${iso(0)} was refused (403); shortest gap 50 ms`,
			firstAt: iso(0.2),
		});
	});
});
