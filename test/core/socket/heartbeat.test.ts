import {describe, expect, it} from 'vitest';
import {Heartbeat, type HeartbeatStats} from '../../../source/core/socket/heartbeat.js';
import {ManualClock} from '../../../support/manual-clock.js';

function heartbeatHarness() {
	const clock = new ManualClock();
	const sent: Array<{ref: string; at: number}> = [];
	let dead = 0;
	let stats: HeartbeatStats | undefined;
	let next = 0;
	const heartbeat = new Heartbeat({
		clock,
		send() {
			const ref = String(++next);
			sent.push({ref, at: clock.now()});
			return ref;
		},
		onDead() {
			dead++;
		},
		onChange(value) {
			stats = value;
		},
	});
	return {clock, heartbeat, sent, dead: () => dead, stats: () => stats!};
}

describe('Heartbeat', () => {
	it('sends every 15 s with a new ref and measures each round trip', async () => {
		const {clock, heartbeat, sent, stats} = heartbeatHarness();
		const start = clock.now();
		heartbeat.start();
		await clock.advance(14_999);
		expect(sent).toHaveLength(0);
		await clock.advance(1);
		expect(sent).toEqual([{ref: '1', at: start + 15_000}]);
		await clock.advance(40);
		expect(heartbeat.replied('1', sent[0]!.at)).toBe(40);
		await clock.advance(15_000 - 40);
		await clock.advance(100);
		heartbeat.replied('2', sent[1]!.at);
		expect(sent.map(beat => beat.at - start)).toEqual([15_000, 30_000]);
		expect(stats()).toMatchObject({sent: 2, answered: 2, lastRttMs: 100, averageRttMs: 70, awaitingReply: false, timeouts: 0});
	});

	it('ignores a reply with another ref', async () => {
		const {clock, heartbeat, sent} = heartbeatHarness();
		heartbeat.start();
		await clock.advance(15_000);
		expect(heartbeat.replied('99', sent[0]!.at)).toBeUndefined();
	});

	it('declares the link dead when a heartbeat is still unanswered as the next falls due', async () => {
		const {clock, heartbeat, sent, dead, stats} = heartbeatHarness();
		heartbeat.start();
		await clock.advance(15_000);
		expect(dead()).toBe(0);
		await clock.advance(15_000);
		expect(dead()).toBe(1);
		expect(sent).toHaveLength(1);
		expect(stats()).toMatchObject({timeouts: 1, awaitingReply: false});
		heartbeat.stop();
		expect(clock.pending).toBe(0);
	});
});
