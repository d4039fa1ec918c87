import type {TimerHandle} from '../../core/clock.js';
import type {TimerGroup} from '../timer-group.js';
import type {EmulatorFaults} from '../types.js';

/** A reply held back for reordering is sent on its own after this long. */
export const reorderFlushMs = 1000;

/**
Where one socket's replies wait under the reply-delay and reorder faults: each reply is first
delayed by `replyDelayMs`, then, while reordering, held until a second one arrives and the pair is
sent newest first (a lone reply goes out after ~1 s).
*/
export class ReplyOutbox {
	readonly #send: (text: string) => void;
	readonly #faults: () => EmulatorFaults;
	readonly #timers: TimerGroup;
	readonly #delayed = new Set<TimerHandle>();
	#held: string | undefined;
	#flushTimer: TimerHandle | undefined;

	constructor(send: (text: string) => void, faults: () => EmulatorFaults, timers: TimerGroup) {
		this.#send = send;
		this.#faults = faults;
		this.#timers = timers;
	}

	push(text: string): void {
		const delay = this.#faults().replyDelayMs;
		if (delay <= 0) {
			this.#stage(text);
			return;
		}

		const handle = this.#timers.set(() => {
			this.#delayed.delete(handle);
			this.#stage(text);
		}, delay);
		this.#delayed.add(handle);
	}

	close(): void {
		for (const handle of this.#delayed) {
			this.#timers.clear(handle);
		}

		this.#delayed.clear();
		this.#timers.clear(this.#flushTimer);
		this.#held = undefined;
	}

	#stage(text: string): void {
		if (!this.#faults().reorderReplies) {
			this.#flush();
			this.#send(text);
			return;
		}

		const held = this.#held;
		if (held === undefined) {
			this.#held = text;
			this.#flushTimer = this.#timers.set(() => {
				this.#flush();
			}, reorderFlushMs);
			return;
		}

		this.#timers.clear(this.#flushTimer);
		this.#held = undefined;
		this.#send(text);
		this.#send(held);
	}

	#flush(): void {
		this.#timers.clear(this.#flushTimer);
		this.#flushTimer = undefined;
		const held = this.#held;
		this.#held = undefined;
		if (held !== undefined) {
			this.#send(held);
		}
	}
}
