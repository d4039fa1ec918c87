import type {Outage} from './history-model.js';
import {formatDuration} from './history-text.js';
import type {LocalClock} from './local-clock.js';
import type {PauseWindow} from './pause-windows.js';

/**
`paused 14:02:11 → 14:10:40 (8m 29s)`, `paused between 14:01:30 and 14:02:31 → 14:10:40 (8m 09s to
9m 10s)`, `paused 17:00:00 → still paused (12m 00s so far)`. A bound start says where the pause most
likely began, when a joined channel narrows it (`likelyStart`).
*/
export function pauseText(window: PauseWindow, now: number, clock: LocalClock): string {
	return `paused ${startText(window, clock)} → ${endText(window, clock)} (${durationText(window, now)})`;
}

function startText(window: PauseWindow, clock: LocalClock): string {
	switch (window.fromPrecision) {
		case 'exact': {
			return clock.at(window.fromLatest);
		}

		case 'bound': {
			const {likelyStart} = window;
			const likely = likelyStart ? ` (most likely between ${clock.at(likelyStart.from)} and ${clock.at(likelyStart.to)}, when no socket was joined to hear it)` : '';
			return `between ${clock.at(window.from ?? window.fromLatest)} and ${clock.at(window.fromLatest)}${likely}`;
		}

		case 'unknown': {
			return `before ${clock.at(window.fromLatest)} (not watched before)`;
		}
	}
}

function endText(window: PauseWindow, clock: LocalClock): string {
	const to = window.to ?? window.fromLatest;
	switch (window.toPrecision) {
		case 'exact': {
			return clock.at(to);
		}

		case 'bound': {
			return `between ${clock.at(to)} and ${clock.at(window.toLatest ?? to)}`;
		}

		case 'open': {
			return 'still paused';
		}

		case 'unknown': {
			return `after ${clock.at(to)} (not watched after)`;
		}
	}
}

function durationText(window: PauseWindow, now: number): string {
	if (window.toPrecision === 'open') {
		return `${formatDuration(now - window.fromLatest)} so far`;
	}

	const shortest = (window.to ?? window.fromLatest) - window.fromLatest;
	if (window.from === null || window.toLatest === null) {
		return `at least ${formatDuration(shortest)}`;
	}

	const longest = window.toLatest - window.from;
	return formatDuration(longest) === formatDuration(shortest) ? formatDuration(longest) : `${formatDuration(shortest)} to ${formatDuration(longest)}`;
}

/**
`10:30:00 → 10:32:10 (2m 10s)`, or `10:30:00 → still (6m 00s so far)`; a gap shorter than a second (one
run stopping, the next starting) reads `(under 1s)`, never `(0s)`.
*/
export function outageText(outage: Outage, clock: LocalClock): string {
	const length = outage.ms < 1000 ? 'under 1s' : formatDuration(outage.ms);
	return outage.to === null
		? `${clock.at(outage.from)} → still (${length} so far)`
		: `${clock.at(outage.from)} → ${clock.at(outage.to)} (${length})`;
}
