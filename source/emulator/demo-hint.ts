import {defaultDemoLoopSeconds, demoTimeline, type DemoAction} from './demo-scenario.js';
import {countdown} from '../ui/format.js';

const words: Record<DemoAction, string> = {
	reset: 'the demo starts over',
	pause: 'pause',
	resume: 'resume',
	'health-off': 'health outage',
	'health-on': 'health back',
	drop: 'socket drop',
};

/** "next: pause in 12s", for the demo banner. */
export function nextDemoStep(startedAt: number, now: number): string {
	const loopMs = defaultDemoLoopSeconds * 1000;
	const elapsed = (now - startedAt) % loopMs;
	const loopStart = now - elapsed;
	const step = demoTimeline.find(candidate => candidate.atSeconds * 1000 > elapsed);
	const at = step ? loopStart + (step.atSeconds * 1000) : loopStart + loopMs;
	return `next: ${words[step?.action ?? 'reset']} ${countdown(at, now)}`;
}
