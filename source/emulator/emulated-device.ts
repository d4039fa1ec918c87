import type {IdentityStatus} from '../protocol/phoenix-message.js';
import {offlineAfterMs} from './frameio-server-rules.js';
import {stableUuid} from './stable-id.js';
import {TokenCounters} from './auth/token-counters.js';
import type {DeviceSeed, DeviceState, IdentityRequestRecord} from './types.js';

export const defaultDeviceName = 'c2c-status emulator';
export const defaultProjectName = 'Demo project';
export const defaultCreatorName = 'Demo Producer';

/** State keeps the most recent identity records only, so a long run does not grow without bound. */
export const maxIdentityRecords = 500;

/** What the identity document shows about a device; fixed for the emulator's life. */
export type DeviceProfile = {
	readonly id: string;
	readonly name: string;
	readonly projectId: string;
	readonly projectName: string;
	readonly creatorId: string;
	readonly creatorName: string;
	readonly authorizationId: string;
	readonly scopesId: string;
	readonly expiresAt: string | null;
};

/** One device: its profile, paused flag, activity and the counters the state reports. */
export class EmulatedDevice {
	readonly profile: DeviceProfile;
	readonly seedToken: string;
	/** Pairing, refresh and revoke, as the auth endpoints saw them. */
	readonly tokenCounters = new TokenCounters();
	#paused: boolean;
	#lastActivityAt: number | null = null;
	readonly #identityRequests: IdentityRequestRecord[] = [];
	#identityTooSoon = 0;
	#statusEventsSent = 0;
	#connectionsAccepted = 0;
	#connectionsRejected = 0;
	#openSockets = 0;

	constructor(seed: DeviceSeed) {
		const projectName = seed.projectName ?? defaultProjectName;
		const creatorName = seed.creatorName ?? defaultCreatorName;
		this.seedToken = seed.token;
		this.#paused = seed.paused ?? false;
		this.profile = {
			id: seed.id,
			name: seed.name ?? defaultDeviceName,
			projectId: seed.projectId ?? stableUuid(`project:${projectName}`),
			projectName,
			creatorId: stableUuid(`user:${creatorName}`),
			creatorName,
			authorizationId: stableUuid(`authorization:${seed.id}`),
			scopesId: stableUuid(`scopes:${seed.id}`),
			expiresAt: seed.expiresAt ?? null,
		};
	}

	get id(): string {
		return this.profile.id;
	}

	get paused(): boolean {
		return this.#paused;
	}

	/** Returns whether the flag changed. */
	setPaused(paused: boolean): boolean {
		const changed = this.#paused !== paused;
		this.#paused = paused;
		return changed;
	}

	/**
	What `/v2/devices/me` answers at `now`: paused wins; otherwise online while a socket is open or
	when there was activity within the last 5 minutes, else offline.
	*/
	status(now: number): IdentityStatus {
		if (this.#paused) {
			return 'paused';
		}

		if (this.#openSockets > 0) {
			return 'online';
		}

		return this.#lastActivityAt !== null && now - this.#lastActivityAt <= offlineAfterMs ? 'online' : 'offline';
	}

	/** An authenticated HTTP request or a socket frame. */
	touch(now: number): void {
		this.#lastActivityAt = now;
	}

	recordIdentity(record: IdentityRequestRecord): void {
		this.#identityRequests.push(record);
		if (this.#identityRequests.length > maxIdentityRecords) {
			this.#identityRequests.shift();
		}

		if (record.tooSoon) {
			this.#identityTooSoon++;
		}
	}

	countStatusEvent(): void {
		this.#statusEventsSent++;
	}

	countConnection(accepted: boolean): void {
		if (accepted) {
			this.#connectionsAccepted++;
		} else {
			this.#connectionsRejected++;
		}
	}

	socketOpened(): void {
		this.#openSockets++;
	}

	socketClosed(): void {
		this.#openSockets = Math.max(0, this.#openSockets - 1);
	}

	state(now: number): DeviceState {
		return {
			id: this.id,
			name: this.profile.name,
			paused: this.#paused,
			status: this.status(now),
			lastActivityAt: this.#lastActivityAt,
			identityRequests: [...this.#identityRequests],
			identityTooSoon: this.#identityTooSoon,
			statusEventsSent: this.#statusEventsSent,
			connectionsAccepted: this.#connectionsAccepted,
			connectionsRejected: this.#connectionsRejected,
			...this.tokenCounters.state(),
		};
	}
}
