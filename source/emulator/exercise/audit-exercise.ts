import {systemClock, type Clock, type TimerHandle} from '../../core/clock.js';
import type {EmulatorControl} from '../types.js';

export type ExerciseAction =
	| 'start' | 'pause' | 'resume' | 'close-1000' | 'drop' | 'close-4001' | 'health-off' | 'health-on' | 'forbid' | 'forbid-end'
	| 'cut' | 'cut-end' | 'end';

export type ExerciseStep = {
	/** Seconds after the exercise started (when a device first joined its topic). */
	readonly atSeconds: number;
	readonly action: ExerciseAction;
	readonly label: string;
};

/** How long the 403 period lasts. */
export const forbidSeconds = 90;
/** How long upgrades are cut (no answer at all: a failed connection). */
export const cutSeconds = 30;

/**
The audit exercise: the situations Frame.io's rules need, one after the other, with time between them
for the referee to judge each (a rejoin has 60 s). The refreshes come from the short token lifetime
the exercise sets (`exerciseTokenTtlSeconds`), not from a step.
*/
export const exerciseTimeline: readonly ExerciseStep[] = [
	{atSeconds: 0, action: 'start', label: 'a device joined its topic: the exercise starts'},
	{atSeconds: 30, action: 'pause', label: 'paused from the C2C Connections tab (status_updated "paused")'},
	{atSeconds: 60, action: 'resume', label: 'resumed (status_updated "resumed")'},
	{atSeconds: 90, action: 'close-1000', label: 'socket closed cleanly (1000): reconnect and join again within 60 s'},
	{atSeconds: 150, action: 'drop', label: 'socket cut without a close frame: reconnect and join again within 60 s'},
	{atSeconds: 210, action: 'close-4001', label: 'socket closed with 4001: reconnect and join again within 60 s'},
	{atSeconds: 270, action: 'health-off', label: '/health answers 503 for 60 s (Frame.io unreachable)'},
	{atSeconds: 330, action: 'health-on', label: '/health answers 200 again'},
	{
		atSeconds: 360,
		action: 'forbid',
		label: `socket closed (1000) and every upgrade answered 403 for ${forbidSeconds} s: no reconnect storm, then join again within 60 s of the end`,
	},
	{atSeconds: 360 + forbidSeconds, action: 'forbid-end', label: 'upgrades accepted again'},
	{
		atSeconds: 500,
		action: 'cut',
		label: `socket cut and every upgrade cut without an answer for ${cutSeconds} s: back off (not under 1 s), then join again within 60 s of the end`,
	},
	{atSeconds: 500 + cutSeconds, action: 'cut-end', label: 'upgrades accepted again'},
	{atSeconds: 600, action: 'end', label: 'the exercise is over: the report'},
];

/** The exercise's length, from the first join to the report. */
export const exerciseSeconds = exerciseTimeline.at(-1)!.atSeconds;

/** The access-token lifetime the exercise sets unless `--token-ttl` says otherwise: 2 refreshes or more in 10 minutes. */
export const exerciseTokenTtlSeconds = 300;

/** `+m:ss` */
export function formatOffset(seconds: number): string {
	return `+${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

export type AuditExerciseOptions = {
	readonly clock?: Clock;
	/** Start at once, instead of when a device first joins its topic. */
	readonly startNow?: boolean;
	/** Each step as it runs (the first is `start`, the last `end`), with the time it ran. */
	readonly onStep?: (step: ExerciseStep, at: number) => void;
	/** After the `end` step has restored a calm emulator. */
	readonly onEnd?: () => void;
};

export type AuditExercise = {
	/** When the exercise started, or null while it waits for a device. */
	readonly startedAt: () => number | null;
	stop(): void;
};

function act(control: EmulatorControl, action: ExerciseAction): void {
	const devices = () => control.state().devices.map(device => device.id);
	switch (action) {
		case 'pause':
		case 'resume': {
			for (const id of devices()) {
				control[action](id);
			}

			break;
		}

		case 'close-1000': {
			control.drop();
			break;
		}

		case 'drop': {
			control.drop({hard: true});
			break;
		}

		case 'close-4001': {
			control.drop({code: 4001});
			break;
		}

		case 'health-off':
		case 'health-on': {
			control.setHealth(action === 'health-on');
			break;
		}

		case 'forbid': {
			control.setFaults({forbidConnectionsForSeconds: forbidSeconds});
			control.drop();
			break;
		}

		case 'cut': {
			control.setFaults({refuseConnectionsForSeconds: cutSeconds});
			control.drop({hard: true});
			break;
		}

		case 'forbid-end':
		case 'cut-end':
		case 'end': {
			control.setFaults({forbidConnectionsForSeconds: 0, refuseConnectionsForSeconds: 0});
			if (action === 'end') {
				control.setHealth(true);
				for (const id of devices()) {
					control.resume(id);
				}
			}

			break;
		}

		case 'start': {
			break;
		}
	}
}

/**
Plays `exerciseTimeline` once against every emulated device, from the first join of a device topic
(or at once with `startNow`). Every timer runs on the clock; `stop()` clears them.
*/
export function startAuditExercise(control: EmulatorControl, options: AuditExerciseOptions = {}): AuditExercise {
	const clock = options.clock ?? systemClock;
	const handles = new Set<TimerHandle>();
	let startedAt: number | null = null;
	let stopped = false;
	let stopListening: (() => void) | undefined;

	const run = (step: ExerciseStep) => {
		act(control, step.action);
		options.onStep?.(step, clock.now());
		if (step.action === 'end') {
			options.onEnd?.();
		}
	};

	const schedule = (step: ExerciseStep) => {
		const handle = clock.setTimeout(() => {
			handles.delete(handle);
			if (!stopped) {
				run(step);
			}
		}, step.atSeconds * 1000);
		handles.add(handle);
	};

	const start = () => {
		stopListening?.();
		stopListening = undefined;
		if (startedAt !== null || stopped) {
			return;
		}

		startedAt = clock.now();
		for (const step of exerciseTimeline) {
			if (step.atSeconds === 0) {
				run(step);
			} else {
				schedule(step);
			}
		}
	};

	if (options.startNow) {
		start();
	} else {
		stopListening = control.onJoined(() => {
			start();
		});
	}

	return {
		startedAt: () => startedAt,
		stop() {
			stopped = true;
			stopListening?.();
			for (const handle of handles) {
				clock.clearTimeout(handle);
			}

			handles.clear();
		},
	};
}
