import process from 'node:process';
import {render} from 'ink';
import {useSyncExternalStore} from 'react';
import {createRedactor} from '../../../core/token/redact.js';
import type {DevicePairing} from '../../../core/token/device-pairing.js';
import {asciiStdout} from '../../../ui/screen/ascii-stdout.js';
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

/**
`c2c-status pair` in a terminal: the pairing screen until q (or a signal), or until Enter once paired,
which starts the monitor with the new credentials in this same process.
*/
export async function runPairScreen(command: PairCommand, pairing: DevicePairing): Promise<number> {
	// As for the monitor's view: a person's terminal, not CI (see run-monitor.ts).
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	let end: (how: 'start' | 'quit') => void = () => undefined;
	const ended = new Promise<'start' | 'quit'>(resolve => {
		end = resolve;
	});
	const instance = render(
		<ThemeContext.Provider value={createTheme(command)}>
			<LivePairScreen
				pairing={pairing} command={command} onStart={() => {
					end('start');
				}}
				onQuit={() => {
					end('quit');
				}}/>
		</ThemeContext.Provider>,
		{exitOnCtrlC: false, patchConsole: true, maxFps: 15, ...(command.ascii ? {stdout: asciiStdout(process.stdout)} : {})},
	);
	const signal = waitForSignal();
	pairing.start();
	const how = await Promise.race([ended, signal.promise]);
	signal.cancel();
	pairing.stop();
	instance.unmount();
	const paired = pairing.getSnapshot().phase === 'paired';
	if (how !== 'start' || !paired) {
		return paired ? 0 : 1;
	}

	return runMonitor(parseMonitorFlags({
		credentials: command.credentialsPath, apiUrl: command.apiUrl.href, clientVersion: command.clientVersion,
		insecure: true, color: command.color, ascii: command.ascii,
	}, process.env));
}
