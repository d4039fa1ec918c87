/**
How long a 429 asks us to wait: `Retry-After` (seconds or an HTTP date), else Frame.io's
`x-ratelimit-window` (milliseconds), else undefined.
*/
export function retryAfterMs(headers: Headers, now: number): number | undefined {
	const retryAfter = headers.get('retry-after')?.trim();
	if (retryAfter) {
		if (/^\d+(\.\d+)?$/.test(retryAfter)) {
			return Math.round(Number(retryAfter) * 1000);
		}

		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) {
			return Math.max(0, date - now);
		}
	}

	const window = headers.get('x-ratelimit-window')?.trim();
	if (window && /^\d+$/.test(window)) {
		return Number(window);
	}

	return undefined;
}
