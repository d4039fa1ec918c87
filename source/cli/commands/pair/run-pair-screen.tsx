import process from 'node:process';
import {render} from 'ink';
import {useSyncExternalStore} from 'react';
import {createRedactor} from '../../../core/token/redact.js';
import type {DevicePairing} from '../../../core/token/device-pairing.js';
import {asciiOnly} from '../../../ui/screen/ascii-stdout.js';
import RepaintKey from '../../../ui/screen/RepaintKey.js';
import {screenStdout} from '../../../ui/screen/screen-stdout.js';
import PairScreen from '../../../ui/pair/PairScreen.js';
import ThemeContext from '../../../ui/shared/ThemeContext.js';
import {createTheme} from '../../../ui/shared/theme.js';
import {parseMonitorFlags} from '../monitor/monitor-flags.js';
import {runMonitor} from '../monitor/run-monitor.js';
import {waitForSignal} from '../../wait-for-signal.js';
import type {PairCommand} from './pair-flags.js';

type Props = {
	readonly pairing: DevicePairing;
	readonly command: PairCommand;
	readonly onStart: () => void;
	readonly onQuit: () => void;
};

function LivePairScreen({pairing, command, onStart, onQuit}: Props) {
	const snapshot = useSyncExternalStore(pairing.subscribe, pairing.getSnapshot);
	const redact = createRedactor(() => [command.client.clientSecret]);
	return (
		<PairScreen
			pairing={snapshot}
			apiUrl={command.apiUrl.href.replace(/\/$/, '')}
			redact={redact}
			onNewCode={() => {
				pairing.start();
			}}
			onStart={onStart}
			onQuit={onQuit}
		/>
	);
}

async function quitWhenExited(exited: Promise<unknown>): Promise<'quit'> {
	await exited;
	return 'quit';
}

/**
`c2c-status pair` in a terminal: the pairing screen until q (or a signal), or until Enter once paired,
which starts the monitor with the new credentials in this same process. It is drawn as the live view
is, through the screen writer (only what changed reaches the terminal; Ctrl+L draws it all again), and
its last frame stays on screen when it ends.
*/
export async function runPairScreen(command: PairCommand, pairing: DevicePairing): Promise<number> {
	// As for the monitor's view: a person's terminal, not CI (see run-monitor.ts).
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	let end: (how: 'start' | 'quit') => void = () => undefined;
	const ended = new Promise<'start' | 'quit'>(resolve => {
		end = resolve;
	});
	const screen = screenStdout(process.stdout, command.ascii ? asciiOnly : undefined);
	const instance = render(
		<ThemeContext.Provider value={createTheme(command)}>
			<RepaintKey onRepaint={screen.repaint}/>
			<LivePairScreen
				pairing={pairing} command={command} onStart={() => {
					end('start');
				}}
				onQuit={() => {
					end('quit');
				}}/>
		</ThemeContext.Provider>,
		// As the live view (see run-tui-mode.tsx): each frame whole to the screen writer.
		{exitOnCtrlC: false, patchConsole: true, debug: true, stdout: screen.stdout},
	);
	const signal = waitForSignal();
	pairing.start();
	let how: 'start' | 'quit' | NodeJS.Signals;
	try {
		// Also when the view crashed (Ink then ends with its error): the terminal is restored all the same.
		how = await Promise.race([ended, signal.promise, quitWhenExited(instance.waitUntilExit())]);
	} finally {
		signal.cancel();
		pairing.stop();
		// The last frame stays on screen (Ink's unmount writes an empty one), the cursor below it.
		screen.close();
		instance.unmount();
	}

	const paired = pairing.getSnapshot().phase === 'paired';
	if (how !== 'start' || !paired) {
		return paired ? 0 : 1;
	}

	return runMonitor(parseMonitorFlags({
		credentials: command.credentialsPath, apiUrl: command.apiUrl.href, clientVersion: command.clientVersion,
		insecure: true, color: command.color, ascii: command.ascii,
	}, process.env));
}
