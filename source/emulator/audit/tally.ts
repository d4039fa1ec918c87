import type {RuleId} from './audit-rules.js';

/** Something that happened at a time, in words (never a secret). */
export type Note = {
	readonly at: number;
	readonly text: string;
};

/** A rule's telling number (a shortest or longest gap, a worst delay, a last time) and where it was seen. */
export type Extreme = Note & {readonly value: number};

/**
A rule's running aggregate for one client: bounded however long the device stays on the emulator.
`seen` counts what the rule judged (requests, gaps, joins …, as each rule defines it).
*/
export type Tally = {
	seen: number;
	firstSeenAt: number | null;
	offences: number;
	firstOffence: Note | null;
	warnings: number;
	firstWarning: Note | null;
	extreme: Extreme | null;
};

/** Which end of the range each rule's extreme keeps. */
const keepsLowest: ReadonlySet<RuleId> = new Set<RuleId>(['identity-rate', 'no-hammering', 'pairing-poll']);

export function emptyTally(): Tally {
	return {seen: 0, firstSeenAt: null, offences: 0, firstOffence: null, warnings: 0, firstWarning: null, extreme: null};
}

function earlier(a: Note | null, b: Note | null): Note | null {
	if (!a) {
		return b;
	}

	return b && b.at < a.at ? b : a;
}

export function countSeen(tally: Tally, at: number): void {
	tally.seen++;
	tally.firstSeenAt = tally.firstSeenAt === null ? at : Math.min(tally.firstSeenAt, at);
}

export function countOffence(tally: Tally, note: Note): void {
	tally.offences++;
	tally.firstOffence = earlier(tally.firstOffence, note);
}

export function countWarning(tally: Tally, note: Note): void {
	tally.warnings++;
	tally.firstWarning = earlier(tally.firstWarning, note);
}

function better(rule: RuleId, a: Extreme | null, b: Extreme | null): Extreme | null {
	if (!a || !b) {
		return a ?? b;
	}

	if (b.value === a.value) {
		return b.at < a.at ? b : a;
	}

	return (keepsLowest.has(rule) ? b.value < a.value : b.value > a.value) ? b : a;
}

/** Keeps the new value when it is the rule's new extreme (the lowest or the highest, by rule). */
export function keepExtreme(rule: RuleId, tally: Tally, extreme: Extreme): void {
	tally.extreme = better(rule, tally.extreme, extreme);
}

/** One tally from several (a device's own and those of the peers that acted for it), without changing them. */
export function mergeTallies(rule: RuleId, tallies: readonly Tally[]): Tally {
	const merged = emptyTally();
	for (const tally of tallies) {
		merged.seen += tally.seen;
		if (tally.firstSeenAt !== null) {
			merged.firstSeenAt = merged.firstSeenAt === null ? tally.firstSeenAt : Math.min(merged.firstSeenAt, tally.firstSeenAt);
		}

		merged.offences += tally.offences;
		merged.firstOffence = earlier(merged.firstOffence, tally.firstOffence);
		merged.warnings += tally.warnings;
		merged.firstWarning = earlier(merged.firstWarning, tally.firstWarning);
		merged.extreme = better(rule, merged.extreme, tally.extreme);
	}

	return merged;
}
