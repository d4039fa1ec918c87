import {systemClock, type Clock, type TimerHandle} from '../core/clock.js';
import type {EmulatorControl} from './types.js';

export type DemoAction = 'reset' | 'pause' | 'resume' | 'health-off' | 'health-on' | 'drop' | 'token-expired' | 'token-renewed';

export type DemoStep = {
	readonly atSeconds: number;
	readonly action: DemoAction;
	readonly label: string;
};

/**
One loop of the demo: every state a monitor can show. The token stays expired for over a minute,
because the identity may be fetched only once a minute: long enough for it to go stale.
*/
export const demoTimeline: readonly DemoStep[] = [
	{atSeconds: 0, action: 'reset', label: 'normal: healthy, not paused'},
	{atSeconds: 20, action: 'pause', label: 'device paused from the C2C Connections tab'},
	{atSeconds: 40, action: 'resume', label: 'device resumed'},
	{atSeconds: 55, action: 'health-off', label: 'Frame.io unreachable: /health answers 503'},
	{atSeconds: 75, action: 'health-on', label: 'Frame.io reachable again'},
	{atSeconds: 90, action: 'drop', label: 'device socket dropped by the server'},
	{atSeconds: 105, action: 'token-expired', label: 'access token expired: the socket is refused (403), then the identity (401)'},
	{atSeconds: 170, action: 'token-renewed', label: 'a new access token is written to the token file'},
];

export const defaultDemoLoopSeconds = 180;

export type DemoScenarioOptions = {
	readonly clock?: Clock;
	/** The timeline restarts this long after it started. Default 120. */
	readonly loopSeconds?: number;
	/** Called as each step runs (for logging, or a UI showing what is coming). */
	readonly onStep?: (step: DemoStep) => void;
	/**
	Where a renewed token goes, as software that refreshes tokens would write it (the demo's token
	file). Without it, the token-expired and token-renewed steps do nothing.
	*/
	readonly onTokenIssued?: (token: string) => void;
};

export type DemoScenario = {stop(): void};

function run(control: EmulatorControl, action: DemoAction, onTokenIssued: ((token: string) => void) | undefined): void {
	switch (action) {
		case 'reset': {
			control.setHealth(true);
			control.resume();
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
			if (onTokenIssued) {
				control.expireToken();
				control.drop();
			}

			break;
		}

		case 'token-renewed': {
			onTokenIssued?.(control.issueToken().token);
			break;
		}
	}
}

/**
Plays `demoTimeline` against the default device, looping every `loopSeconds`; each loop starts by
restoring a healthy, unpaused state. All timers run on the clock; `stop()` clears them.
*/
export function startDemoScenario(control: EmulatorControl, options: DemoScenarioOptions = {}): DemoScenario {
	const clock = options.clock ?? systemClock;
	const loopMs = (options.loopSeconds ?? defaultDemoLoopSeconds) * 1000;
	if (!(loopMs > 0)) {
		throw new Error('loopSeconds must be > 0');
	}

	const handles = new Set<TimerHandle>();
	let stopped = false;

	const step = (demoStep: DemoStep) => {
		run(control, demoStep.action, options.onTokenIssued);
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
		for (const demoStep of demoTimeline) {
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
