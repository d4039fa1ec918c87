#!/usr/bin/env node
import process from 'node:process';
import meow from 'meow';
import {commands} from './source/cli/commands.js';
import {checkFlags, toMeowFlags} from './source/cli/flag-definitions.js';
import {printable} from './source/text/sanitize.js';
import {UsageError} from './source/cli/usage-error.js';
import {describeError} from './source/core/utils/describe-error.js';
import {packageInfo} from './source/cli/options/package-info.js';

const argv = process.argv.slice(2);
const named = argv[0] !== undefined && !argv[0].startsWith('-') ? commands[argv[0]] : undefined;
const command = named ?? commands['']!;
const args = named ? argv.slice(1) : argv;

try {
	checkFlags(args, command.flags, command.name);
	const pkg = packageInfo();
	const cli = meow(command.help, {
		importMeta: import.meta,
		// Given rather than looked up: dist/ copied alone has no package.json to find.
		pkg: {...pkg},
		argv: args,
		flags: toMeowFlags(command.flags),
		allowUnknownFlags: true,
		autoHelp: false,
		autoVersion: false,
	});
	if (cli.flags.help === true) {
		cli.showHelp(0);
	} else if (cli.flags.version === true) {
		console.log(pkg.version);
		process.exit(0);
	}

	if (cli.input.length > (command.arguments ?? 0)) {
		throw new UsageError(`unexpected argument "${printable(String(cli.input[command.arguments ?? 0]), 40)}". See '${command.name} --help'.`);
	}

	process.exitCode = await command.run(cli.flags, cli.input);
} catch (error) {
	const usage = error instanceof UsageError;
	const message = usage ? error.message : describeError(error);
	if (command.failed) {
		process.exitCode = command.failed(message, usage);
	} else {
		process.stderr.write(`${command.name}: ${message}\n`);
		process.exitCode = usage ? 2 : 1;
	}
}
