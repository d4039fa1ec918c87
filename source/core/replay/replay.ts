import {systemClock, type Clock, type TimerHandle} from '../clock.js';
import type {RefreshOutcome} from '../identity/identity-poller.js';
import type {MonitorSnapshot} from '../monitor.js';
import type {ReconnectOutcome} from '../socket/socket-types.js';
import {trafficCapacity} from '../socket/traffic.js';
import type {RecordedLine} from './recorded-line.js';
import {ReplayTimeline} from './replay-timeline.js';

/** The speeds `+` and `-` step through: a second of recording per real second, up to an hour. */
export const replaySpeeds = [1, 2, 5, 10, 30, 60, 300, 600, 3600] as const;
export const defaultReplaySpeed = 10;

/** A playing replay moves its cursor this often (real time). */
const tickMs = 100;

/** Where the replay's cursor stands, for the title and the keys. */
export type ReplayPosition = {
	/** The cursor's moment: the panels show the state as of it, and their ages count from it. */
	readonly at: number;
	/** Lines shown (the first `shown` of the device's lines). */
	readonly shown: number;
	readonly total: number;
	readonly start: number;
	readonly end: number;
	readonly playing: boolean;
	readonly speed: number;
	/** Lines that could not be read, skipped. */
	readonly skipped: number;
	/** The device shown, when the recording is a fleet's. */
	readonly device: string | null;
	/** Changes of Paused, Connected or the socket before and after the cursor (Left and Right go there). */
	readonly changesBefore: number;
	readonly changesAfter: number;
};

export type ReplayOptions = {
	/** The recording's lines (every device's: one is picked). */
	readonly lines: readonly RecordedLine[];
	readonly skipped?: number;
	/** A fleet's recording: the device to show (default: the first one named). */
	readonly device?: string;
	readonly clock?: Clock;
	readonly speed?: number;
};

/**
A recording played back as another event source for the live view: the same `subscribe()` /
`getSnapshot()` the App reads from a Monitor, with the snapshot folded from the recorded lines up to a
cursor that plays (at a speed), pauses, and seeks to the start, the end, or the next or previous change
of Paused, Connected or the socket. What acts on a live device (refresh, reconnect) does nothing here.
*/
export class Replay {
	readonly timeline: ReplayTimeline;
	readonly device: string | null;
	readonly #clock: Clock;
	readonly #skipped: number;
	readonly #listeners = new Set<() => void>();
	#shown = 0;
	#at: number;
	#speed: number;
	#playing = false;
	#timer: TimerHandle | undefined;
	#snapshot: MonitorSnapshot;
	#position: ReplayPosition;

