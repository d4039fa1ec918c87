import {setImmediate as nextMacrotask} from 'node:timers/promises';
import type {Clock, TimerHandle} from '../source/core/clock.js';

type Scheduled = {handle: TimerHandle; at: number; seq: number; callback: () => void};

/**
A clock that only moves when a test says so. Timers fire in time order; between timers the
event loop gets a turn so promise chains and loopback I/O can settle.
*/
export class ManualClock implements Clock {
	#now: number;
	#timers: Scheduled[] = [];
	#seq = 0;

	constructor(start = Date.parse('2026-11-27T09:00:00.000Z')) {
		this.#now = start;
	}

	now(): number {
		return this.#now;
	}

	setTimeout(callback: () => void, ms: number): TimerHandle {
		const handle = {id: ++this.#seq};
		this.#timers.push({handle, at: this.#now + Math.max(0, ms), seq: handle.id, callback});
		return handle;
	}

	clearTimeout(handle: TimerHandle | undefined): void {
		if (!handle) {
			return;
		}

		this.#timers = this.#timers.filter(timer => timer.handle !== handle);
	}

	/** Timers still waiting to fire. */
	get pending(): number {
		return this.#timers.length;
	}

	/** Milliseconds until the next timer fires, or undefined when none is set. */
	nextIn(): number | undefined {
		const next = this.#earliest();
		return next ? next.at - this.#now : undefined;
	}

	/** Move time forward by `ms`, firing every timer that falls due on the way. */
	async advance(ms: number): Promise<void> {
		const target = this.#now + ms;
		await this.#settle();
		for (;;) {
			const next = this.#earliest();
			if (!next || next.at > target) {
				break;
			}

			this.#timers = this.#timers.filter(timer => timer !== next);
			this.#now = Math.max(this.#now, next.at);
			next.callback();

			await this.#settle();
		}

		this.#now = target;
		await this.#settle();
	}

	#earliest(): Scheduled | undefined {
		let best: Scheduled | undefined;
		for (const timer of this.#timers) {
			if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) {
				best = timer;
			}
		}

		return best;
	}

	async #settle(): Promise<void> {
		for (let i = 0; i < 3; i++) {
			await nextMacrotask();
		}
	}
}
