import type {Monitor} from '../core/monitor.js';
import {CredentialsError} from '../core/token/credentials-file.js';
import {TokenError} from '../core/token/token-file.js';
import {UsageError} from './usage-error.js';

/** Starts the monitor; no token to be had (a token file, a credentials file) is the person's to fix: exit 2. */
export async function startMonitor(monitor: Monitor): Promise<void> {
	try {
		await monitor.start();
	} catch (error) {
		throw error instanceof TokenError || error instanceof CredentialsError ? new UsageError(error.message) : error;
	}
}
