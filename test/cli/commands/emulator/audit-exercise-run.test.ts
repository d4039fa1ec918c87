import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import process from 'node:process';
import {afterEach, expect, it, vi} from 'vitest';
import {runEmulator} from '../../../../source/cli/commands/emulator/run-emulator.js';
import {exerciseSeconds} from '../../../../source/emulator/exercise/audit-exercise.js';
import {ManualClock} from '../../../../support/manual-clock.js';
import {waitUntil} from '../../../helpers/emulator-fixture.js';
import {cleanup, temporaryDirectory} from '../../../helpers/monitor-fixture.js';
import {closeAllTestSockets, TestSocket} from '../../../helpers/ws-client.js';

afterEach(async () => {
	vi.restoreAllMocks();
	await closeAllTestSockets();
	await cleanup();
});

it('ends the exercise with the report: the table, the file, and exit code 3 when a rule was broken', async () => {
	const clock = new ManualClock();
	let out = '';
	vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
		out += String(chunk);
		return true;
	});
	const path = join(await temporaryDirectory(), 'audit.json');
	const exit = runEmulator({
		port: 0, host: '127.0.0.1', token: undefined, deviceId: undefined, idleTimeoutSeconds: 60, healthShape: 'ok', strictRateLimit: false,
		demo: false, quiet: true, audit: true, auditExercise: true, auditReport: path, tokenTtlSeconds: 300, clock,
	});
	await waitUntil(() => /listening on (http:\S+)/.test(out), 'the URL');
	const url = /listening on (http:\S+)/.exec(out)![1]!;
	// A device that joins and then never sends a heartbeat, nor comes back after a close.
	const socket = await TestSocket.open(`${url.replace('http', 'ws')}/devices/websocket?Authorization=Bearer%20demo`);
	socket.sendJson({topic: 'devices:7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001', event: 'phx_join', payload: '', ref: '1'});
	await waitUntil(() => out.includes('exercise: a device joined its topic'), 'the exercise to start');
	for (let second = 0; second <= exerciseSeconds; second += 10) {
		await clock.advance(10_000);
	}

	expect(await exit).toBe(3);
	expect(out).toContain('exercise: the exercise is over: the report');
	expect(out).toMatch(/audit: 7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001 \(no user agent\) broke heartbeat: /);
	expect(out).toMatch(/^Audit of 7e57c2c0-e301-4a7e-8d3b-c2c5a7a70001 \(no user agent\): 2 broken, /m);
	expect(out).toContain(`audit report written to ${path}`);
	const saved = JSON.parse(await readFile(path, 'utf8')) as {clients: Array<{rules: Array<{rule: string; verdict: string}>}>};
	const broken = saved.clients[0]!.rules.filter(rule => rule.verdict === 'broken').map(rule => rule.rule);
	expect(broken).toEqual(['heartbeat', 'rejoin-after-close']);
});
