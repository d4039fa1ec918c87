import process from 'node:process';
import {render} from 'ink';
import type {RecordingText} from '../../../core/replay/recorded-line.js';
import {ReplayHistory} from '../../../core/replay/replay-history.js';
import {Replay} from '../../../core/replay/replay.js';
import ReplayApp from '../../../ui/monitor/replay/ReplayApp.js';
import {asciiOnly} from '../../../ui/screen/ascii-stdout.js';
import {screenStdout} from '../../../ui/screen/screen-stdout.js';
import ThemeContext from '../../../ui/shared/ThemeContext.js';
import {createTheme} from '../../../ui/shared/theme.js';
import {waitForSignal} from '../../wait-for-signal.js';
import type {ReplayCommand} from './replay-flags.js';

/**
The recording in the live view, until q, Ctrl+C or a signal: the same App as the monitor's, fed by
the replay (core/replay) instead of a Monitor. Nothing goes over the network.
*/
export async function runReplayScreen(recording: RecordingText & {readonly name: string}, command: ReplayCommand): Promise<number> {
	const replay = new Replay({lines: recording.lines, skipped: recording.skipped, speed: command.speed, ...(command.device === undefined ? {} : {device: command.device})});
	const history = new ReplayHistory(replay);
	let quit: () => void = () => undefined;
	const quitting = new Promise<void>(resolve => {
		quit = resolve;
	});
	const screen = screenStdout(process.stdout, command.ascii ? asciiOnly : undefined);
	const instance = render(
		<ThemeContext.Provider value={createTheme(command)}>
			<ReplayApp replay={replay} history={history} file={recording.name} onQuit={quit}/>
		</ThemeContext.Provider>,
		// As the live view: each frame whole to the screen writer, which writes only the cells that changed.
		{exitOnCtrlC: false, debug: true, stdout: screen.stdout},
	);
	const signal = waitForSignal();
	try {
		await Promise.race([quitting, signal.promise, instance.waitUntilExit()]);
	} finally {
		signal.cancel();
		replay.stop();
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		screen.close();
		instance.unmount();
	}

	return 0;
}
