import type {Fleet} from '../../core/fleet/fleet.js';
import type {HistoryFeed} from '../../core/history/history-feed.js';
import type {DeviceHistory} from '../../core/history/history-model.js';
import type {MonitorSnapshot} from '../../core/monitor.js';
import {currentRttMs} from '../shared/socket-connection-words.js';
import type {Theme} from '../shared/theme.js';
import type {Cell} from './fleet-cell.js';
import {columnSpecs, type ColumnKey, type NaturalWidths} from './fleet-columns.js';
import {countFleet, type FleetCounts} from './fleet-counts.js';
import {fleetRow, naturalWidths, type FleetRow} from './fleet-row.js';
import {NextChange, redrawAt} from './fleet-time.js';

/** What the fleet table shows: every device's row (in the fleet's order), the summary's counts, how wide each column would like to be. */
export type FleetTableModel = {
	readonly names: readonly string[];
	readonly rows: readonly FleetRow[];
	readonly counts: FleetCounts;
	readonly natural: NaturalWidths;
};

export type FleetTableOptions = {
	readonly now: () => number;
	readonly theme: Theme;
	/** Redacts and sanitizes (as SafeText will), before anything is measured. */
	readonly screenText: (text: string) => string;
	/** The timers to redraw the ages with (tests may pass their own). */
	readonly setTimeout?: (callback: () => void, ms: number) => unknown;
	readonly clearTimeout?: (timer: unknown) => void;
	/** Each device's history (its journal), by name, for the "today" column. */
	readonly histories?: ReadonlyMap<string, HistoryFeed> | undefined;
};

export const headers = Object.fromEntries(Object.entries(columnSpecs).map(([key, spec]) => [key, spec.header])) as Record<ColumnKey, string>;

/** A round trip is shown anew once it is this many times the one shown, or that divided by it ... */
const rttFactor = 1.5;
/** ... and at least this far from it. */
const rttMinMoveMs = 10;

/**
The round trip the table shows, given the one it shows and the latest: the latest once it is half as
much again or a third less (and 10 ms away), else the one shown. Each reply moves the latest a little
(and locally, from 1 ms to 9 ms); a DIT looks at this column for a link gone slow (200 ms, 2 s), which
shows at the first slow reply, not for jitter, which would redraw the table with every heartbeat of
every device. The device's panels show every round trip and the average.
*/
export function heldRtt(shown: number | null | undefined, latest: number | null): number | null {
	if (latest === null || shown === null || shown === undefined) {
		return latest;
	}

	const far = Math.abs(latest - shown) >= rttMinMoveMs;
	return far && (latest >= shown * rttFactor || latest * rttFactor <= shown) ? latest : shown;
}

function sameCell(a: Cell, b: Cell): boolean {
	return a.tone === b.tone && a.variants.length === b.variants.length && a.variants.every((variant, index) => variant === b.variants[index]);
}

/** The two rows read the same, cell for cell. */
export function sameRow(a: FleetRow, b: FleetRow): boolean {
	for (const key of Object.keys(a) as ColumnKey[]) {
		if (!sameCell(a[key], b[key])) {
			return false;
		}
	}

	return true;
}

function sameRecord<T extends Readonly<Record<string, number | undefined>>>(a: T, b: T): boolean {
	return Object.keys(a).length === Object.keys(b).length && Object.keys(a).every(key => a[key] === b[key]);
}

type Entry = {
	name: string;
	snapshot: MonitorSnapshot;
	history: DeviceHistory | null;
	row: FleetRow;
	/** The row reads differently from this moment on (an age or a countdown moves). */
	changesAt: number;
	rtt: number | null;
};

/**
The fleet table's model, kept outside React: it follows the fleet's snapshots and the clock, and tells
its subscribers only when something on screen would read differently. A heartbeat, an identity that
says what it said, a /health check that changes nothing: each gives a new fleet snapshot but the same
model, so the view does not redraw. The clock is followed the same way: instead of a tick every second
the model is looked at again when the next age or countdown on screen moves (once a minute for a quiet
fleet, whose events are older than a minute), on the whole second as the tick was.

`subscribe` and `getSnapshot`, for useSyncExternalStore; the model stays the same object while it reads
the same, and so do its rows.
*/
export class FleetTableStore {
	readonly #fleet: Pick<Fleet, 'subscribe' | 'getSnapshot'>;
	readonly #options: FleetTableOptions;
	readonly #listeners = new Set<() => void>();
	#entries: Entry[] = [];
	#model: FleetTableModel;
	#unsubscribe: (() => void) | undefined;
	#timer: unknown;
	#timerAt = Number.POSITIVE_INFINITY;
	/** A journal is there: the table has a "today" column. */
	readonly #withToday: boolean;

