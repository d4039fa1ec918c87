import {render} from 'ink';
import {Monitor} from '../core/monitor.js';
import type {MonitorConfig} from '../core/monitor-config.js';
import {TokenError} from '../core/token/token-store.js';
import App from '../ui/App.js';
import {asciiStdout} from '../ui/ascii-stdout.js';
import ThemeContext from '../ui/ThemeContext.js';
import {nextDemoStep} from '../emulator/demo-hint.js';
import {createTheme} from '../ui/theme.js';
import {UsageError} from './usage-error.js';
import {waitForSignal} from './wait-for-signal.js';

export type TuiOptions = {
	readonly color: boolean;
	readonly ascii: boolean;
	/** When the demo timeline started, in demo mode. */
	readonly demoStartedAt?: number;
};

/**
The live view in the terminal until q, Ctrl+C, SIGINT, SIGTERM or SIGHUP: then the socket is closed
cleanly, the terminal restored, and the exit code is 0.
*/
export async function runTuiMode(config: MonitorConfig, options: TuiOptions): Promise<number> {
	const monitor = new Monitor(config);
	try {
		await monitor.start();
	} catch (error) {
		throw error instanceof TokenError ? new UsageError(error.message) : error;
	}

	let quit = () => {};
	const quitting = new Promise<void>(resolve => {
		quit = resolve;
	});
	const {demoStartedAt} = options;
	const instance = render(
		<ThemeContext.Provider value={createTheme(options)}>
			<App monitor={monitor} onQuit={quit} demoHint={demoStartedAt === undefined ? undefined : now => nextDemoStep(demoStartedAt, now)}/>
		</ThemeContext.Provider>,
		{exitOnCtrlC: false, patchConsole: true, maxFps: 15, ...(options.ascii ? {stdout: asciiStdout(process.stdout)} : {})},
	);
	const signal = waitForSignal();
	try {
		await Promise.race([quitting, signal.promise, instance.waitUntilExit()]);
	} finally {
		// Also when the view crashed: release the signals, close the socket, restore the terminal.
		signal.cancel();
		await monitor.stop();
		instance.unmount();
	}

	return 0;
}
