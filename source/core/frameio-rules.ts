/**
Every number that comes from Frame.io, in one place. The monitor, the emulator and the flag defaults
import them from here, so a rule of the guide has one home. Quotes are from "How to: Manage Status
and State" (the status guide) unless another source is named.
*/

/** "We ask that you do not poll this endpoint [GET /v2/devices/me] more than once every 60 seconds." */
export const identityMinIntervalMs = 60_000;

/** "These messages are very light, so it is our recommendation to emit them every 15 seconds." */
export const heartbeatIntervalMs = 15_000;

/**
"The socket connection will terminate via our servers protocols if no 'heartbeat' has been heard from
the device every 60 seconds."
*/
export const serverIdleTimeoutMs = 60_000;

/** The access token: "Be aware, this lasts for 8 hours" (the token endpoint answers expires_in 28800). */
export const accessTokenLifetimeMs = 8 * 60 * 60 * 1000;

/** Refresh tokens last 14 days from issue (the auth-device-token API reference). */
export const refreshTokenLifetimeMs = 14 * 24 * 60 * 60 * 1000;

/** "offline - The device has not emitted any activity in more than 5 minutes." */
export const onlineWindowMs = 5 * 60 * 1000;

/**
"If your token is expired you will see a 403 response code" on the socket upgrade. Retrying the same
token cannot help, so it is tried again only as often as the identity may be polled (a new token is
tried at once).
*/
export const rejectedTokenRetryMs = identityMinIntervalMs;

/** The device-code flow: "slow_down" asks the poller to add 5 seconds to its interval (RFC 8628, 3.5). */
export const slowDownStepMs = 5000;
