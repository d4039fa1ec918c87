import {defaultClientVersion} from '../../core/monitor-config.js';
import {printable} from '../../text/sanitize.js';
import {UsageError} from '../usage-error.js';

const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[\da-z-]+(?:\.[\da-z-]+)*)?(?:\+[\da-z-]+(?:\.[\da-z-]+)*)?$/i;

/** `--client-version` (or a fleet device's `clientVersion`): a semantic version, as Frame.io requires of x-client-version. */
export function parseClientVersion(value: string | undefined, name = '--client-version'): string {
	const clientVersion = value ?? defaultClientVersion;
	if (!semver.test(clientVersion)) {
		throw new UsageError(`${name} must be a semantic version such as 2.0.0, got "${printable(clientVersion, 40)}".`);
	}

	return clientVersion;
}
