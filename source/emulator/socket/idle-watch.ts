import type {TimerHandle} from '../../core/clock.js';
import type {TimerGroup} from '../timer-group.js';

/**
Calls `onIdle` once nothing has been received for `idleMs` (Phoenix's 60 s server timeout).
One timer per socket, re-armed for the time left rather than on every frame. When `onIdle`
returns false (e.g. half-open: send nothing, not even a close) the watch starts over.
*/
export class IdleWatch {
	readonly #timers: TimerGroup;
	readonly #idleMs: number;
	readonly #lastReceivedAt: () => number;
	readonly #onIdle: (idleForMs: number) => boolean;
	#timer: TimerHandle | undefined;

	constructor(timers: TimerGroup, idleMs: number, lastReceivedAt: () => number, onIdle: (idleForMs: number) => boolean) {
		this.#timers = timers;
		this.#idleMs = idleMs;
		this.#lastReceivedAt = lastReceivedAt;
		this.#onIdle = onIdle;
		this.#arm(idleMs);
	}

	stop(): void {
		this.#timers.clear(this.#timer);
		this.#timer = undefined;
	}

	#arm(ms: number): void {
		this.#timer = this.#timers.set(() => {
			this.#check();
		}, ms);
	}

	#check(): void {
		const idleFor = this.#timers.now() - this.#lastReceivedAt();
		if (idleFor < this.#idleMs) {
			this.#arm(this.#idleMs - idleFor);
		} else if (!this.#onIdle(idleFor)) {
			this.#arm(this.#idleMs);
		}
	}
}
