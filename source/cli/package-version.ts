import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {isRecord} from '../core/utils/is-record.js';

let cached: string | undefined;

/**
The version of c2c-status, for the journal's `monitor` lines and a recording's header: from the
package.json above this module, wherever it runs from (the bundle in dist/ or dist/chunks/, tsc's output, the source).
Read once; `unknown` when it cannot be found.
*/
export function packageVersion(): string {
	cached ??= findVersion(dirname(fileURLToPath(import.meta.url)));
	return cached;
}

function findVersion(start: string): string {
	for (let directory = start; ; directory = dirname(directory)) {
		try {
			const value: unknown = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
			if (isRecord(value) && value.name === 'c2c-status' && typeof value.version === 'string') {
				return value.version;
			}
		} catch {}

		if (dirname(directory) === directory) {
			return 'unknown';
		}
	}
}
