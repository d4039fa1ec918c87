import {identityWindowMs} from '../frameio-server-rules.js';

export type IdentityCheck = {
	readonly tooSoon: boolean;
	/** Whole seconds until the window has passed (0 when not too soon). */
	readonly retryAfterSeconds: number;
};

/**
Per token, the time of the last identity request that was served (a 429 does not move the window,
like a bucket that only drains on requests it admits).
*/
export class IdentityLimiter {
	readonly #lastServed = new Map<string, number>();

	check(token: string, now: number): IdentityCheck {
		const last = this.#lastServed.get(token);
		if (last === undefined || now - last >= identityWindowMs) {
			return {tooSoon: false, retryAfterSeconds: 0};
		}

		return {tooSoon: true, retryAfterSeconds: Math.max(1, Math.ceil((identityWindowMs - (now - last)) / 1000))};
	}

	served(token: string, now: number): void {
		this.#lastServed.set(token, now);
	}
}

export function rateLimitHeaders(): Record<string, string> {
	return {
		'x-ratelimit-limit': '1',
		'x-ratelimit-remaining': '0',
		'x-ratelimit-window': String(identityWindowMs),
	};
}
