#!/usr/bin/env node
import process from 'node:process';
import meow from 'meow';
import {emulatorFlags, parseEmulatorFlags} from './source/cli/emulator-flags.js';
import {checkFlags, toMeowFlags, type FlagDefinitions} from './source/cli/flag-definitions.js';
import {emulatorHelp, monitorHelp} from './source/cli/help-text.js';
import {monitorFlags, parseMonitorFlags} from './source/cli/monitor-flags.js';
import {runMonitor} from './source/cli/run-monitor.js';
import {printable} from './source/cli/printable.js';
import {UsageError} from './source/cli/usage-error.js';
import {runEmulator} from './source/cli/run-emulator.js';

const argv = process.argv.slice(2);
const isEmulator = argv[0] === 'emulator';
const args = isEmulator ? argv.slice(1) : argv;
const command = isEmulator ? 'c2c-status emulator' : 'c2c-status';
const flags: FlagDefinitions = isEmulator ? emulatorFlags : monitorFlags;

try {
	checkFlags(args, flags, command);
	const cli = meow(isEmulator ? emulatorHelp : monitorHelp, {
		importMeta: import.meta,
		argv: args,
		flags: toMeowFlags(flags),
		allowUnknownFlags: true,
		autoHelp: false,
		autoVersion: false,
	});
	if (cli.flags.help === true) {
		cli.showHelp(0);
	} else if (cli.flags.version === true) {
		console.log(cli.pkg.version ?? 'unknown');
		process.exit(0);
	}

	if (cli.input.length > 0) {
		throw new UsageError(`unexpected argument "${printable(String(cli.input[0]), 40)}". See '${command} --help'.`);
	}

	process.exitCode = isEmulator
		? await runEmulator(parseEmulatorFlags(cli.flags))
		: await runMonitor(parseMonitorFlags(cli.flags, process.env));
} catch (error) {
	if (error instanceof UsageError) {
		process.stderr.write(`${command}: ${error.message}\n`);
		process.exitCode = 2;
	} else {
		process.stderr.write(`${command}: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	}
}
