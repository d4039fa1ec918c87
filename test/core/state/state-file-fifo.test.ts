import {lstat} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {identityMinIntervalMs} from '../../../source/core/frameio-rules.js';
import {IdentityStateFile} from '../../../source/core/state/identity-state-file.js';
import type {TokenOrigin} from '../../../source/core/token/token-source.js';
import {record, waitForSnapshot} from '../../../support/wait-for.js';
import {startTestEmulator} from '../../helpers/emulator-fixture.js';
import {makeFifo, releaseFifos} from '../../helpers/fifo.js';
import {cleanup, temporaryDirectory, testMonitor} from '../../helpers/monitor-fixture.js';

afterEach(async () => {
	await releaseFifos();
	await cleanup();
});

const secret = 'tok-state-fifo-41c2';
const token: TokenOrigin = {kind: 'env', variable: 'FRAMEIO_TOKEN', token: secret};

describe('a FIFO at the state file\'s path (issue 14.3: never open a user\'s path in a way that blocks)', () => {
	it('is read as nothing at once, and said as the file\'s problem', async () => {
		const path = makeFifo(join(await temporaryDirectory(), 'device.json'));
		const problems: Array<string | null> = [];
		const file = new IdentityStateFile(path, {onProblem: problem => problems.push(problem)});
		expect(await file.read()).toEqual({});
		expect(await file.load()).toBeUndefined();
		expect(problems).toEqual([`cannot use ${path}: it is a FIFO (named pipe), not a regular file (left as it is)`]);
	});

	it('never hangs a monitor\'s start or its changes: said once, left as it is, and the identity fetched all the same', async () => {
		const {emulator, clock} = await startTestEmulator({token: secret});
		const path = makeFifo(join(await temporaryDirectory(), 'device.json'));
		const instance = testMonitor(clock, emulator.url, token, {config: {statePath: path}});
		const events = record(instance.events);
		await instance.start();
		const troubled = await waitForSnapshot(instance, s => s.stateProblem !== null && s.identity.origin === 'fetched', 'the problem, and the identity');
		expect(troubled.stateProblem).toBe(`cannot use ${path}: it is a FIFO (named pipe), not a regular file (left as it is)`);
		// The next minute's request (its decision and its write go through the file) neither hangs nor says it again.
		await clock.advance(identityMinIntervalMs);
		await waitForSnapshot(instance, s => s.identity.requests === 2 && s.identity.phase === 'ok', 'the next minute\'s identity');
		await instance.settled();
		expect(events.values.filter(event => event.type === 'state')).toHaveLength(1);
		await instance.stop();
		expect((await lstat(path)).isFIFO()).toBe(true);
	});
});
