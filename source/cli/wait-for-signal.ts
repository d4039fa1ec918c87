export const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Resolves with the first of the signals to arrive; the returned cancel removes the handlers. */
export function waitForSignal(signals: readonly NodeJS.Signals[] = stopSignals): {promise: Promise<NodeJS.Signals>; cancel: () => void} {
	let cancel = () => {};
	const promise = new Promise<NodeJS.Signals>(resolve => {
		const handler = (signal: NodeJS.Signals) => {
			cancel();
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
