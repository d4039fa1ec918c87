import {systemClock, type Clock, type TimerHandle} from '../clock.js';
import {Store} from '../store.js';
import {buildHistory, type DeviceHistory} from './history-model.js';
import {dayMs} from './journal-paths.js';
import {readJournal} from './journal-reader.js';

/** Where a view gets a device's history: rebuilt as it grows, read through `subscribe()` / `getSnapshot()`. */
export type HistoryFeed = {
	readonly subscribe: (listener: () => void) => () => void;
	/** Null until the first build. */
	readonly getSnapshot: () => DeviceHistory | null;
};

export type JournalHistoryOptions = {
	/** The device's journal folder. */
	readonly directory: string;
	readonly clock?: Clock;
	/** How far back to read (default: a day, the timeline's reach). */
	readonly spanMs?: number;
	/** Rebuilt this often however quiet (other processes' lines, and the passing of time): a minute. */
	readonly everyMs?: number;
	/** A change asks for a rebuild this much later, so a burst of changes makes one (the journal writes meanwhile). */
	readonly settleMs?: number;
};

/**
A device's history from its journal, for the live view: read and built at start, a moment after each
`changed()` (the journal took a line), and every minute, so the lines of other processes sharing the
device show up too. Reading never throws; a journal that cannot be read leaves the last history.
*/
export class JournalHistory implements HistoryFeed {
	readonly #options: Required<JournalHistoryOptions>;
	readonly #store = new Store<DeviceHistory | null>(null);
	#timer: TimerHandle | undefined;
	#soon: TimerHandle | undefined;
	#reading: Promise<void> | undefined;
	#again = false;
	#stopped = true;

	constructor(options: JournalHistoryOptions) {
		this.#options = {clock: systemClock, spanMs: dayMs, everyMs: 60_000, settleMs: 1000, ...options};
	}

	readonly subscribe = (listener: () => void): (() => void) => this.#store.subscribe(listener);

	readonly getSnapshot = (): DeviceHistory | null => this.#store.getSnapshot();

	start(): void {
		if (!this.#stopped) {
			return;
		}

		this.#stopped = false;
		this.#rebuild();
	}

	/** Something was written: rebuild a moment later (once for a burst). */
	changed(): void {
		if (this.#stopped || this.#soon !== undefined) {
			return;
		}

		this.#soon = this.#options.clock.setTimeout(() => {
			this.#soon = undefined;
			this.#rebuild();
		}, this.#options.settleMs);
	}

	/** Resolves once the build under way (if any) is done. */
	async settled(): Promise<void> {
		await this.#reading;
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		const {clock} = this.#options;
		clock.clearTimeout(this.#timer);
		clock.clearTimeout(this.#soon);
		this.#timer = undefined;
		this.#soon = undefined;
		await this.#reading;
	}

	#rebuild(): void {
		const {clock, everyMs} = this.#options;
		clock.clearTimeout(this.#timer);
		this.#timer = clock.setTimeout(() => {
			this.#rebuild();
		}, everyMs);
		if (this.#reading) {
			this.#again = true;
			return;
		}

		this.#reading = this.#read();
	}

	async #read(): Promise<void> {
		const {clock, directory, spanMs} = this.#options;
		do {
			this.#again = false;
			const now = clock.now();
			// eslint-disable-next-line no-await-in-loop
			const read = await readJournal(directory, {from: now - spanMs, to: now});
			if (this.#stopped) {
				break;
			}

			if (read.found || this.#store.getSnapshot() !== null) {
				const history = buildHistory(read.lines, {now: clock.now(), skippedLines: read.skippedLines, processes: read.processes});
				this.#store.update(() => history);
			}
		} while (this.#again && !this.#stopped);

		this.#reading = undefined;
	}
}
