import {isRecord} from '../utils/is-record.js';

/** The line types a recording holds (README "NDJSON output", and the `recording` and `monitor` lines of issue 17). */
export const recordedTypes = ['recording', 'monitor', 'status', 'identity', 'health', 'socket', 'frame', 'token', 'hook', 'error'] as const;
export type RecordedType = typeof recordedTypes[number];

/** One line of a recording (or of any NDJSON the monitor printed), read but not yet interpreted. */
export type RecordedLine = {
	/** Its place among the good lines, from 0. */
	readonly index: number;
	/** Its `time`, in ms since the epoch. */
	readonly at: number;
	readonly type: RecordedType;
	/** A fleet's lines name their device. */
	readonly device: string | null;
	readonly fields: Readonly<Record<string, unknown>>;
	/** The line as it was written (`replay --json` prints it again). */
	readonly text: string;
};

export type RecordingText = {
	readonly lines: readonly RecordedLine[];
	/** Lines that could not be read (torn, not JSON, no time, a type from a newer version), skipped. */
	readonly skipped: number;
};

/**
The lines of a recording's text, in file order: blank lines ignored, lines that cannot be read skipped
and counted. Times are kept as written: a recording's lines come in the order the monitor wrote them.
*/
export function parseRecording(text: string): RecordingText {
	const lines: RecordedLine[] = [];
	let skipped = 0;
	for (const raw of text.split('\n')) {
		const trimmed = raw.trim();
		if (trimmed === '') {
			continue;
		}

		const line = parseRecordedLine(trimmed, lines.length);
		if (line === undefined) {
			skipped++;
		} else {
			lines.push(line);
		}
	}

	return {lines, skipped};
}

function parseRecordedLine(text: string, index: number): RecordedLine | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}

	if (!isRecord(value) || !recordedTypes.includes(value.type as RecordedType) || typeof value.time !== 'string') {
		return undefined;
	}

	const at = Date.parse(value.time);
	if (!Number.isFinite(at)) {
		return undefined;
	}

	return {index, at, type: value.type as RecordedType, device: typeof value.device === 'string' ? value.device : null, fields: value, text};
}

/** The field as a string, or null. */
export function text(fields: Readonly<Record<string, unknown>>, key: string): string | null {
	const value = fields[key];
	return typeof value === 'string' ? value : null;
}

/** The field as a finite number, or null. */
export function number(fields: Readonly<Record<string, unknown>>, key: string): number | null {
	const value = fields[key];
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The field as a time (ISO 8601 in ms since the epoch), or null. */
export function time(fields: Readonly<Record<string, unknown>>, key: string): number | null {
	const value = fields[key];
	if (typeof value !== 'string') {
		return null;
	}

	const at = Date.parse(value);
	return Number.isFinite(at) ? at : null;
}

/** The field as a boolean, or null. */
export function flag(fields: Readonly<Record<string, unknown>>, key: string): boolean | null {
	const value = fields[key];
	return typeof value === 'boolean' ? value : null;
}
