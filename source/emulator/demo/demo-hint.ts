import {defaultDemoLoopSeconds, demoTimeline, type DemoAction} from './demo-scenario.js';

/** What the demo does next, and when: the UI turns it into "next: pause in 12s". */
export type DemoHint = {
	readonly next: string;
	readonly at: number;
};

const words: Record<DemoAction, string> = {
	reset: 'the demo starts over',
	pause: 'pause',
	resume: 'resume',
	'health-off': 'health outage',
	'health-on': 'health back',
	drop: 'socket drop',
	'token-expired': 'token expires',
	'auth-back': 'auth back',
};

/** The next step of the built-in demo's timeline (token steps included) that started at `startedAt`, as seen at `now`. */
export function nextDemoStep(startedAt: number, now: number): DemoHint {
	const loopMs = defaultDemoLoopSeconds * 1000;
	const elapsed = (now - startedAt) % loopMs;
	const loopStart = now - elapsed;
	const step = demoTimeline.find(candidate => candidate.atSeconds * 1000 > elapsed);
	return {next: words[step?.action ?? 'reset'], at: step ? loopStart + (step.atSeconds * 1000) : loopStart + loopMs};
}
