import {gapsWithin, type Interval} from './intervals.js';
import type {StatusLine} from './journal-line.js';

/** How sure an end of a window is: an event marked it, identity polls bound it, or nobody was watching. */
export type StartPrecision = 'exact' | 'bound' | 'unknown';
/** `open`: still paused while a run is watching; `unknown`: watching stopped while paused and nothing said since. */
export type EndPrecision = StartPrecision | 'open';

/**
One stretch of time the device was paused in Frame.io's Connections tab (footage created then is
rejected). Each end is a range [earliest, latest]: equal when an event marked it (`exact`), up to an
identity poll apart when only polls saw it (`bound`).
*/
export type PauseWindow = {
	/** The earliest moment the pause can have begun; null when unknown (it began before anyone watched). */
	readonly from: number | null;
	/** The latest moment it can have begun: the event's arrival, or the answer of the identity that first said paused. */
	readonly fromLatest: number;
	readonly fromPrecision: StartPrecision;
	readonly fromSource: 'event' | 'identity' | null;
	/** The earliest moment it can have ended: null while open. For `unknown`, the last moment it was known to hold. */
	readonly to: number | null;
	/** The latest moment it can have ended: null while open, or when unknown. */
	readonly toLatest: number | null;
	readonly toPrecision: EndPrecision;
	readonly toSource: 'event' | 'identity' | null;
	/** `exact` when both ends are; `open` while still paused; `bound` otherwise. */
	readonly precision: 'exact' | 'bound' | 'open';
	/** Times inside the window when nobody watched: it may have resumed and paused again then. */
	readonly unmonitored: readonly Interval[];
	/**
	For a bound start, where in it the pause most likely began: the part of [from, fromLatest] when no
	run had the channel joined (Frame.io pushes status_updated on it, and none said paused). Null when
	that is all of it, or none of it (the channel was joined throughout: the event was missed, as the
	guide warns events can be). Only a likelihood: `from` stays the earliest the evidence allows.
	*/
	readonly likelyStart: Interval | null;
};

type Start = Pick<PauseWindow, 'from' | 'fromLatest' | 'fromPrecision' | 'fromSource'>;
type Change = {readonly earliest: number | null; readonly latest: number; readonly precision: StartPrecision; readonly source: 'event' | 'identity' | null};

/**
Folds the `status` lines of every run into one Paused over time, the way `deriveStatus` folds
observations: the newest evidence wins (a line whose `pausedAsOf` is older than evidence already taken
is stale: another process learnt it late, or remembered it from an earlier run). A change is dated by
the line: `pausedSince` is the latest moment it can have happened; the earliest is the later of the
line's `pausedSinceEarliest` (the newest evidence of the old value that process had) and the newest
evidence of the old value in the journal (another process's, or an earlier run's before a gap).

Only evidence counts, never a run merely watching: a joined socket that saw no event may have missed it.
(It only says where a bound start most likely lies: `likelyStart`, from the history's joined intervals.)
*/
export class PauseTracker {
	#value: boolean | null = null;
	#evidenceAt = Number.NEGATIVE_INFINITY;
	/** The newest evidence of the current value (its `pausedAsOf`). */
	#lastSeen: number | null = null;
	#open: Start | undefined;
	readonly #windows: Array<Omit<PauseWindow, 'unmonitored' | 'precision' | 'likelyStart'>> = [];

	status(line: StatusLine): void {
		if (line.paused === null) {
			return;
		}

		const asOf = line.pausedAsOf ?? line.at;
		if (asOf < this.#evidenceAt) {
			return;
		}

		this.#evidenceAt = asOf;
		if (line.paused !== this.#value) {
			this.#change(line.paused, this.#dating(line, asOf));
			this.#value = line.paused;
		}

		this.#lastSeen = asOf;
	}

	/** The windows, the last one open (`watching`) or with an unknown end (nobody watches any more). */
	finish(watching: boolean): Array<Omit<PauseWindow, 'unmonitored' | 'precision' | 'likelyStart'>> {
		const windows = [...this.#windows];
		if (this.#open) {
			const {fromLatest} = this.#open;
			windows.push({
				...this.#open,
				to: watching ? null : Math.max(this.#lastSeen ?? fromLatest, fromLatest),
				toLatest: null,
				toPrecision: watching ? 'open' : 'unknown',
				toSource: null,
			});
		}

		return windows;
	}

	#dating(line: StatusLine, asOf: number): Change {
		const latest = Math.max(line.pausedSince ?? line.at, asOf);
		if (line.pausedSource === 'event') {
			return {earliest: latest, latest, precision: 'exact', source: 'event'};
		}

		const candidates = [line.pausedSinceEarliest, this.#value === null ? null : this.#lastSeen].filter((at): at is number => at !== null);
		const earliest = candidates.length === 0 ? null : Math.min(Math.max(...candidates), latest);
		return {earliest, latest, precision: earliest === null ? 'unknown' : 'bound', source: line.pausedSource};
	}

	#change(paused: boolean, change: Change): void {
		if (paused) {
			this.#open = {from: change.earliest, fromLatest: change.latest, fromPrecision: change.precision, fromSource: change.source};
			return;
		}

		if (this.#open) {
			this.#windows.push({
				...this.#open, to: change.earliest ?? change.latest, toLatest: change.latest, toPrecision: change.precision, toSource: change.source,
			});
			this.#open = undefined;
		}
	}
}

/** Where in a bound start the pause most likely began, given when some run had the channel joined (see PauseWindow). */
export function likelyStart(window: Pick<PauseWindow, 'from' | 'fromLatest' | 'fromPrecision'>, joined: readonly Interval[]): Interval | null {
	if (window.fromPrecision !== 'bound' || window.from === null || window.from >= window.fromLatest) {
		return null;
	}

	const bound = {from: window.from, to: window.fromLatest};
	const quiet = gapsWithin(joined, bound);
	const first = quiet[0];
	const last = quiet.at(-1);
	if (!first || !last || (first.from === bound.from && last.to === bound.to)) {
		return null;
	}

	return {from: first.from, to: last.to};
}

/** The time a window may have covered: from its earliest known start to its latest known end (`now` while open). */
export function pauseExtent(window: PauseWindow, now: number): Interval {
	const from = window.from ?? window.fromLatest;
	return {from, to: Math.max(from, window.toLatest ?? window.to ?? now)};
}

export function windowPrecision(window: Pick<PauseWindow, 'fromPrecision' | 'toPrecision'>): PauseWindow['precision'] {
	if (window.toPrecision === 'open') {
		return 'open';
	}

	return window.fromPrecision === 'exact' && window.toPrecision === 'exact' ? 'exact' : 'bound';
}
