import {closeSync} from 'node:fs';
import process from 'node:process';
import {render} from 'ink';
import type {HookReport} from '../output/change-hooks.js';
import App from '../ui/App.js';
import {asciiStdout} from '../ui/ascii-stdout.js';
import FleetApp from '../ui/FleetApp.js';
import {NoticeBoard} from '../ui/notice-board.js';
import ThemeContext from '../ui/ThemeContext.js';
import {nextDemoStep} from '../emulator/demo-hint.js';
import {createTheme} from '../ui/theme.js';
import type {MonitorCommand} from './monitor-flags.js';
import {startSinks} from './start-sinks.js';
import {waitForSignal} from './wait-for-signal.js';
import type {WatchedDevices} from './watched-devices.js';

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

/** A hook that failed, in a few words for the footer (one that worked says nothing). */
function hookNotice(report: HookReport, fleet: boolean): string | undefined {
	return report.ok ? undefined : `--on-change hook ${fleet ? `for ${report.device} ` : ''}${report.error ?? 'failed'}`;
}

/**
The live view in the terminal until q, Ctrl+C, SIGINT, SIGTERM or SIGHUP, or until the terminal goes
away: then the sockets are closed cleanly, the terminal restored (if it is still there), and the exit
code is 0. A fleet opens on its table; a single device on its panels.
*/
export async function runTuiMode(watched: WatchedDevices, command: Pick<MonitorCommand, 'metrics' | 'onChange' | 'bell'>, options: TuiOptions): Promise<number> {
	const board = new NoticeBoard();
	const fleet = watched.fleet !== undefined;
	const sinks = await startSinks(watched, command, {
		bell(text) {
			process.stdout.write(text);
		},
		hookReport(report) {
			const notice = hookNotice(report, fleet);
			if (notice) {
				// A minute: long enough to be seen on a cart nobody is looking at every second.
				board.post(notice, 60_000);
			}
		},
		announce(text) {
			board.post(text);
		},
	});
	try {
		await watched.start();
	} catch (error) {
		await sinks.close();
		throw error;
	}

	let quit: () => void = () => undefined;
	const quitting = new Promise<void>(resolve => {
		quit = resolve;
	});
	const {demoStartedAt} = options;
	const view = watched.fleet
		? <FleetApp fleet={watched.fleet} board={board} onQuit={quit}/>
		: <App monitor={watched.devices[0]!.monitor} board={board} demoHint={demoStartedAt === undefined ? undefined : now => nextDemoStep(demoStartedAt, now)} onQuit={quit}/>;
	const instance = render(
		<ThemeContext.Provider value={createTheme(options)}>
			{view}
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
		await watched.stop();
		await sinks.close();
		instance.unmount();
	}

	// SIGHUP is how a terminal says it is going away (the SSH link dropped, the tmux pane was killed).
	if (ended === 'terminal-gone' || ended === 'SIGHUP') {
		forgetLostTerminal();
	}

	return 0;
}
