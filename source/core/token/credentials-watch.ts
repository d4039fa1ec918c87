import type {Clock, TimerHandle} from '../clock.js';
import {describeError} from '../utils/describe-error.js';
import {type Credentials, CredentialsError} from './credentials-file.js';
import type {CredentialsStore} from './credentials-store.js';

/** How often the file is looked at for a pair another process wrote (a refresh, or a new pairing). */
export const credentialsWatchMs = 5000;

/** What a look at the file found: its pair, or why it could not be read (never a secret). */
export type LookResult = {readonly ok: true; readonly credentials: Credentials} | {readonly ok: false; readonly error: string};

/**
Looks at the credentials file every few seconds (one look at a time): another process's refresh, a new
pairing, a file that became unreadable or was made private again are all noticed within `everyMs`.
*/
export class CredentialsWatch {
	readonly #clock: Clock;
	readonly #store: CredentialsStore;
	readonly #everyMs: number;
	readonly #found: (result: LookResult) => Promise<void>;
	#timer: TimerHandle | undefined;
	#running = false;

	constructor(options: {readonly clock: Clock; readonly store: CredentialsStore; readonly everyMs: number; readonly found: (result: LookResult) => Promise<void>}) {
		this.#clock = options.clock;
		this.#store = options.store;
		this.#everyMs = options.everyMs;
		this.#found = options.found;
	}

	start(): void {
		this.#running = true;
		this.#schedule();
	}

	stop(): void {
		this.#running = false;
		this.#clock.clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	#schedule(): void {
		this.#timer = this.#clock.setTimeout(async () => {
			await this.#found(await this.#look());
			if (this.#running) {
				this.#schedule();
			}
		}, this.#everyMs);
	}

	async #look(): Promise<LookResult> {
		try {
			return {ok: true, credentials: await this.#store.read()};
		} catch (error) {
			return {ok: false, error: error instanceof CredentialsError ? error.message : describeError(error)};
		}
	}
}
