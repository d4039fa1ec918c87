import {describe, expect, it} from 'vitest';
import {asksForJson} from '../../../../source/cli/commands/check/check-json-flag.js';

describe('asksForJson (for an UNKNOWN when the flags are refused)', () => {
	it.each([
		[['--json'], true],
		[['--bogus', '--json'], true],
		[['--json=true'], true],
		[['--timeout', '5', '--json'], true],
		// A string flag followed by a flag has no value: --json is still a flag.
		[['--token-file', '--json'], true],
		[[], false],
		[['--token-file', 'json'], false],
		[['--token-file=--json'], false],
		[['--client-version', '--jsonish'], false],
		[['--', '--json'], false],
		[['--json=false'], false],
	])('%j → %s', (args, expected) => {
		expect(asksForJson(args)).toBe(expected);
	});
});
