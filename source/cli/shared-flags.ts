import type {FlagDefinitions} from './flag-definitions.js';

/*
The flag blocks several commands take, defined once; each command's flags spread the ones it takes.
What they mean is parsed in options/ (API URL, client credentials, client version, token origin).
*/

/** The API: `--api-url URL`, and `--insecure` for plain http to another machine. */
export const apiFlags = {
	apiUrl: {type: 'string'},
	insecure: {type: 'boolean'},
} as const satisfies FlagDefinitions;

/** The device's client: `--client-id`, `--client-secret-file PATH`, `--client-version`. */
export const clientFlags = {
	clientId: {type: 'string'},
	clientSecretFile: {type: 'string'},
	clientVersion: {type: 'string'},
} as const satisfies FlagDefinitions;

/** Where the monitor's token comes from: `--token-file PATH` or `--credentials FILE`. */
export const tokenFlags = {
	tokenFile: {type: 'string'},
	credentials: {type: 'string'},
} as const satisfies FlagDefinitions;

/** What the monitor and check watch, and how they reach it: the API, the token, the client. */
export const deviceFlags = {
	...apiFlags,
	...tokenFlags,
	...clientFlags,
} as const satisfies FlagDefinitions;

/** How a full screen is drawn: `--no-color`, `--ascii`. */
export const screenFlags = {
	color: {type: 'boolean', negatable: true},
	ascii: {type: 'boolean'},
} as const satisfies FlagDefinitions;
