import {defaultDemoLoopSeconds, demoTimeline} from '../emulator/demo-scenario.js';
import {countdown} from './format.js';

/** "next: device paused … in 12s", for the demo banner. */
export function nextDemoStep(startedAt: number, now: number): string {
	const loopMs = defaultDemoLoopSeconds * 1000;
	const elapsed = (now - startedAt) % loopMs;
	const loopStart = now - elapsed;
	const step = demoTimeline.find(candidate => candidate.atSeconds * 1000 > elapsed);
	const at = step ? loopStart + (step.atSeconds * 1000) : loopStart + loopMs;
	return `next: ${step ? step.label : 'the demo starts over'} ${countdown(at, now)}`;
}
