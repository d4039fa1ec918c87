/** Never later than this before expiry: a refresh then has room for a few retries. */
export const refreshLeadMaxMs = 10 * 60_000;

/**
When an owned access token is refreshed: once a quarter of its lifetime or 10 minutes remain, whichever
is less (so 10 minutes before an 8-hour token expires, 15 s before a 60 s one).
*/
export function refreshDueAt(issuedAt: number, expiresAt: number): number {
	const lifetime = Math.max(0, expiresAt - issuedAt);
	return expiresAt - Math.min(lifetime / 4, refreshLeadMaxMs);
}

/** After a refresh failed on the network or a 5xx: tried again after 5 s, doubling to at most 30 s (then at once when the network recovers). */
export const refreshRetryMaxMs = 30_000;
/** With a dead refresh token, it is tried again only this often (a newly paired file is taken at once). */
export const deadRefreshRetryMs = 60_000;
