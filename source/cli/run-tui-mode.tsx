import {closeSync} from 'node:fs';
import process from 'node:process';
import {render} from 'ink';
import {Monitor, type MonitorOptions} from '../core/monitor.js';
import type {MonitorConfig} from '../core/monitor-config.js';
import App from '../ui/App.js';
import {asciiStdout} from '../ui/ascii-stdout.js';
import ThemeContext from '../ui/ThemeContext.js';
import {nextDemoStep} from '../emulator/demo-hint.js';
import {createTheme} from '../ui/theme.js';
import {startMonitor} from './start-monitor.js';
import {waitForSignal} from './wait-for-signal.js';

export type TuiOptions = {
	readonly color: boolean;
	readonly ascii: boolean;
	/** When the demo timeline started, in demo mode. */
	readonly demoStartedAt?: number;
};

/**
Resolves when the terminal goes away: an SSH link dropped or a tmux pane killed closes the pty, and
writing to it fails with EIO (reading, too). That ends the run as cleanly as q does, instead of an
unhandled error; the listeners stay, so the last writes on the way out fail quietly.
*/
async function terminalGone(): Promise<'terminal-gone'> {
	return new Promise(resolve => {
		const gone = () => {
			resolve('terminal-gone');
		};

		process.stdout.on('error', gone);
		process.stdin.on('error', gone);
	});
}

/**
Node restores the terminal's settings as the process exits, and aborts when the terminal is no longer
there to restore (a hung-up pty answers EIO). Closing the descriptors first tells it there is nothing
to restore. Only for a terminal that is already gone; everything else has been released by now.
*/
function forgetLostTerminal(): void {
	for (const fd of [0, 1, 2]) {
		try {
			closeSync(fd);
		} catch {}
	}
}

/**
The live view in the terminal until q, Ctrl+C, SIGINT, SIGTERM or SIGHUP, or until the terminal goes
away: then the socket is closed cleanly, the terminal restored (if it is still there), and the exit
code is 0.
*/
export async function runTuiMode(config: MonitorConfig, monitorOptions: MonitorOptions, options: TuiOptions): Promise<number> {
	const monitor = new Monitor(config, monitorOptions);
	await startMonitor(monitor);

	let quit: () => void = () => undefined;
	const quitting = new Promise<void>(resolve => {
		quit = resolve;
	});
	const {demoStartedAt} = options;
	const instance = render(
		<ThemeContext.Provider value={createTheme(options)}>
			<App monitor={monitor} demoHint={demoStartedAt === undefined ? undefined : now => nextDemoStep(demoStartedAt, now)} onQuit={quit}/>
		</ThemeContext.Provider>,
		{exitOnCtrlC: false, patchConsole: true, maxFps: 15, ...(options.ascii ? {stdout: asciiStdout(process.stdout)} : {})},
	);
	const signal = waitForSignal();
	let ended: unknown;
	try {
		ended = await Promise.race([quitting, signal.promise, instance.waitUntilExit(), terminalGone()]);
	} finally {
		// Also when the view crashed: release the signals, close the socket, restore the terminal.
		signal.cancel();
		await monitor.stop();
		instance.unmount();
	}

	// SIGHUP is how a terminal says it is going away (the SSH link dropped, the tmux pane was killed).
	if (ended === 'terminal-gone' || ended === 'SIGHUP') {
		forgetLostTerminal();
	}

	return 0;
}
