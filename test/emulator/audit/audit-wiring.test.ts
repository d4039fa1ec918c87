import {WebSocket} from 'ws';
import {afterEach, describe, expect, it} from 'vitest';
import type {AuditBreach, AuditReport, RuleVerdict} from '../../../source/emulator/audit/audit-report.js';
import {cleanup, getJson, postForm, startTestEmulator, waitUntil} from '../../helpers/emulator-fixture.js';
import {TestSocket} from '../../helpers/ws-client.js';
import {client, deviceGrant, refresh, requestCode} from '../auth/auth-client.js';

afterEach(cleanup);

const verdictOf = (report: AuditReport, rule: string, deviceId: string | null): RuleVerdict | undefined =>
	report.clients.find(row => row.deviceId === deviceId)?.rules.find(verdict => verdict.rule === rule);

describe('the audit wired into the emulator', () => {
	it('is off unless asked for: GET /_emulator/audit answers 404 and nothing is recorded', async () => {
		const {emulator, joinedSocket} = await startTestEmulator();
		await joinedSocket();
		expect(emulator.audit).toBeUndefined();
		expect(await getJson(`${emulator.url}/_emulator/audit`)).toMatchObject({status: 404, body: {error: 'the audit is off: start the emulator with --audit'}});
	});

	it('judges pairing and refresh traffic, and the JSON never holds a token, a refresh token or a device code', async () => {
		const breaches: AuditBreach[] = [];
		const {emulator, clock} = await startTestEmulator({audit: {onBreach: breach => breaches.push(breach)}});
		const code = await requestCode(emulator.url);
		const poll = async () => postForm(`${emulator.url}/v2/auth/token`, {...client, grant_type: deviceGrant, device_code: code.device_code});
		await clock.advance(5000);
		expect((await poll()).body).toEqual({error: 'authorization_pending'});
		await clock.advance(2000);
		// Polled 2 s after the last, with an interval of 5 s.
		expect((await poll()).body).toEqual({error: 'slow_down'});
		emulator.control.approve({userCode: code.user_code});
		await clock.advance(10_000);
		const tokens = (await poll()).body as {access_token: string; refresh_token: string};
		await clock.advance(1000);
		expect((await refresh(emulator.url, tokens.refresh_token)).status).toBe(200);
		expect((await refresh(emulator.url, tokens.refresh_token)).body).toEqual({error: 'invalid_request'});

		const {status, body, text} = await getJson(`${emulator.url}/_emulator/audit`);
		expect(status).toBe(200);
		for (const secret of [tokens.access_token, tokens.refresh_token, code.device_code]) {
			expect(text).not.toContain(secret);
		}

		const report = body as AuditReport;
		const deviceId = emulator.control.state().devices[0]!.id;
		expect(report.clients.map(row => row.deviceId)).toEqual([deviceId]);
		expect(verdictOf(report, 'pairing-poll', deviceId)).toMatchObject({verdict: 'broken', evidence: expect.stringContaining('device code #1 polled 2.0 s after the previous poll') as string});
		expect(verdictOf(report, 'refresh-single-use', deviceId)).toMatchObject({verdict: 'broken', evidence: expect.stringContaining('with refresh token #1, spent at') as string});
		// The pairing was done without x-client-version (the test's own fetch).
		expect(verdictOf(report, 'client-version', deviceId)?.verdict).toBe('broken');
		// Logged as they happened: for the address that had shown no device yet, then for the device it redeemed a code for.
		const device = `${deviceId} (node)`;
		expect(breaches.map(({client, rule}) => ({client, rule}))).toEqual([
			{client: '127.0.0.1 (node), no device\'s token', rule: 'client-version'},
			{client: '127.0.0.1 (node), no device\'s token', rule: 'pairing-poll'},
			{client: device, rule: 'client-version'},
			{client: device, rule: 'pairing-poll'},
			{client: device, rule: 'refresh-single-use'},
		]);
	});

	it('records upgrades as sent, the frames, and each close the emulator makes, with its kind', async () => {
		const {emulator, clock, socketUrl, joinedSocket} = await startTestEmulator({audit: true});
		const deviceId = emulator.control.state().devices[0]!.id;
		// The token in a header only: refused (403) and judged.
		const headerOnly = new WebSocket(socketUrl('').replace(/\?.*$/, ''), {headers: {authorization: 'Bearer demo'}});
		headerOnly.on('error', () => undefined);
		expect(await new Promise(resolve => {
			headerOnly.once('unexpected-response', (request, response) => {
				response.resume();
				request.destroy();
				resolve(response.statusCode);
			});
		})).toBe(403);
		// Then as the guide says; a join, a frame without a ref, and the closes.
		const first = await joinedSocket();
		first.sendJson({topic: 'phoenix', event: 'heartbeat', payload: ''});
		await first.nextJson();
		expect(emulator.control.drop({code: 4001})).toBe(1);
		expect((await first.closed).code).toBe(4001);
		await clock.advance(2000);
		const second = await joinedSocket();
		emulator.control.setFaults({forbidConnectionsForSeconds: 30});
		expect(emulator.control.drop({hard: true})).toBe(1);
		await second.closed;
		await clock.advance(1500);
		expect(await TestSocket.connect(socketUrl())).toEqual({kind: 'rejected', status: 403});
		await clock.advance(30_000);
		await joinedSocket();

		const report = emulator.audit!.report();
		expect(verdictOf(report, 'socket-token-in-query', deviceId)).toMatchObject({
			verdict: 'broken', evidence: expect.stringContaining('no Authorization in the query (the token was sent in an Authorization header)') as string,
		});
		expect(verdictOf(report, 'frames', deviceId)).toMatchObject({verdict: 'broken', evidence: expect.stringContaining('missing ref') as string});
		expect(verdictOf(report, 'rejoin-after-close', deviceId)).toMatchObject({verdict: 'kept', evidence: expect.stringMatching(/^reconnected and joined after each of 2 closes/) as string});
		expect(verdictOf(report, 'no-hammering', deviceId)).toMatchObject({verdict: 'kept', evidence: 'shortest gap 30.0 s between a refused or cut upgrade and the next attempt (1 retry)'});
		// A 403 by the fault is no token's fault: only the header-only upgrade counts as a token refused.
		expect(emulator.control.state()).toMatchObject({upgradesRejected: 1, upgradesRejectedUnknownToken: 1});
	});

	it('counts the idle timeout as a close the emulator made', async () => {
		const {emulator, clock, joinedSocket} = await startTestEmulator({audit: true, idleTimeoutSeconds: 30});
		const socket = await joinedSocket();
		await clock.advance(30_000);
		expect((await socket.closed).code).toBe(1000);
		await clock.advance(60_000);
		const deviceId = emulator.control.state().devices[0]!.id;
		await waitUntil(() => verdictOf(emulator.audit!.report(), 'rejoin-after-close', deviceId)?.verdict === 'broken', 'the missing rejoin');
		expect(verdictOf(emulator.audit!.report(), 'rejoin-after-close', deviceId)?.evidence).toContain('idle timeout at');
	});

	it('counts a close for a protocol error (a frame over 1 MiB: 1009) as a close the emulator made', async () => {
		const {emulator, clock, joinedSocket} = await startTestEmulator({audit: true});
		const socket = await joinedSocket();
		socket.ws.send('x'.repeat((1024 * 1024) + 1));
		expect((await socket.closed).code).toBe(1009);
		await clock.advance(60_000);
		const deviceId = emulator.control.state().devices[0]!.id;
		await waitUntil(() => verdictOf(emulator.audit!.report(), 'rejoin-after-close', deviceId)?.verdict === 'broken', 'the missing rejoin');
		expect(verdictOf(emulator.audit!.report(), 'rejoin-after-close', deviceId)?.evidence).toContain('socket #1 closed at');
	});
});
