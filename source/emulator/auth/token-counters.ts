import type {AuthErrorCode} from '../http/error-bodies.js';
import type {TokenCounts} from '../types.js';

/** One device's counts at the auth endpoints, so tests can prove no refresh token was spent twice. */
export class TokenCounters {
	#issued = 0;
	#refreshes = 0;
	readonly #refused = new Map<AuthErrorCode, number>();
	#revocations = 0;

	/** A token pair went out, by pairing or by refresh. */
	issued(): void {
		this.#issued++;
	}

	refreshed(): void {
		this.#refreshes++;
	}

	refreshRefused(code: AuthErrorCode): void {
		this.#refused.set(code, (this.#refused.get(code) ?? 0) + 1);
	}

	revoked(): void {
		this.#revocations++;
	}

	state(): TokenCounts {
		return {
			tokensIssued: this.#issued,
			refreshes: this.#refreshes,
			refreshesRefused: Object.fromEntries(this.#refused),
			revocations: this.#revocations,
		};
	}
}
