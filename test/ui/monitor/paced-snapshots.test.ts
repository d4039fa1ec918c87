import {describe, expect, it} from 'vitest';
import {PacedSnapshots} from '../../../source/ui/monitor/paced-snapshots.js';

type Snap = {readonly paused: boolean; readonly frames: number};

/** A store that publishes when told, and a clock, timers and end-of-draw callbacks run by hand. */
function setup(restFactor = 3) {
	let snapshot: Snap = {paused: false, frames: 0};
	const sourceListeners = new Set<() => void>();
	const source = {
		subscribe(listener: () => void) {
			sourceListeners.add(listener);
			return () => sourceListeners.delete(listener);
		},
		getSnapshot: () => snapshot,
	};
	let time = 1000;
	const timers: Array<{at: number; callback: () => void; cleared: boolean}> = [];
	const draws: Array<() => void> = [];
	const paced = new PacedSnapshots(source, {
		urgent: (shown, next) => shown.paused !== next.paused,
		restFactor,
		now: () => time,
		setTimeout(callback, ms) {
			const timer = {at: time + ms, callback, cleared: false};
			timers.push(timer);
			return timer;
		},
		clearTimeout(timer) {
			(timer as {cleared: boolean}).cleared = true;
		},
		afterDraw(callback) {
			draws.push(callback);
		},
	});
	const seen: Snap[] = [];
	const unsubscribe = paced.subscribe(() => {
		seen.push(paced.getSnapshot());
	});
	return {
		paced,
		seen,
		timers,
		sourceListeners,
		unsubscribe,
		publish(next: Partial<Snap>) {
			snapshot = {...snapshot, ...next};
			for (const listener of sourceListeners) {
				listener();
			}
		},
		/** The draw of the last snapshot shown ends `ms` from now. */
		drawTakes(ms: number) {
			time += ms;
			draws.shift()!();
		},
		advance(ms: number) {
			time += ms;
			for (const timer of timers.filter(timer => !timer.cleared && timer.at <= time)) {
				timer.cleared = true;
				timer.callback();
			}
		},
		pending: () => timers.filter(timer => !timer.cleared),
	};
}

describe('paced snapshots', () => {
	it('shows a change at once when the view is rested, and the latest one after a rest as long as the draw times the factor', () => {
		const store = setup(3);
		store.publish({frames: 1});
		expect(store.seen).toEqual([{paused: false, frames: 1}]);
		store.drawTakes(40);

		store.publish({frames: 2});
		store.publish({frames: 3});
		expect(store.seen).toHaveLength(1);
		expect(store.pending().map(timer => timer.at)).toEqual([1000 + 40 + 120]);

		store.advance(119);
		expect(store.seen).toHaveLength(1);
		store.advance(1);
		expect(store.seen.at(-1)).toEqual({paused: false, frames: 3});
		expect(store.paced.getSnapshot()).toEqual({paused: false, frames: 3});
	});

	it('never rests after short draws: an idle view shows every change as it comes', () => {
		const store = setup(3);
		for (let frames = 1; frames <= 5; frames++) {
			store.publish({frames});
			store.drawTakes(2);
			store.advance(66);
		}

		expect(store.seen.map(snap => snap.frames)).toEqual([1, 2, 3, 4, 5]);
		expect(store.pending()).toEqual([]);
	});

	it('shows an urgent change (Paused) at once, even in the middle of a rest', () => {
		const store = setup(3);
		store.publish({frames: 1});
		store.drawTakes(50);
		store.publish({frames: 2});
		expect(store.pending()).toHaveLength(1);

		store.publish({paused: true});
		expect(store.seen.at(-1)).toEqual({paused: true, frames: 2});
		expect(store.pending()).toEqual([]);
	});

	it('holds changes made while a draw is being measured, and takes the latest once it is', () => {
		const store = setup(3);
		store.publish({frames: 1});
		store.publish({frames: 2});
		expect(store.seen).toHaveLength(1);
		expect(store.pending()).toEqual([]);

		store.drawTakes(10);
		expect(store.pending().map(timer => timer.at)).toEqual([1000 + 10 + 30]);
		store.advance(30);
		expect(store.seen.map(snap => snap.frames)).toEqual([1, 2]);
	});

	it('lets go of the source and its timer when the last listener leaves', () => {
		const store = setup(3);
		store.publish({frames: 1});
		store.drawTakes(40);
		store.publish({frames: 2});
		expect(store.pending()).toHaveLength(1);

		store.unsubscribe();
		expect(store.sourceListeners.size).toBe(0);
		expect(store.pending()).toEqual([]);
	});
});
