import type {Clock, TimerHandle} from './clock.js';
import {deriveStatus, nextReassessAt, reassess, unknownStatus, type DerivedStatus, type Observation} from './derive-status.js';
import type {IdentityFailure} from './identity/identity-request.js';
import type {MonitorEvent} from './monitor-events.js';
import type {SocketSnapshot} from './socket/socket-types.js';

export type StatusKeeperOptions = {
	readonly clock: Clock;
	/** A `status` event: at start, and whenever Paused, its confirmation or Connected changes. */
	readonly emit: (event: Extract<MonitorEvent, {type: 'status'}>) => void;
	/** Anything in the status changed (a snapshot is due). */
	readonly changed: () => void;
};

/**
The Monitor's derived status: every observation goes through the pure reducer (derive-status.ts) as of
the clock's now, and a timer on the clock reassesses it the moment an identity ages out of confirming
Paused, so the change is published at once rather than at the next event. Until `announce()` (start,
while the state file's memory is folded in) no status event goes out: the first one already weighs it.
*/
export class StatusKeeper {
	readonly #options: StatusKeeperOptions;
	#status: DerivedStatus = unknownStatus;
	#announced = false;
	#stopped = false;
	#timer: TimerHandle | undefined;
	#timerAt: number | undefined;

	constructor(options: StatusKeeperOptions) {
		this.#options = options;
	}

	get status(): DerivedStatus {
		return this.#status;
	}

	observe(observation: Observation): void {
		if (this.#stopped) {
			return;
		}

		this.#set(deriveStatus(this.#status, observation, this.#options.clock.now()));
	}

	/** Starting (again): changes are kept, but no event goes out until `announce()`. */
	begin(): void {
		this.#stopped = false;
		this.#announced = false;
	}

	/** The first `status` event (start): from here on each change of Paused, its confirmation or Connected makes one. */
	announce(): void {
		this.#announced = true;
		this.#options.emit({type: 'status', at: this.#options.clock.now(), status: this.#status});
	}

	/** No more changes: what stopping does (the socket closing) is not news about the device. */
	stop(): void {
		this.#stopped = true;
		this.#options.clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#timerAt = undefined;
	}

	#set(next: DerivedStatus): void {
		const previous = this.#status;
		if (next === previous) {
			return;
		}

		this.#status = next;
		this.#arm();
		const changed = next.paused.value !== previous.paused.value || next.connected.value !== previous.connected.value
			|| next.confidence.confirmed !== previous.confidence.confirmed;
		if (changed && this.#announced) {
			this.#options.emit({type: 'status', at: this.#options.clock.now(), status: next});
		}

		this.#options.changed();
	}

	/** A timer for the moment time alone changes the confidence (an identity ageing out), if there is one. */
	#arm(): void {
		const at = nextReassessAt(this.#status);
		if (at === this.#timerAt) {
			return;
		}

		const {clock} = this.#options;
		clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#timerAt = at ?? undefined;
		if (at !== null) {
			this.#timer = clock.setTimeout(() => {
				this.#timer = undefined;
				this.#timerAt = undefined;
				this.#set(reassess(this.#status, clock.now()));
			}, at - clock.now());
		}
	}
}

/** The device channel as Paused's confidence sees it: joined, or why not (in words for people). */
export function channelObservation(socket: SocketSnapshot, withoutSocket: boolean, at: number): Observation {
	return {kind: 'channel', joined: socket.state === 'joined', trouble: withoutSocket ? 'no socket' : socketTrouble(socket), at};
}

function socketTrouble(socket: SocketSnapshot): string | null {
	switch (socket.state) {
		case 'joined': {
			return null;
		}

		case 'idle': {
			return 'no device id yet';
		}

		case 'connecting': {
			return 'socket connecting';
		}

		case 'open': {
			const {join} = socket;
			if (join.phase !== 'errored') {
				return 'joining channel';
			}

			return join.lastError?.startsWith('join refused') ? 'join refused' : 'channel lost';
		}

		case 'closed':
		case 'waiting': {
			return 'socket closed';
		}

		case 'rejected': {
			return 'socket refused';
		}

		case 'stopped': {
			return 'stopped';
		}
	}
}

/** Why the latest identity request failed, as Paused's confidence says it. */
export function identityTrouble(failure: IdentityFailure): string {
	if (failure.kind === 'auth') {
		return 'token rejected';
	}

	return failure.kind === 'rate-limited' ? 'identity rate limited' : 'identity failing';
}
