/**
Time as the monitor sees it. Production passes `systemClock`; tests pass a manual clock so that
15 s heartbeats, 60 s identity limits and backoff run without waiting.
*/
export type TimerHandle = {readonly id: number};

export type Clock = {
	now(): number;
	setTimeout(callback: () => void, ms: number): TimerHandle;
	clearTimeout(handle: TimerHandle | undefined): void;
};

const handles = new WeakMap<TimerHandle, NodeJS.Timeout>();
let nextId = 1;

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout(callback, ms) {
		const handle = {id: nextId++};
		handles.set(handle, setTimeout(callback, Math.max(0, ms)));
		return handle;
	},
	clearTimeout(handle) {
		if (!handle) {
			return;
		}

		const timer = handles.get(handle);
		if (timer) {
			clearTimeout(timer);
			handles.delete(handle);
		}
	},
};
