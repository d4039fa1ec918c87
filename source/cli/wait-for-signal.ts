import process from 'node:process';

export const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
Resolves with the first of the signals to arrive; `cancel()` removes the handlers when the run ends
another way. Once a signal has arrived the process is shutting down, and a second one must not kill it
half-way, before the socket is closed and the state is written: SIGTERM and SIGHUP are then ignored (a
dropped SSH link sends SIGHUP more than once), while a second Ctrl+C still ends it at once.
*/
export function waitForSignal(signals: readonly NodeJS.Signals[] = stopSignals): {promise: Promise<NodeJS.Signals>; cancel: () => void} {
	let cancel: () => void = () => undefined;
	const promise = new Promise<NodeJS.Signals>(resolve => {
		const handler = (signal: NodeJS.Signals) => {
			cancel();
			guardShutdown();
			resolve(signal);
		};

		for (const signal of signals) {
			process.on(signal, handler);
		}

		cancel = () => {
			for (const signal of signals) {
				process.off(signal, handler);
			}
		};
	});
	return {promise, cancel};
}

let guarded = false;

function guardShutdown(): void {
	if (guarded) {
		return;
	}

	guarded = true;
	process.on('SIGINT', () => {
		process.exit(130);
	});
	for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => undefined);
	}
}
