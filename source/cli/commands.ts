import process from 'node:process';
import {emulatorFlags, parseEmulatorFlags} from './emulator-flags.js';
import type {FlagDefinitions} from './flag-definitions.js';
import {emulatorHelp, logoutHelp, monitorHelp, pairHelp} from './help-text.js';
import {logoutFlags, parseLogoutFlags} from './logout-flags.js';
import {monitorFlags, parseMonitorFlags} from './monitor-flags.js';
import {pairFlags, parsePairFlags} from './pair-flags.js';

/**
One subcommand: its flags and help, and how to run it. Each runner is imported only when its command
runs, so that starting one never loads another's code (Ink and React weigh about 250 ms).
*/
export type Command = {
	readonly name: string;
	readonly flags: FlagDefinitions;
	readonly help: string;
	/** Parses the flags (a UsageError for anything wrong) and runs; resolves with the exit code. */
	run(flags: Record<string, unknown>): Promise<number>;
};

export const commands: Readonly<Record<string, Command>> = {
	'': {
		name: 'c2c-status',
		flags: monitorFlags,
		help: monitorHelp,
		async run(flags) {
			const command = parseMonitorFlags(flags, process.env);
			const {runMonitor} = await import('./run-monitor.js');
			return runMonitor(command);
		},
	},
	emulator: {
		name: 'c2c-status emulator',
		flags: emulatorFlags,
		help: emulatorHelp,
		async run(flags) {
			const options = parseEmulatorFlags(flags);
			const {runEmulator} = await import('./run-emulator.js');
			return runEmulator(options);
		},
	},
	pair: {
		name: 'c2c-status pair',
		flags: pairFlags,
		help: pairHelp,
		async run(flags) {
			const command = parsePairFlags(flags);
			const {runPair} = await import('./run-pair.js');
			return runPair(command);
		},
	},
	logout: {
		name: 'c2c-status logout',
		flags: logoutFlags,
		help: logoutHelp,
		async run(flags) {
			const command = parseLogoutFlags(flags);
			const {runLogout} = await import('./run-logout.js');
			return runLogout(command);
		},
	},
};
