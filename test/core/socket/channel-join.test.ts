import {describe, expect, it} from 'vitest';
import {Backoff} from '../../../source/core/backoff.js';
import {ChannelJoin} from '../../../source/core/socket/channel-join.js';
import {ManualClock} from '../../../support/manual-clock.js';

describe('ChannelJoin', () => {
	function joinHarness() {
		const clock = new ManualClock();
		const joins: string[] = [];
		const join = new ChannelJoin({
			clock,
			topic: 'devices:a',
			backoff: new Backoff({minMs: 1000, maxMs: 30_000, jitter: 0}),
			sendJoin() {
				joins.push(String(joins.length + 1));
				return String(joins.length);
			},
			onChange() {},
		});
		return {clock, join, joins};
	}

	it('is joined after an ok reply to its ref', () => {
		const {clock, join, joins} = joinHarness();
		join.join();
		expect(join.replied('other', 'ok', undefined)).toBe(false);
		expect(join.replied(joins[0]!, 'ok', undefined)).toBe(true);
		expect(join.state).toMatchObject({phase: 'joined', joinedAt: clock.now(), attempts: 1});
	});

	it('rejoins with backoff after an error reply, a timeout or a lost channel', async () => {
		const {clock, join, joins} = joinHarness();
		join.join();
		join.replied('1', 'error', 'unauthorized');
		expect(join.state).toMatchObject({phase: 'errored', lastError: 'join refused: unauthorized'});
		await clock.advance(1000);
		expect(joins).toHaveLength(2);
		await clock.advance(10_000);
		expect(join.state.lastError).toBe('no reply to the join within 10 s');
		await clock.advance(2000);
		expect(joins).toHaveLength(3);
		join.replied('3', 'ok', undefined);
		join.lost('phx_close from the server');
		expect(join.state).toMatchObject({phase: 'errored', lastError: 'phx_close from the server'});
		await clock.advance(1000);
		expect(joins).toHaveLength(4);
		join.reset();
		expect(clock.pending).toBe(0);
	});
});
