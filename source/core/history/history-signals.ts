import type {Interval} from './intervals.js';
import type {IdentityLine, SocketLine, StatusLine, TokenLine} from './journal-line.js';

/** A value over time, as the points where it changed; it holds from each point until the next. */
export class Steps<T> {
	readonly #points: Array<{at: number; value: T}> = [];
	#value: T;

	constructor(initial: T) {
		this.#value = initial;
	}

	get value(): T {
		return this.#value;
	}

	set(at: number, value: T): void {
		if (value === this.#value) {
			return;
		}

		this.#value = value;
		const last = this.#points.at(-1);
		if (last && last.at >= at) {
			last.value = value;
		} else {
			this.#points.push({at, value});
		}
	}

	/** The stretches, up to `end`, where the value passes `test` (neighbouring ones joined). */
	intervals(end: number, test: (value: T) => boolean): Interval[] {
		const result: Interval[] = [];
		let from: number | undefined;
		for (const point of this.#points) {
			if (test(point.value)) {
				from ??= point.at;
			} else if (from !== undefined) {
				if (point.at > from) {
					result.push({from, to: point.at});
				}

				from = undefined;
			}
		}

		if (from !== undefined && end > from) {
			result.push({from, to: end});
		}

		return result;
	}
}

/**
Connected, merged over the runs: each process checks `/health` on its own, and a `status` line carries
its `connected`. A line is fresh evidence only where the value changed in that run (the line is written
then); a line written for another reason repeats an older check, which must not undo a newer one.
*/
export class ConnectedTracker {
	readonly steps = new Steps<boolean | null>(null);
	readonly #byRun = new Map<number, boolean>();

	status(line: StatusLine, run: number): void {
		if (line.connected === null || this.#byRun.get(run) === line.connected) {
			return;
		}

		this.#byRun.set(run, line.connected);
		this.steps.set(line.at, line.connected);
	}

	runEnded(run: number): void {
		this.#byRun.delete(run);
	}

	/** Nobody watches: nothing is known until a run checks again. */
	unwatched(at: number): void {
		this.steps.set(at, null);
	}
}

export type DeviceSocket = 'joined' | 'rejected' | 'down' | 'unknown';

/**
The device's channel, merged over the runs: joined while any run is joined (its status events reach
someone), else refused or down while some run tries, else unknown (no run has a socket: `check --no-socket`).
*/
export class SocketTracker {
	readonly steps = new Steps<DeviceSocket>('unknown');
	readonly #byRun = new Map<number, DeviceSocket>();

	socket(line: SocketLine, run: number): void {
		this.#byRun.set(run, line.state === 'joined' ? 'joined' : (line.state === 'rejected' ? 'rejected' : 'down'));
		this.#settle(line.at);
	}

	runEnded(run: number, at: number): void {
		this.#byRun.delete(run);
		this.#settle(at);
	}

	#settle(at: number): void {
		let state: DeviceSocket = 'unknown';
		for (const value of this.#byRun.values()) {
			if (value === 'joined') {
				state = 'joined';
				break;
			}

			if (value === 'rejected' || state === 'unknown') {
				state = value;
			}
		}

		this.steps.set(at, state);
	}
}

/**
The token refused, merged over the runs (they share the token: the journal is per token origin): from a
socket upgrade refused, an identity answered 401/403, or a pairing needed; until the token is accepted
again (the socket opens, an identity comes back) or nobody watches. Evidence older than the evidence
that set the value is not taken: an identity another process fetched before a refusal, adopted by a
`check` after it, does not end the refusal for a moment (and split one outage in two).
*/
export class TokenTracker {
	readonly steps = new Steps<boolean>(false);
	#asOf = Number.NEGATIVE_INFINITY;

	socket(line: SocketLine): void {
		if (line.state === 'rejected') {
			this.#set(line.at, line.at, true);
		} else if (line.state === 'open' || line.state === 'joined') {
			this.#set(line.at, line.at, false);
		}
	}

	identity(line: IdentityLine): void {
		if (line.ok) {
			this.#set(line.at, line.answeredAt, false);
		} else if (line.kind === 'auth') {
			this.#set(line.at, line.answeredAt, true);
		}
	}

	token(line: TokenLine): void {
		if (line.event === 'pairing-needed') {
			this.#set(line.at, line.at, true);
		}
	}

	unwatched(at: number): void {
		this.steps.set(at, false);
		this.#asOf = Number.NEGATIVE_INFINITY;
	}

	#set(at: number, asOf: number, value: boolean): void {
		if (asOf < this.#asOf) {
			return;
		}

		this.#asOf = asOf;
		this.steps.set(at, value);
	}
}
