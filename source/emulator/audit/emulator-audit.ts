import type {IncomingMessage} from 'node:http';
import type {TimerHandle} from '../../core/clock.js';
import type {TokenCheck} from '../auth/token-issuer.js';
import type {TimerGroup} from '../timer-group.js';
import {AuditRecorder} from './audit-recorder.js';
import type {AuditBreach, AuditReport} from './audit-report.js';
import type {Observation, Peer, TokenUse} from './observation.js';

/**
What the emulator's hooks call when `--audit` is on. Without it the emulator holds `undefined` instead,
and every hook is skipped before any observation is built (a frame is not even parsed twice).
*/
export type AuditSink = {
	record(observation: Observation): void;
};

/** Who sent a request: the TCP peer's address and its User-Agent. */
export function peerOf(request: IncomingMessage): Peer {
	const agent = request.headers['user-agent'];
	return {address: request.socket.remoteAddress ?? 'unknown', userAgent: agent === undefined || agent === '' ? undefined : agent};
}

/** A token as the emulator resolved it, for an observation. */
export function tokenUse(token: string, check: TokenCheck): TokenUse {
	return check.kind === 'unknown' ? {token, deviceId: undefined, state: 'unknown'} : {token, deviceId: check.deviceId, state: check.kind};
}

/**
The referee running inside the emulator: an AuditRecorder fed by the hooks, ticked by a timer at
`nextDue()` (time passing can break a rule), that reports each rule a client breaks, once, as it
happens. Every timer goes through the emulator's TimerGroup, so `close()` clears it too.
*/
export class EmulatorAudit implements AuditSink {
	readonly #recorder = new AuditRecorder();
	readonly #timers: TimerGroup;
	readonly #onBreach: (breach: AuditBreach) => void;
	#timer: TimerHandle | undefined;
	#timerDue: number | undefined;

	constructor(timers: TimerGroup, onBreach: (breach: AuditBreach) => void) {
		this.#timers = timers;
		this.#onBreach = onBreach;
	}

	record(observation: Observation): void {
		this.#report(this.#recorder.record(observation));
		this.#schedule();
	}

	/** The verdicts so far, as `GET /_emulator/audit` answers them. */
	report(): AuditReport {
		return this.#recorder.report(this.#timers.now());
	}

	#tick(): void {
		this.#timer = undefined;
		this.#timerDue = undefined;
		this.#report(this.#recorder.tick(this.#timers.now()));
		this.#schedule();
	}

	#report(breaches: readonly AuditBreach[]): void {
		for (const breach of breaches) {
			this.#onBreach(breach);
		}
	}

	#schedule(): void {
		const due = this.#recorder.nextDue();
		if (due === this.#timerDue) {
			return;
		}

		this.#timers.clear(this.#timer);
		this.#timer = undefined;
		this.#timerDue = due;
		if (due !== undefined) {
			this.#timer = this.#timers.set(() => {
				this.#tick();
			}, Math.max(0, due - this.#timers.now()));
		}
	}
}
