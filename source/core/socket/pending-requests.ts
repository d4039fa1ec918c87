import type {PhoenixRef} from '../../protocol/phoenix-message.js';

export type PendingRequest = {
	readonly ref: string;
	readonly topic: string;
	readonly event: string;
	readonly sentAt: number;
	readonly seq: number;
};

/**
Requests waiting for their `phx_reply`, keyed by ref. Replies can arrive in any order; the ref is the
only thing that pairs them.
*/
export class PendingRequests {
	readonly #byRef = new Map<string, PendingRequest>();

	get size(): number {
		return this.#byRef.size;
	}

	add(request: PendingRequest): void {
		this.#byRef.set(request.ref, request);
	}

	/** Removes and returns the request the reply answers; undefined for an unknown or repeated ref. */
	settle(ref: PhoenixRef): PendingRequest | undefined {
		if (ref === null) {
			return undefined;
		}

		const key = String(ref);
		const request = this.#byRef.get(key);
		this.#byRef.delete(key);
		return request;
	}

	clear(): void {
		this.#byRef.clear();
	}
}
