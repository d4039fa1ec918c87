import {closeSync} from 'node:fs';
import process from 'node:process';
import {render} from 'ink';
import App from '../../../ui/monitor/App.js';
import {asciiOnly} from '../../../ui/screen/ascii-stdout.js';
import RepaintKey from '../../../ui/screen/RepaintKey.js';
import {screenStdout} from '../../../ui/screen/screen-stdout.js';
import FleetApp from '../../../ui/fleet/FleetApp.js';
import ThemeContext from '../../../ui/shared/ThemeContext.js';
import {nextDemoStep} from '../../../emulator/demo/demo-hint.js';
import {createTheme} from '../../../ui/shared/theme.js';
import {waitForSignal} from '../../wait-for-signal.js';
import type {LiveStart} from './start-live.js';
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

/**
The live view in the terminal (of devices already started, with their sinks) until q, Ctrl+C, SIGINT,
SIGTERM or SIGHUP, or until the terminal goes away: then the sockets are closed cleanly, the terminal
restored (if it is still there), and the exit code is 0. A fleet opens on its table; a single device
on its panels.
*/
export async function runTuiMode(watched: WatchedDevices, {board, sinks}: LiveStart, options: TuiOptions): Promise<number> {
	let quit: () => void = () => undefined;
	const quitting = new Promise<void>(resolve => {
		quit = resolve;
	});
	const {demoStartedAt} = options;
	const history = sinks.histories.get(watched.devices[0]!.name);
	const view = watched.fleet
		? <FleetApp fleet={watched.fleet} board={board} histories={sinks.histories.size > 0 ? sinks.histories : undefined} onQuit={quit}/>
		: <App monitor={watched.devices[0]!.monitor} board={board} history={history} demoHint={demoStartedAt === undefined ? undefined : now => nextDemoStep(demoStartedAt, now)} onQuit={quit}/>;
	const screen = screenStdout(process.stdout, options.ascii ? asciiOnly : undefined);
	const instance = render(
		<ThemeContext.Provider value={createTheme(options)}>
			<RepaintKey onRepaint={screen.repaint}/>
			{view}
		</ThemeContext.Provider>,
		// Debug mode: each frame comes to the screen whole, which writes only the cells that changed.
		// (Ink's own line diff, incrementalRendering, loses its place in tmux: ink#1023.) Snapshots
		// come at most 15 a second, so frames do too.
		{exitOnCtrlC: false, debug: true, stdout: screen.stdout},
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
		// Let the view draw the stopped state, then keep that frame on screen: Ink's unmount writes an
		// empty one, which would erase it.
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		screen.close();
		instance.unmount();
	}

	// SIGHUP is how a terminal says it is going away (the SSH link dropped, the tmux pane was killed).
	if (ended === 'terminal-gone' || ended === 'SIGHUP') {
		forgetLostTerminal();
	}

	return 0;
}
