import type {HealthCheck} from '../../source/core/health/health-monitor.js';
import type {DecodedFrame, MalformedFrame, TrafficEntry} from '../../source/core/socket/traffic.js';

/** The decoded frames among the entries (malformed ones left out). */
export function decodedOnly(entries: readonly TrafficEntry[]): DecodedFrame[] {
	return entries.filter((entry): entry is DecodedFrame => entry.kind === 'frame');
}

/** The malformed frames among the entries. */
export function malformedOnly(entries: readonly TrafficEntry[]): MalformedFrame[] {
	return entries.filter((entry): entry is MalformedFrame => entry.kind === 'malformed');
}

/** The event of a decoded frame; undefined for a malformed one or none. */
export function eventOf(entry: TrafficEntry | undefined): string | undefined {
	return entry?.kind === 'frame' ? entry.event : undefined;
}

/** A failed check's failure; undefined for a good one. */
export function failureOf(check: HealthCheck) {
	return check.ok ? undefined : check.failure;
}
