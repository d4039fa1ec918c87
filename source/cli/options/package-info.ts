import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {isRecord} from '../../core/utils/is-record.js';

/** What the CLI says about itself (`--version`, the help's first line, the process title). */
export type PackageInfo = {
	readonly name: string;
	readonly version: string;
	readonly description?: string;
	readonly bin?: Readonly<Record<string, string>>;
};

/** Set by scripts/bundle.js (esbuild `define`): the bundle carries it, so dist/ copied alone still knows its version. */
declare const C2C_STATUS_PACKAGE: PackageInfo | undefined;

/**
The name, version and description of c2c-status: embedded in the bundle when it is built; when run from
source (tsx, or tsc's output) read from the package.json above this file.
*/
export function packageInfo(): PackageInfo {
	if (typeof C2C_STATUS_PACKAGE === 'object') {
		return C2C_STATUS_PACKAGE;
	}

	return fromPackageJson() ?? {name: 'c2c-status', version: 'unknown'};
}

function fromPackageJson(): PackageInfo | undefined {
	let directory = dirname(fileURLToPath(import.meta.url));
	for (let level = 0; level < 6; level++) {
		try {
			// Our own package.json, not a path anyone named.
			const value: unknown = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
			if (isRecord(value) && value.name === 'c2c-status' && typeof value.version === 'string') {
				return {name: value.name, version: value.version, ...(typeof value.description === 'string' ? {description: value.description} : {})};
			}
		} catch {}

		directory = dirname(directory);
	}

	return undefined;
}
