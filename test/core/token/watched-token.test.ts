import {rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {setImmediate as nextMacrotask} from 'node:timers/promises';
import {afterEach, describe, expect, it} from 'vitest';
import type {TokenEvent} from '../../../source/core/token/token-source.js';
import {WatchedToken} from '../../../source/core/token/watched-token.js';
import {formatEvent} from '../../../source/output/ndjson/ndjson-format.js';
import {ManualClock} from '../../../support/manual-clock.js';
import {record} from '../../../support/wait-for.js';
import {cleanup, temporaryDirectory} from '../../helpers/monitor-fixture.js';

afterEach(cleanup);

describe('a watched token file that becomes unreadable (issue 15.9)', () => {
	it('says so once as an "unreadable" token event, keeps the last token, and says "readable" when it can be read again', async () => {
		const path = join(await temporaryDirectory(), 'access-token');
		await writeFile(path, 'token-one\n');
		const clock = new ManualClock();
		const source = new WatchedToken({kind: 'file', path}, clock);
		const events = record(source.events);
		await source.load();
		source.start();
		await rm(path);
		// The file is read every 5 s; each read is real I/O, and the next is set once it ends: the clock is
		// moved to the source's next read whenever one is set, until the event comes.
		const seen = async (kind: TokenEvent['event']) => {
			const deadline = Date.now() + 15_000;
			const count = () => events.values.filter(event => event.event === kind).length;
			const before = count();
			while (count() === before) {
				if (Date.now() > deadline) {
					throw new Error(`no ${kind} event within 15 s`);
				}

				const next = clock.nextIn();
				await (next === undefined ? nextMacrotask() : clock.advance(next));
			}
		};

		await seen('unreadable');
		expect(events.values.at(-1)).toMatchObject({event: 'unreadable', source: 'file', error: 'no such file, still using the last token'});
		expect(source.getSnapshot().error).toBe('no such file');
		expect(source.getToken()).toBe('token-one');
		// Still unreadable: not said again.
		await clock.advance(20_000);
		expect(events.values.filter(event => event.event === 'unreadable')).toHaveLength(1);
		await writeFile(path, 'token-two\n');
		await seen('changed');
		expect(events.values.map(event => event.event)).toEqual(['loaded', 'unreadable', 'readable', 'changed']);
		expect(source.getSnapshot().error).toBeNull();
		const unreadable = events.values.find(event => event.event === 'unreadable')!;
		expect(formatEvent({type: 'token', at: unreadable.at, token: unreadable, version: 1})).toMatchObject({type: 'token', event: 'unreadable', error: 'no such file, still using the last token'});
		await source.stop();
	});
});
