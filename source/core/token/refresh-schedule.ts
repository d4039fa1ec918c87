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
