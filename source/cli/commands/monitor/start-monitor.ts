import type {Monitor} from '../../../core/monitor.js';
import {CredentialsError} from '../../../core/token/credentials-file.js';
import {TokenError} from '../../../core/token/token-file.js';
import {UsageError} from '../../usage-error.js';

/** A token file or credentials file that cannot be had: the person's to fix (exit 2), not a failure to run. */
export function isConfigurationProblem(error: unknown): boolean {
	return error instanceof TokenError || error instanceof CredentialsError;
}

/** Starts the monitor; no token to be had (a token file, a credentials file) is the person's to fix: exit 2. */
export async function startMonitor(monitor: Monitor): Promise<void> {
	try {
		await monitor.start();
	} catch (error) {
		throw isConfigurationProblem(error) ? new UsageError((error as Error).message) : error;
	}
}
