import {systemClock, type Clock, type TimerHandle} from '../../core/clock.js';
import type {EmulatorControl} from '../types.js';

export type DemoAction = 'reset' | 'pause' | 'resume' | 'health-off' | 'health-on' | 'drop' | 'token-expired' | 'auth-back';

export type DemoStep = {
	readonly atSeconds: number;
	readonly action: DemoAction;
	readonly label: string;
};

/**
One loop of the demo: every state a monitor can show, each loop. The token stays expired, and Frame.io's
auth endpoints down, for 85 s: longer than the newest identity confirms Paused (about 75 s), so Paused
is shown unconfirmed before auth comes back. Auth comes back 70 s before the next loop's pause: a
refresh retry (at most 30 s apart, and one each minute the refused socket tries again) gets a new
token, and the socket joins at once, before that pause.
*/
export const demoTimeline: readonly DemoStep[] = [
	{atSeconds: 0, action: 'reset', label: 'normal: healthy, not paused'},
	{atSeconds: 20, action: 'pause', label: 'device paused from the C2C Connections tab'},
	{atSeconds: 40, action: 'resume', label: 'device resumed'},
	{atSeconds: 55, action: 'health-off', label: 'Frame.io unreachable: /health answers 503'},
	{atSeconds: 75, action: 'health-on', label: 'Frame.io reachable again'},
	{atSeconds: 90, action: 'drop', label: 'device socket dropped by the server'},
	{atSeconds: 105, action: 'token-expired', label: 'access token expired and auth down: the socket is refused (403), the refresh fails (503) and is retried; Paused goes unconfirmed'},
	{atSeconds: 190, action: 'auth-back', label: 'auth back: the next refresh retry gets a new token, the socket joins, Paused is confirmed again'},
];

/** The steps that need a monitor that refreshes its own credentials (`c2c-status --demo`). */
export const demoTokenActions: ReadonlySet<DemoAction> = new Set<DemoAction>(['token-expired', 'auth-back']);

/** Four minutes: the auth outage and the recovery after it fit before the next loop's pause. */
export const defaultDemoLoopSeconds = 240;

function stepAt(action: DemoAction): number {
	return demoTimeline.find(step => step.action === action)?.atSeconds ?? 0;
}

/** The auth outage lasts from the token step until auth comes back. */
const authOutageSeconds = stepAt('auth-back') - stepAt('token-expired');

export type DemoScenarioOptions = {
	readonly clock?: Clock;
	/** The timeline restarts this long after it started. Default 240. */
	readonly loopSeconds?: number;
	/** Called as each step runs (for logging, or a UI showing what is coming). */
	readonly onStep?: (step: DemoStep) => void;
	/**
	Play the token steps too (default false): only a monitor that refreshes its own credentials
	recovers from them.
	*/
	readonly tokenSteps?: boolean;
};

export type DemoScenario = {stop(): void};

function run(control: EmulatorControl, action: DemoAction, tokenSteps: boolean): void {
	switch (action) {
		case 'reset': {
			control.setHealth(true);
			control.resume();
			if (tokenSteps) {
				// A loop shorter than the outage starts with auth up.
				control.setFaults({authUnavailableForSeconds: 0});
			}

			break;
		}

		case 'pause': {
			control.pause();
			break;
		}

		case 'resume': {
			control.resume();
			break;
		}

		case 'health-off': {
			control.setHealth(false);
			break;
		}

		case 'health-on': {
			control.setHealth(true);
			break;
		}

		case 'drop': {
			control.drop();
			break;
		}

		case 'token-expired': {
			control.expireToken();
			control.drop();
			control.setFaults({authUnavailableForSeconds: authOutageSeconds});
			break;
		}

		case 'auth-back': {
			control.setFaults({authUnavailableForSeconds: 0});
			break;
		}
	}
}

/**
Plays `demoTimeline` against the default device, looping every `loopSeconds`; each loop starts by
restoring a healthy, unpaused state. The token steps play only with `tokenSteps`. All timers run on
the clock; `stop()` clears them.
*/
export function startDemoScenario(control: EmulatorControl, options: DemoScenarioOptions = {}): DemoScenario {
	const clock = options.clock ?? systemClock;
	const loopMs = (options.loopSeconds ?? defaultDemoLoopSeconds) * 1000;
	if (!(loopMs > 0)) {
		throw new Error('loopSeconds must be > 0');
	}

	const tokenSteps = options.tokenSteps ?? false;
	const timeline = demoTimeline.filter(demoStep => tokenSteps || !demoTokenActions.has(demoStep.action));
	const handles = new Set<TimerHandle>();
	let stopped = false;

	const step = (demoStep: DemoStep) => {
		run(control, demoStep.action, tokenSteps);
		options.onStep?.(demoStep);
	};

	const schedule = (callback: () => void, ms: number) => {
		const handle = clock.setTimeout(() => {
			handles.delete(handle);
			if (!stopped) {
				callback();
			}
		}, ms);
		handles.add(handle);
	};

	const startLoop = () => {
		for (const demoStep of timeline) {
			const at = demoStep.atSeconds * 1000;
			if (at === 0) {
				step(demoStep);
			} else if (at < loopMs) {
				schedule(() => {
					step(demoStep);
				}, at);
			}
		}

		schedule(startLoop, loopMs);
	};

	startLoop();
	return {
		stop() {
			stopped = true;
			for (const handle of handles) {
				clock.clearTimeout(handle);
			}

			handles.clear();
		},
	};
}
