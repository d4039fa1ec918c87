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
store like the monitor's: `subscribe()` and `getSnapshot()`, for useSyncExternalStore.
*/
export class NoticeBoard {
	readonly #listeners = new Set<() => void>();
	#latest: BoardNotice | null = null;

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	readonly getSnapshot = (): BoardNotice | null => this.#latest;

	post(text: string, forMs = noticeMs, at = Date.now()): void {
		this.#latest = {text, at, forMs};
		for (const listener of this.#listeners) {
			listener();
		}
	}
}
