import type {Identity} from '../identity/identity.js';

/**
The device-code flow (RFC 8628) as `c2c-status pair` walks it: ask for a code, show it, poll until a
person approves it in Frame.io, then keep the credentials.
*/
export type PairingSnapshot =
	| {readonly phase: 'requesting'; readonly attempt: number}
	| {
		readonly phase: 'waiting';
		/** The six-digit code a person types into Frame.io. */
		readonly userCode: string;
		readonly verificationUri: string;
		/** The address with the code filled in (for a QR code), when the server sends one. */
		readonly verificationUriComplete: string | null;
		readonly expiresAt: number;
		/** Polls are this far apart (it grows by 5 s on each slow_down). */
		readonly intervalMs: number;
		readonly nextPollAt: number | null;
		readonly polls: number;
		/** The last poll failed on the network: polling goes on until the code expires. */
		readonly lastError: string | null;
	}
	| {readonly phase: 'paired'; readonly identity: Identity | null; readonly identityError: string | null; readonly credentialsPath: string}
	/** The code expired before anyone approved it: a new code can be asked for. */
	| {readonly phase: 'expired'; readonly userCode: string}
	/** Refused for good (invalid_client: a wrong client secret; invalid_grant) or the credentials could not be written. */
	| {readonly phase: 'failed'; readonly code: string; readonly message: string};
