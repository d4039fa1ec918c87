import process from 'node:process';
import {emulatorFlags, parseEmulatorFlags} from './commands/emulator/emulator-flags.js';
import type {FlagDefinitions} from './flag-definitions.js';
import {checkFlags, parseCheckFlags} from './commands/check/check-flags.js';
import {asksForJson} from './commands/check/check-json-flag.js';
import {checkLine, unknownJson} from './commands/check/check-output.js';
import {checkHelp, emulatorHelp, logoutHelp, monitorHelp, pairHelp} from './help-text.js';
import {logoutFlags, parseLogoutFlags} from './commands/pair/logout-flags.js';
import {monitorFlags, parseMonitorFlags} from './commands/monitor/monitor-flags.js';
import {pairFlags, parsePairFlags} from './commands/pair/pair-flags.js';
import {parseReportFlags, reportFlags} from './commands/report/report-flags.js';
import {reportHelp} from './commands/report/report-help.js';
import {parseReplayFlags, replayFlags} from './commands/replay/replay-flags.js';
import {replayHelp} from './commands/replay/replay-help.js';

/**
One subcommand: its flags and help, and how to run it. Each runner is imported only when its command
runs, so that starting one never loads another's code (Ink and React weigh about 250 ms).
*/
export type Command = {
	readonly name: string;
	readonly flags: FlagDefinitions;
	readonly help: string;
	/** How many arguments it takes besides its flags (none unless told): `replay FILE` takes one. */
	readonly arguments?: number;
	/** Parses the flags and arguments (a UsageError for anything wrong) and runs; resolves with the exit code. */
	run(flags: Record<string, unknown>, input: readonly string[]): Promise<number>;
	/**
	Reports what stopped the command (a UsageError's message, or anything else) and gives the exit code;
	by default one line on stderr and 2 for bad usage, 1 otherwise.
	*/
	failed?(message: string, usage: boolean): number;
};

export const commands: Readonly<Record<string, Command>> = {
	'': {
		name: 'c2c-status',
		flags: monitorFlags,
		help: monitorHelp,
		async run(flags) {
			const command = parseMonitorFlags(flags, process.env);
			const {runMonitor} = await import('./commands/monitor/run-monitor.js');
			return runMonitor(command);
		},
	},
	emulator: {
		name: 'c2c-status emulator',
		flags: emulatorFlags,
		help: emulatorHelp,
		async run(flags) {
			const options = parseEmulatorFlags(flags);
			const {runEmulator} = await import('./commands/emulator/run-emulator.js');
			return runEmulator(options);
		},
	},
	pair: {
		name: 'c2c-status pair',
		flags: pairFlags,
		help: pairHelp,
		async run(flags) {
			const command = parsePairFlags(flags);
			const {runPair} = await import('./commands/pair/run-pair.js');
			return runPair(command);
		},
	},
	check: {
		name: 'c2c-status check',
		flags: checkFlags,
		help: checkHelp,
		async run(flags) {
			const command = parseCheckFlags(flags);
			const {runCheck} = await import('./commands/check/run-check.js');
			return runCheck(command);
		},
		// A monitoring system reads stdout and the exit code: anything that stops the check is UNKNOWN, in the
		// form it asked for (the flags may be what failed, so --json is looked for in the arguments themselves).
		failed(message) {
			const unknown = {status: 'UNKNOWN', summary: message, perf: []} as const;
			// The arguments after node, cli.js and "check".
			process.stdout.write(`${asksForJson(process.argv.slice(3)) ? unknownJson(message) : checkLine(unknown)}\n`);
			return 3;
		},
	},
	report: {
		name: 'c2c-status report',
		flags: reportFlags,
		help: reportHelp,
		async run(flags) {
			const command = parseReportFlags(flags);
			const {runReport} = await import('./commands/report/run-report.js');
			return runReport(command);
		},
	},
	replay: {
		name: 'c2c-status replay',
		flags: replayFlags,
		help: replayHelp,
		arguments: 1,
		async run(flags, input) {
			const command = parseReplayFlags(flags, input, process.env);
			const {runReplay} = await import('./commands/replay/run-replay.js');
			return runReplay(command);
		},
	},
	logout: {
		name: 'c2c-status logout',
		flags: logoutFlags,
		help: logoutHelp,
		async run(flags) {
			const command = parseLogoutFlags(flags);
			const {runLogout} = await import('./commands/pair/run-logout.js');
			return runLogout(command);
		},
	},
};
