import type {TokenOrigin} from './token/token-source.js';

/** Everything the monitor needs to know, already validated (see source/cli/commands/monitor/monitor-flags.ts). */
export type MonitorConfig = {
	/** Frame.io's API, e.g. https://api.frame.io; the socket URL is derived from it. */
	readonly apiUrl: URL;
	readonly token: TokenOrigin;
	/** Sent as x-client-version; must be a semantic version. */
	readonly clientVersion: string;
	readonly healthIntervalMs: number;
	/** The per-device state file (the last identity, across restarts and processes); none for the demo. */
	readonly statePath?: string;
};

export const defaultApiUrl = 'https://api.frame.io';
export const defaultClientVersion = '2.0.0';