	constructor(options: ReplayOptions) {
		this.#clock = options.clock ?? systemClock;
		this.#skipped = options.skipped ?? 0;
		const device = options.device ?? options.lines.find(line => line.device !== null)?.device ?? null;
		this.device = device;
		const lines = device === null ? options.lines : options.lines.filter(line => line.device === null || line.device === device);
		this.timeline = new ReplayTimeline(lines);
		this.#speed = options.speed ?? defaultReplaySpeed;
		// At the start, before the first line: nothing is known yet, as when the monitor started.
		this.#at = lines[0]?.at ?? 0;
		this.#snapshot = this.#compose();
		this.#position = this.#positionNow();
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	readonly getSnapshot = (): MonitorSnapshot => this.#snapshot;

	readonly getPosition = (): ReplayPosition => this.#position;

	/** The cursor's moment: the view's "now". */
	readonly now = (): number => this.#at;

	/** A recording is redacted already. */
	readonly redact = (text: string): string => text;

	refreshIdentity(): RefreshOutcome {
		return 'stopped';
	}

	reconnect(): ReconnectOutcome {
		return 'no-device';
	}

	toggle(): void {
		if (this.#playing) {
			this.pause();
		} else {
			this.play();
		}
	}

	/** Plays from the cursor (from the start again when it stands at the end). */
	play(): void {
		if (this.#playing) {
			return;
		}

		if (this.#shown >= this.timeline.lines.length) {
			this.#seek(this.#start(), 0);
		}

		this.#playing = true;
		this.#schedule();
		this.#publish();
	}

	pause(): void {
		this.#playing = false;
		this.#clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#publish();
	}

	faster(): void {
		this.#setSpeed(replaySpeeds.find(speed => speed > this.#speed) ?? this.#speed);
	}

	slower(): void {
		this.#setSpeed(replaySpeeds.findLast(speed => speed < this.#speed) ?? this.#speed);
	}

	/** Before the first line. */
	toStart(): void {
		this.#seek(this.#start(), 0);
	}

	toEnd(): void {
		this.pause();
		this.#seek(this.#end(), this.timeline.lines.length);
	}

	/** To the next change of Paused, Connected or the socket (the line that made it shown); false when there is none. */
	next(): boolean {
		const index = this.timeline.changes.find(change => change >= this.#shown);
		if (index === undefined) {
			return false;
		}

		this.#seek(this.timeline.lines[index]!.at, index + 1);
		return true;
	}

	/** To the previous change before the one the cursor is on; false when there is none. */
	previous(): boolean {
		const index = this.timeline.changes.findLast(change => change + 1 < this.#shown);
		if (index === undefined) {
			return false;
		}

		this.#seek(this.timeline.lines[index]!.at, index + 1);
		return true;
	}

	stop(): void {
		this.pause();
		this.#listeners.clear();
	}

	#start(): number {
		return this.timeline.lines[0]?.at ?? 0;
	}

	#end(): number {
		return this.timeline.lines.at(-1)?.at ?? 0;
	}

	#setSpeed(speed: number): void {
		this.#speed = speed;
		this.#publish();
	}

	#schedule(): void {
		this.#timer = this.#clock.setTimeout(() => {
			this.#timer = undefined;
			this.#tick();
		}, tickMs);
	}

	#tick(): void {
		const at = Math.min(this.#end(), this.#at + (tickMs * this.#speed));
		const shown = this.timeline.countUpTo(at, this.#shown);
		const atEnd = shown >= this.timeline.lines.length && at >= this.#end();
		const secondChanged = Math.floor(at / 1000) !== Math.floor(this.#at / 1000);
		if (atEnd) {
			this.#playing = false;
		} else {
			this.#schedule();
		}

		if (shown === this.#shown && !secondChanged && !atEnd) {
			this.#at = at;
			return;
		}

		this.#seek(at, shown);
	}

	#seek(at: number, shown: number): void {
		const changed = shown !== this.#shown;
		this.#at = at;
		this.#shown = shown;
		if (changed) {
			this.#snapshot = this.#compose();
		}

		this.#publish();
	}

	#publish(): void {
		this.#position = this.#positionNow();
		for (const listener of this.#listeners) {
			listener();
		}
	}

	#positionNow(): ReplayPosition {
		const {changes, lines} = this.timeline;
		const after = changes.filter(change => change >= this.#shown).length;
		return {
			at: this.#at, shown: this.#shown, total: lines.length, start: this.#start(), end: this.#end(), playing: this.#playing, speed: this.#speed,
			skipped: this.#skipped, device: this.device, changesBefore: changes.length - after, changesAfter: after,
		};
	}

	#compose(): MonitorSnapshot {
		const state = this.timeline.stateAfter(this.#shown);
		const {traffic} = this.timeline;
		return Object.freeze({
			startedAt: state.startedAt,
			running: true,
			apiUrl: this.timeline.apiUrl.replace(/\/$/, ''),
			token: state.token,
			identity: state.identity,
			health: state.health,
			socket: state.socket,
			status: state.status,
			traffic: traffic.slice(Math.max(0, state.frames - trafficCapacity), state.frames),
			stateProblem: null,
		});
	}
}
