import type {Clock, TimerHandle} from '../../core/clock.js';
import {journalAliveEveryMs} from '../../core/history/journal-paths.js';
import type {Listener} from '../../core/store.js';
import type {Line} from '../ndjson/ndjson-format.js';
import {serialize} from '../ndjson/ndjson-writer.js';
import {JournalFile, type JournalFileState} from './journal-file.js';
import {TransitionFilter} from './transition-filter.js';

export type JournalMode = 'tui' | 'json' | 'check' | 'fleet-tui' | 'fleet-json';

export type JournalOptions = {
	/** The device's journal folder: `deviceJournalDirectory(journalRoot(stateDirectory), key)`. */
	readonly directory: string;
	readonly clock: Clock;
	readonly pid: number;
	readonly mode: JournalMode;
	readonly version: string;
	/** The fleet config's name for the device, written on every line as NDJSON does with --config. */
	readonly device?: string;
	/** The monitor's redactor: every line passes through it, as NDJSON's do. */
	readonly redact: (text: string) => string;
	/**
	The status as it stands now (the `status` line NDJSON would print), written with each `alive` line and
	at stop: its `pausedAsOf` is the newest evidence, which dates the end of a pause across a restart.
	*/
	readonly currentStatus?: () => Line | undefined;
	readonly aliveEveryMs?: number;
	readonly retryMs?: number;
};

export type JournalState = JournalFileState;

/**
One device's journal for one run: a `monitor` `started` line, the transitions of the lines it is given
(see TransitionFilter), an `alive` line every few minutes, and a `stopped` line. Every line names the
process (`pid`), so that the runs of several processes writing one journal can be told apart. A
problem writing is in the snapshot (`problem`), said once; the monitor goes on regardless.
*/
export class Journal {
	readonly #options: JournalOptions;
	readonly #file: JournalFile;
	readonly #filter = new TransitionFilter();
	#alive: TimerHandle | undefined;
	#deviceId: string | undefined;
	#running = false;

	constructor(options: JournalOptions) {
		this.#options = options;
		this.#file = new JournalFile({directory: options.directory, clock: options.clock, retryMs: options.retryMs, carry: at => this.#carried(at)});
	}

	readonly getSnapshot = (): JournalState => this.#file.store.getSnapshot();

	readonly subscribe = (listener: Listener): (() => void) => this.#file.store.subscribe(listener);

	start(): void {
		if (this.#running) {
			return;
		}

		this.#running = true;
		this.#write(this.#monitorLine('started'));
		this.#scheduleAlive();
	}

	/** One NDJSON line of the monitor's (or a hook's); kept only if it is a transition. */
	record(line: Line): void {
		if (!this.#running || !this.#filter.keep(line)) {
			return;
		}

		if (line.type === 'identity' && typeof line.deviceId === 'string') {
			this.#deviceId = line.deviceId;
		}

		this.#write(line);
	}

	/** Resolves when the lines given so far are written (or writing failed). */
	async flushed(): Promise<void> {
		return this.#file.flushed();
	}

	async stop(): Promise<void> {
		if (!this.#running) {
			return;
		}

		this.#running = false;
		this.#options.clock.clearTimeout(this.#alive);
		this.#alive = undefined;
		this.#writeCurrentStatus();
		this.#write(this.#monitorLine('stopped'));
		await this.#file.close();
	}

	#scheduleAlive(): void {
		this.#alive = this.#options.clock.setTimeout(() => {
			this.#write(this.#monitorLine('alive'));
			this.#writeCurrentStatus();
			this.#scheduleAlive();
		}, this.#options.aliveEveryMs ?? journalAliveEveryMs);
	}

	#writeCurrentStatus(): void {
		const status = this.#options.currentStatus?.();
		if (status) {
			this.#write({...status, time: this.#now()});
		}
	}

	#monitorLine(event: 'started' | 'stopped' | 'alive'): Line {
		const {mode, version} = this.#options;
		return {time: this.#now(), type: 'monitor', event, mode, version, ...(this.#deviceId === undefined ? {} : {deviceId: this.#deviceId})};
	}

	/** The state at the top of a new day's file, so that each file can be read alone. */
	#carried(at: number): string[] {
		const time = new Date(at).toISOString();
		const states = this.#filter.latestStates();
		const status = this.#options.currentStatus?.();
		return [
			...states.filter(line => !(status && line.type === 'status')),
			...(status ? [status] : []),
		].map(line => this.#serialize({...line, time, carried: true}));
	}

	#write(line: Line): void {
		this.#file.append(this.#serialize(line));
	}

	#serialize(line: Line): string {
		const {time, type, ...rest} = line;
		const {device, pid, redact} = this.#options;
		return `${serialize({time, type, ...(device === undefined ? {} : {device}), pid, ...rest}, redact)}\n`;
	}

	#now(): string {
		return new Date(this.#options.clock.now()).toISOString();
	}
}
