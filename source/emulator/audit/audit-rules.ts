/**
The referee's own copy of Frame.io's numbers: what the audit holds a device under test to. It shares
nothing with the monitor's rules on purpose, so that the referee can catch our own client getting a
number wrong. "The guide" is Frame.io's "How to: Manage Status and State"; "the issue" is issue 18,
which sets how each rule is judged where the guide gives no number.
*/

/** The rules, in the order the report lists them. */
export const ruleIds = [
	'client-version',
	'identity-after-token',
	'identity-rate',
	'socket-token-in-query',
	'join-own-topic',
	'heartbeat',
	'rejoin-after-close',
	'no-hammering',
	'frames',
	'token-not-expired',
	'refresh-single-use',
	'pairing-poll',
	'health',
] as const;

export type RuleId = typeof ruleIds[number];

/**
The guide's curl examples send `--header 'x-client-version: 2.0.0'`; the auth API reference says the
header "must be a valid semantic version". The pattern is semver.org's own (2.0.0, "Is there a
suggested regular expression").
*/
const numeric = String.raw`(?:0|[1-9]\d*)`;
const preReleasePart = String.raw`(?:0|[1-9]\d*|\d*[a-zA-Z-][\da-zA-Z-]*)`;
const build = String.raw`(?:\+[\da-zA-Z-]+(?:\.[\da-zA-Z-]+)*)?`;
export const semanticVersionPattern = new RegExp(String.raw`^${numeric}\.${numeric}\.${numeric}(?:-${preReleasePart}(?:\.${preReleasePart})*)?${build}$`);

/** The paths whose requests must carry x-client-version (the issue: "every request to /v2/* and /health"). */
export const versionedPathPrefix = '/v2/';
export const healthPath = '/health';
export const identityPath = '/v2/devices/me';

/**
"The first thing your device should do after any new authorization or token refresh is use the
identity endpoint." The guide gives no time; the issue judges "within 10 s of each token the emulator
issued being first used". Within means less than: an identity request 10 s after is late.
*/
export const identityAfterTokenMs = 10_000;

/**
"We ask that you do not poll this endpoint more than once every 60 seconds." Judged per access token:
Frame.io's rate-limit page counts per token (its older text; the newer says per user), the emulator's
own limiter does, and counting per device would make the guide contradict itself when a refresh comes
less than 60 s after an identity request (the new token must be followed by an identity request).
Two requests exactly 60 s apart are kept.
*/
export const identityMinGapMs = 60_000;

/**
"The socket connection will terminate via our servers protocols if no 'heartbeat' has been heard from
the device every 60 seconds." A gap of 60 s or more (the server's idle timeout fires at 60 s) is broken.
*/
export const heartbeatMaxGapMs = 60_000;

/** "These messages are very light, so it is our recommendation to emit them every 15 seconds." */
export const heartbeatRecommendedMs = 15_000;

/** The issue makes a gap above 30 s (twice the recommendation) a warning. */
export const heartbeatWarnGapMs = 30_000;

/** The guide's heartbeat frame: `{"topic":"phoenix", "event":"heartbeat", "payload":"", "ref":"heartbeat"}`. */
export const heartbeatTopic = 'phoenix';
export const heartbeatEvent = 'heartbeat';
export const joinEvent = 'phx_join';

/** "using the id from your connection information for the topic string": `devices:YOUR_DEVICE_ID`. */
export function ownTopic(deviceId: string): string {
	return `devices:${deviceId}`;
}

/**
"Opening the socket connection to Frame.io is a two step process: ... 2. Join the devices channel." The
guide gives no time for step 2; a socket left open this long without joining its topic breaks
join-own-topic (the same 60 s the server allows an inactive socket).
*/
export const joinWithinMs = 60_000;

/**
"If the socket connection closes for some unforeseen reason, no worries, just re-open the connection
and start from the beginning." The issue: after each close the emulator made, a reconnect and a join
in less than 60 s. While the emulator cuts or forbids upgrades (its refuse- and forbid-connections
faults) the device cannot rejoin, so the 60 s run from the fault's end (or from the last upgrade it
turned away, whichever is later): a device that retries at least once a minute always makes it.
*/
export const rejoinWithinMs = 60_000;

/**
No reconnect storm after a refused (403) or cut upgrade. The issue: "under 1 s is broken". Frame.io's
rate-limit page likewise asks a client to "pause ~1 s, then back off exponentially". One attempt with
a new token right after a 403 for the old one is not judged: "If your token is expired you will see
a 403 response code", and a new token is the remedy (the device cannot tell a 403 by a fault from
one for its token); if that one is refused too, the next attempt is judged again.
*/
export const retryMinGapMs = 1000;

/**
The socket's token: "the token does not go in the header but is rather appended as a url encoded query
string. Notice that we still need to pre-append Bearer (with a space!) ... in url encoded strings a
space is represented by %20". The parameter is `Authorization`, as in the guide's websocat line.
*/
export const socketAuthorizationParameter = 'Authorization';
export const socketAuthorizationScheme = 'Bearer';
export const socketAuthorizationSpace = '%20';

/**
"The payload field must always be present"; the guide's frames carry `topic`, `event`, `payload` and
`ref`. Unique refs per socket are only recommended ("the ref is used to pair responses from our server
with the event that it is responding to"): the guide's own heartbeat reuses "heartbeat".
*/
export const frameKeys = ['topic', 'event', 'payload', 'ref'] as const;

/**
RFC 8628, 3.5 (the device flow Frame.io's token endpoint follows): on `slow_down` "the interval MUST
be increased by 5 seconds for this and all subsequent requests". Between polls the client waits the
`interval` the code request answered.
*/
export const slowDownStepMs = 5000;

/**
An access token "lasts for 8 hours, so you will either need to refresh the token or go through the
authorization process again"; a refresh makes "your previous credentials ... invalid". A request that
reaches the emulator this soon after the refresh that replaced its token was already on its way, and
is not held against the device (ours: the guide gives no number).
*/
export const supersededGraceMs = 1000;
