import type {Clock} from '../../core/clock.js';
import {ControlError} from '../http/http-types.js';
import type {EmulatorFaults, FaultsRequest} from '../types.js';

export const noFaults: EmulatorFaults = {
	silentHeartbeats: false,
	halfOpen: false,
	replyDelayMs: 0,
	reorderReplies: false,
	dropEvents: false,
	refuseJoins: false,
	refuseConnectionsUntil: null,
	forbidConnectionsUntil: null,
	httpLatencyMs: 0,
	authUnavailableUntil: null,
};

const booleanKeys = ['silentHeartbeats', 'halfOpen', 'reorderReplies', 'dropEvents', 'refuseJoins', 'sendMalformed', 'reset'] as const;
const durationKeys = ['replyDelayMs', 'httpLatencyMs', 'refuseConnectionsForSeconds', 'forbidConnectionsForSeconds', 'authUnavailableForSeconds'] as const;
const knownKeys = new Set<string>([...booleanKeys, ...durationKeys, 'sendUnknownEvent', 'device']);

/** Checks a `POST /_emulator/faults` body; a bad field is a ControlError 400. */
export function parseFaultsRequest(body: Readonly<Record<string, unknown>>): FaultsRequest {
	for (const key of Object.keys(body)) {
		if (!knownKeys.has(key)) {
			throw new ControlError(400, `unknown fault ${key}`);
		}
	}

	for (const key of booleanKeys) {
		if (body[key] !== undefined && typeof body[key] !== 'boolean') {
			throw new ControlError(400, `${key} must be true or false`);
		}
	}

	for (const key of durationKeys) {
		checkDuration(key, body[key]);
	}

	const unknownEvent = body.sendUnknownEvent;
	if (unknownEvent !== undefined && (typeof unknownEvent !== 'string' || unknownEvent === '')) {
		throw new ControlError(400, 'sendUnknownEvent must be a non-empty event name');
	}

	return body;
}

function checkDuration(key: string, value: unknown): void {
	if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
		throw new ControlError(400, `${key} must be a number >= 0`);
	}
}

/** The faults in force. One-shot requests (`sendMalformed`, `sendUnknownEvent`) are not kept here. */
export class FaultState {
	readonly #clock: Clock;
	#faults: EmulatorFaults = noFaults;

	constructor(clock: Clock) {
		this.#clock = clock;
	}

	get current(): EmulatorFaults {
		return this.#faults;
	}

	apply(request: FaultsRequest): EmulatorFaults {
		for (const key of durationKeys) {
			checkDuration(key, request[key]);
		}

		const base = request.reset ? noFaults : this.#faults;
		this.#faults = {
			silentHeartbeats: request.silentHeartbeats ?? base.silentHeartbeats,
			halfOpen: request.halfOpen ?? base.halfOpen,
			replyDelayMs: request.replyDelayMs ?? base.replyDelayMs,
			reorderReplies: request.reorderReplies ?? base.reorderReplies,
			dropEvents: request.dropEvents ?? base.dropEvents,
			refuseJoins: request.refuseJoins ?? base.refuseJoins,
			refuseConnectionsUntil: this.#until(request.refuseConnectionsForSeconds, base.refuseConnectionsUntil),
			forbidConnectionsUntil: this.#until(request.forbidConnectionsForSeconds, base.forbidConnectionsUntil),
			httpLatencyMs: request.httpLatencyMs ?? base.httpLatencyMs,
			authUnavailableUntil: this.#until(request.authUnavailableForSeconds, base.authUnavailableUntil),
		};
		return this.#faults;
	}

	refusingConnections(): boolean {
		return this.#before(this.#faults.refuseConnectionsUntil);
	}

	/** Upgrades are answered 403 whatever the token (the forbidConnectionsForSeconds fault). */
	forbiddingConnections(): boolean {
		return this.#before(this.#faults.forbidConnectionsUntil);
	}

	/** The auth endpoints answer 503 (the authUnavailableForSeconds fault). */
	authUnavailable(): boolean {
		return this.#before(this.#faults.authUnavailableUntil);
	}

	/** "For this many seconds from now": unchanged when not given, ended by 0. */
	#until(seconds: number | undefined, current: number | null): number | null {
		if (seconds === undefined) {
			return current;
		}

		return seconds > 0 ? this.#clock.now() + (seconds * 1000) : null;
	}

	#before(until: number | null): boolean {
		return until !== null && this.#clock.now() < until;
	}
}
