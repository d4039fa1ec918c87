/** How long a footer notice stays, unless it says otherwise. */
export const noticeMs = 5000;

/** A notice from outside the view: a hook that failed, where the metrics are served. */
export type BoardNotice = {readonly text: string; readonly at: number; readonly forMs: number};

/** The notice's text while it is fresh. */
export function freshNotice(notice: BoardNotice | null, now: number): string | undefined {
	return notice && now - notice.at < notice.forMs ? notice.text : undefined;
}

/**
Notices the run posts for the live view to show in its footer (the newest one, while it is fresh). A
store like the monitor's: `subscribe()` and `getSnapshot()`, for useSyncExternalStore. What is
announced (where the metrics are served) is also kept for good, for the help: a footer notice is gone
after a while, and with `--metrics-port 0` the port could no longer be found.
*/
export class NoticeBoard {
	readonly #listeners = new Set<() => void>();
	#latest: BoardNotice | null = null;
	#standing: readonly string[] = [];

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	readonly getSnapshot = (): BoardNotice | null => this.#latest;

	/** Everything announced, oldest first: the same array until something is announced. */
	readonly getStanding = (): readonly string[] => this.#standing;

	post(text: string, forMs = noticeMs, at = Date.now()): void {
		this.#latest = {text, at, forMs};
		this.#tell();
	}

	/** A fact for as long as the run lasts (where the metrics are served): posted, and kept for the help. */
	announce(text: string, at = Date.now()): void {
		this.#standing = [...this.#standing.filter(fact => fact !== text), text];
		this.post(text, noticeMs, at);
	}

	#tell(): void {
		for (const listener of this.#listeners) {
			listener();
		}
	}
}
