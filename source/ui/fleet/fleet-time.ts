import {formatDuration} from '../format/format.js';

const second = 1000;
const minute = 60_000;
const hour = 3_600_000;

/**
The earliest moment at which some text on screen reads differently because the clock moved on: each
cell that shows an age or a countdown notes when its text changes next, and the table redraws then
(and not every second) when nothing else changes.
*/
export class NextChange {
	at = Number.POSITIVE_INFINITY;

	note(at: number): void {
		if (at < this.at) {
			this.at = at;
		}
	}
}

/**
How long ago, as the fleet table says it: in seconds for the first minute ("45s"), then in minutes
("12m"), then as formatDuration does ("3h 05m", "2d 4h"). Past the first minute the seconds say
nothing a person watching the cart needs (the device's panels have them), and the table redraws once
a minute instead of every second.
*/
export function formatAge(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / second));
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	return minutes < 60 ? `${minutes}m` : formatDuration(ms);
}

/** The step in which formatAge's text moves, at `ms`. */
export function ageStep(ms: number): number {
	if (ms < minute) {
		return second;
	}

	return ms < 48 * hour ? minute : hour;
}

/** The step in which formatDuration's text moves, at `ms`. */
export function durationStep(ms: number): number {
	if (ms < hour) {
		return second;
	}

	return ms < 48 * hour ? minute : hour;
}

/**
When a text showing the time since `at`, floored to `step(elapsed)`, next reads differently. The steps
of each range divide the range's end (a minute is whole seconds), so the next step is the next change.
*/
export function elapsedChangesAt(at: number, now: number, step: (ms: number) => number): number {
	const elapsed = Math.max(0, now - at);
	const size = step(elapsed);
	return at + ((Math.floor(elapsed / size) + 1) * size);
}

/**
When a text showing the time left until `at` (plus `offset`: countdown() shows `at - now + 999`, so
"in 3s" until the last moment), floored to `step(left)`, next reads differently; at `at` it reads as
done ("now", "expired").
*/
export function remainingChangesAt(at: number, now: number, step: (ms: number) => number, offset = 0): number {
	if (at <= now) {
		return Number.POSITIVE_INFINITY;
	}

	const left = at - now + offset;
	const size = step(left);
	const whole = Math.floor(left / size);
	return Math.max(now + 1, Math.min(at, at + offset - (whole * size) + 1));
}

/**
When to redraw for a change due at `at`: on the next whole second of the clock, as the 1 s tick did,
so that the ages of fifty devices move together in one redraw rather than in fifty.
*/
export function redrawAt(at: number, now: number): number {
	const due = Math.ceil(at / second) * second;
	return due > now ? due : (Math.floor(now / second) + 1) * second;
}