	constructor(fleet: Pick<Fleet, 'subscribe' | 'getSnapshot'>, options: FleetTableOptions) {
		this.#fleet = fleet;
		this.#options = options;
		this.#withToday = options.histories !== undefined;
		this.#model = {names: [], rows: [], counts: countFleet([]), natural: naturalWidths([], headers, this.#withToday)};
		this.#update();
	}

	readonly getSnapshot = (): FleetTableModel => this.#model;

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		if (this.#unsubscribe === undefined) {
			const refresh = () => {
				this.refresh();
			};

			const stops = [this.#fleet.subscribe(refresh), ...[...this.#options.histories?.values() ?? []].map(history => history.subscribe(refresh))];
			this.#unsubscribe = () => {
				for (const stop of stops) {
					stop();
				}
			};

			this.refresh();
		}

		return () => {
			this.#listeners.delete(listener);
			if (this.#listeners.size === 0) {
				this.#unsubscribe?.();
				this.#unsubscribe = undefined;
				this.#cancelTimer();
			}
		};
	};

	/** Looks at the fleet and the clock again, and tells the subscribers when the table reads differently. */
	refresh(): void {
		if (this.#update()) {
			for (const listener of this.#listeners) {
				listener();
			}
		}
	}

	/** Rebuilds what changed; true when the model is a new one. */
	#update(): boolean {
		const {now: clock, theme, screenText} = this.#options;
		const time = clock();
		// The table reads the clock in whole seconds, as the tick did: ages move together on the second,
		// whenever a snapshot comes in between.
		const now = Math.floor(time / 1000) * 1000;
		const {devices} = this.#fleet.getSnapshot();
		let changed = devices.length !== this.#entries.length;
		const entries: Entry[] = [];
		let changesAt = Number.POSITIVE_INFINITY;
		for (const [index, {name, snapshot}] of devices.entries()) {
			const old = this.#entries[index]?.name === name ? this.#entries[index] : undefined;
			const history = this.#historyOf(name);
			let entry: Entry;
			if (old?.snapshot === snapshot && old.history === history && now < old.changesAt) {
				entry = old;
			} else {
				const next = new NextChange();
				const rtt = heldRtt(old?.rtt, currentRttMs(snapshot.socket));
				const row = fleetRow(name, snapshot, {now, theme, screenText, rttMs: rtt, next, history});
				const same = old !== undefined && sameRow(old.row, row);
				changed ||= !same;
				entry = {name, snapshot, history, row: same ? old.row : row, changesAt: next.at, rtt};
			}

			entries.push(entry);
			changesAt = Math.min(changesAt, entry.changesAt);
		}

		this.#entries = entries;
		this.#schedule(changesAt, time);
		const counts = countFleet(entries.map(entry => entry.snapshot));
		const countsChanged = !sameRecord(counts, this.#model.counts);
		if (!changed && !countsChanged) {
			return false;
		}

		const rows = changed ? entries.map(entry => entry.row) : this.#model.rows;
		const natural = changed ? naturalWidths(rows, headers, this.#withToday) : this.#model.natural;
		this.#model = {
			names: changed ? entries.map(entry => entry.name) : this.#model.names,
			rows,
			counts: countsChanged ? counts : this.#model.counts,
			natural: sameRecord(natural, this.#model.natural) ? this.#model.natural : natural,
		};
		return true;
	}

	/** The device's history from its journal, for the "today" column; null without one. */
	#historyOf(name: string): DeviceHistory | null {
		return this.#options.histories?.get(name)?.getSnapshot() ?? null;
	}

	/** One timer, for the next moment something on screen reads differently (none while nothing would). */
	#schedule(changesAt: number, now: number): void {
		if (this.#unsubscribe === undefined || changesAt === Number.POSITIVE_INFINITY) {
			this.#cancelTimer();
			return;
		}

		const at = redrawAt(changesAt, now);
		if (at === this.#timerAt) {
			return;
		}

		this.#cancelTimer();
		const {setTimeout: set = globalThis.setTimeout} = this.#options;
		this.#timerAt = at;
		this.#timer = set(() => {
			this.#timer = undefined;
			this.#timerAt = Number.POSITIVE_INFINITY;
			this.refresh();
		}, at - now);
	}

	#cancelTimer(): void {
		if (this.#timer !== undefined) {
			const {clearTimeout: clear = globalThis.clearTimeout} = this.#options;
			clear(this.#timer as NodeJS.Timeout);
			this.#timer = undefined;
		}

		this.#timerAt = Number.POSITIVE_INFINITY;
	}
}
