import type {FlagDefinitions} from '../../flag-definitions.js';
import {checkFlags} from './check-flags.js';

/**
Whether the check's arguments ask for --json, read from the raw arguments: when the flags themselves
are refused, nothing parsed says so, yet a monitoring system that asked for JSON must get JSON. A
`--json` that is the value of a string flag (`--token-file --json` aside, which checkFlags refuses) or
that comes after `--` does not count.
*/
export function asksForJson(args: readonly string[], flags: FlagDefinitions = checkFlags): boolean {
	const stringFlags = new Set(Object.entries(flags).filter(([, definition]) => definition.type === 'string').map(([name]) => `--${name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`));
	for (let index = 0; index < args.length; index++) {
		const argument = args[index]!;
		if (argument === '--') {
			return false;
		}

		if (argument === '--json' || argument === '--json=true') {
			return true;
		}

		const next = args[index + 1];
		// A string flag's value is the next argument, unless that is a flag (which checkFlags refuses as a missing value).
		if (stringFlags.has(argument) && next !== undefined && !(next.startsWith('--') && next.length > 2)) {
			index++;
		}
	}

	return false;
}
