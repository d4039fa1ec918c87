/**
Frame.io's numbers as the emulator plays them: the server's side of the rules, written out here on their
own rather than imported from the client's `core/frameio-rules.ts`. The emulator stands in for Frame.io
to test the client, so it must not agree with the client by construction: a wrong number in either copy
shows up as a test failing against the other.

The guide is "How to: Manage Status and State" (/work/shared/spec/frameio-c2c-status-and-state.txt in the
project's shared material); the research notes are /work/shared/research/frameio-c2c.md.
*/

/**
An identity request (`GET /v2/devices/me`) within this long of the last one served for the same token
is answered 429. Guide, "Fetching connection information": "We ask that you do not poll this endpoint
more than once every 60 seconds."
*/
export const identityWindowMs = 60 * 1000;

/**
A socket that sends nothing for this long is closed. Guide, "Connecting to socket": "The socket
connection will terminate via our servers protocols if no 'heartbeat' has been heard from the device
every 60 seconds"; research §6: Phoenix's own idle timeout is 60 s by default.
*/
export const serverIdleTimeoutSeconds = 60;

/**
Access tokens from pairing and refresh: `expires_in` 28800. Guide, "What will I need?": "Be aware, this
lasts for 8 hours"; research §2: the token endpoint answers `"expires_in":28800`.
*/
export const accessTokenLifetimeSeconds = 28_800;

/** Refresh tokens last 14 days from issue. Research §2 (Refresh): "The refresh token lasts 14 days from issue". */
export const refreshTokenLifetimeMs = 14 * 24 * 60 * 60 * 1000;

/**
The identity's `status` is `offline` after this long without activity. Guide, "Fetching connection
information": "offline - The device has not emitted any activity in more than 5 minutes".
*/
export const offlineAfterMs = 5 * 60 * 1000;

/**
A pairing code's lifetime, its `expires_in`. Research §2 (Step 1): the schema says `expires_in` `<=120`
seconds; the emulator gives the most it may.
*/
export const pairingCodeLifetimeSeconds = 120;

/**
The `interval` a pairing code's poller is told to keep; polling sooner is answered `slow_down`. Research
§2 (Step 2): the token poll's errors have RFC 8628's meanings, and RFC 8628 §3.2 makes 5 seconds the
interval when none is given.
*/
export const pairingPollIntervalSeconds = 5;
