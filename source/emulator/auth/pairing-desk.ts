import {randomBytes, randomInt} from 'node:crypto';
import type {Clock} from '../../core/clock.js';
import {ControlError} from '../http/http-types.js';
import {pairingCodeLifetimeSeconds, pairingPollIntervalSeconds} from '../frameio-server-rules.js';
import type {PendingCodeState} from '../types.js';

/** Codes this long past expiry are forgotten (until then a poll still gets expired_token). */
const forgetAfterMs = 60 * 60 * 1000;

type PendingCode = {
	readonly deviceCode: string;
	readonly userCode: string;
	readonly expiresAt: number;
	deviceId: string | null;
	lastPolledAt: number | null;
	redeemed: boolean;
};

export type PollOutcome =
	| {readonly kind: 'approved'; readonly deviceId: string}
	| {readonly kind: 'authorization_pending' | 'slow_down' | 'expired_token' | 'invalid_grant'};

/** The device-code half of pairing: codes, approval, and what each poll gets. */
export class PairingDesk {
	readonly #clock: Clock;
	readonly #codes: PendingCode[] = [];

	constructor(clock: Clock) {
		this.#clock = clock;
	}

	request(): {readonly deviceCode: string; readonly userCode: string} {
		const now = this.#clock.now();
		this.#forgetOld(now);
		const code: PendingCode = {
			deviceCode: randomBytes(24).toString('base64url'),
			userCode: this.#newUserCode(now),
			expiresAt: now + (pairingCodeLifetimeSeconds * 1000),
			deviceId: null,
			lastPolledAt: null,
			redeemed: false,
		};
		this.#codes.push(code);
		return code;
	}

	/** Approves the named code, or the newest pending one, for the device. */
	approve(userCode: string | undefined, deviceId: string): PendingCodeState {
		const now = this.#clock.now();
		const open = this.#codes.filter(code => !code.redeemed);
		const code = userCode === undefined
			? open.findLast(candidate => candidate.deviceId === null && now < candidate.expiresAt)
			: open.find(candidate => candidate.userCode === userCode);
		if (!code) {
			throw new ControlError(404, userCode === undefined ? 'no pending pairing code' : `unknown pairing code ${userCode}`);
		}

		if (now >= code.expiresAt) {
			throw new ControlError(409, `pairing code ${code.userCode} has expired`);
		}

		code.deviceId = deviceId;
		return toState(code);
	}

	/** One poll of the token endpoint with a device code, in RFC 8628's order of checks. */
	poll(deviceCode: string): PollOutcome {
		const now = this.#clock.now();
		const code = this.#codes.find(candidate => candidate.deviceCode === deviceCode);
		if (!code || code.redeemed) {
			return {kind: 'invalid_grant'};
		}

		if (now >= code.expiresAt) {
			return {kind: 'expired_token'};
		}

		const previous = code.lastPolledAt;
		code.lastPolledAt = now;
		if (previous !== null && now - previous < pairingPollIntervalSeconds * 1000) {
			return {kind: 'slow_down'};
		}

		if (code.deviceId === null) {
			return {kind: 'authorization_pending'};
		}

		code.redeemed = true;
		return {kind: 'approved', deviceId: code.deviceId};
	}

	/** Codes neither redeemed nor expired. */
	state(): PendingCodeState[] {
		const now = this.#clock.now();
		return this.#codes.filter(code => !code.redeemed && now < code.expiresAt).map(code => toState(code));
	}

	#newUserCode(now: number): string {
		for (;;) {
			const candidate = String(randomInt(0, 1_000_000)).padStart(6, '0');
			if (!this.#codes.some(code => code.userCode === candidate && !code.redeemed && now < code.expiresAt + forgetAfterMs)) {
				return candidate;
			}
		}
	}

	#forgetOld(now: number): void {
		for (let index = this.#codes.length - 1; index >= 0; index--) {
			const code = this.#codes[index];
			if (code && (code.redeemed || now >= code.expiresAt + forgetAfterMs)) {
				this.#codes.splice(index, 1);
			}
		}
	}
}

function toState(code: PendingCode): PendingCodeState {
	return {userCode: code.userCode, deviceId: code.deviceId, approved: code.deviceId !== null, expiresAt: code.expiresAt};
}
