import type {Clock, TimerHandle} from '../clock.js';

/**
The loop both pollers run: one timer for the next request and at most one request in flight,
started, rescheduled and cancelled together, so stopping releases both in one place.
*/
export class RequestLoop {
	readonly #clock: Clock;
	readonly #run: (signal: AbortSignal) => void;
	#timer: TimerHandle | undefined;
	#inFlight: AbortController | undefined;
	#running = false;

	/** `run` starts one request; it must call `finished(signal)` when the request settles. */
	constructor(clock: Clock, run: (signal: AbortSignal) => void) {
		this.#clock = clock;
		this.#run = run;
	}

	get running(): boolean {
		return this.#running;
	}

	get busy(): boolean {
		return this.#inFlight !== undefined;
	}

	/** Starts the loop: the first request now, or at `at`. */
	start(at?: number): void {
		if (this.#running) {
			return;
		}

		this.#running = true;
		if (at === undefined || at <= this.#clock.now()) {
			this.now();
		} else {
			this.at(at);
		}
	}

	/** Cancels the timer and aborts the request in flight. */
	stop(): void {
		this.#running = false;
		this.#clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#inFlight?.abort();
		this.#inFlight = undefined;
	}

	/** Starts a request now, abandoning any in flight (its answer will be ignored). */
	now(): void {
		if (!this.#running) {
			return;
		}

		this.#clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#inFlight?.abort();
		const controller = new AbortController();
		this.#inFlight = controller;
		this.#run(controller.signal);
	}

	/** Runs the next request at `at` (replacing a pending one). */
	at(at: number): void {
		this.#clock.clearTimeout(this.#timer);
		this.#timer = this.#clock.setTimeout(() => {
			this.#timer = undefined;
			this.now();
		}, at - this.#clock.now());
	}

	/** True when the request's answer still counts: it was neither abandoned nor stopped. */
	finished(signal: AbortSignal): boolean {
		if (signal.aborted || !this.#running) {
			return false;
		}

		this.#inFlight = undefined;
		return true;
	}
}
