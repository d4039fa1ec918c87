import {defaultJournalDays} from '../../../output/journal/journal-retention.js';
import type {FlagDefinitions} from '../../flag-definitions.js';
import {parseInteger, parseNonEmpty} from '../../parse-values.js';

/** `--journal-days N`: how long the journal keeps a day (0 turns the journal off). The monitor and `check` take it. */
export const journalFlags = {
	journalDays: {type: 'string'},
} as const satisfies FlagDefinitions;

/** `--record FILE`: the whole NDJSON stream, frames included, into a file (the monitor, in every mode). */
export const recordFlags = {
	record: {type: 'string'},
} as const satisfies FlagDefinitions;

/** The longest retention accepted: ten years is a typo's guard, not a policy. */
const maxJournalDays = 3650;

export type HistoryCommand = {
	/** Days of journal kept; 0: no journal at all (nothing is written, nothing pruned). */
	readonly journalDays: number;
	/** `--record FILE`. */
	readonly record?: string;
};

export function parseHistoryFlags(flags: {readonly journalDays?: string | undefined; readonly record?: string | undefined}): HistoryCommand {
	return {
		journalDays: flags.journalDays === undefined ? defaultJournalDays : parseInteger('journal-days', flags.journalDays, 0, maxJournalDays),
		...(flags.record === undefined ? {} : {record: parseNonEmpty('record', flags.record)}),
	};
}
