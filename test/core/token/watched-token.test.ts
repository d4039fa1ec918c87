import {rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
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
		// The file is read every 5 s; each read is real I/O, so the clock moves a second at a time until it is seen.
		const seen = async (kind: TokenEvent['event']) => {
			for (let second = 0; second < 60 && !events.values.some(event => event.event === kind); second++) {
				await clock.advance(1000);
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
