import {firstThatFits, fitToWidth} from '../format/text-width.js';
import type {DeviceHistory} from '../../core/history/history-model.js';
import {tint, type Theme} from '../shared/theme.js';
import type {NextChange} from './fleet-time.js';

/**
How a value reads: a bad state (red) or a warning (yellow) also says so in its words and symbol, and
so does a value nothing confirms now (`doubt`, magenta: an unconfirmed Paused, with its own symbol).
*/
export type Tone = 'good' | 'bad' | 'warn' | 'doubt' | 'plain' | 'muted';

/** One cell of the fleet table: its wordings, fullest first, already redacted and sanitized. */
export type Cell = {readonly variants: readonly string[]; readonly tone: Tone};

/** What a row's cells are made with. */
export type RowContext = {
	readonly now: number;
	readonly theme: Theme;
	/** Redacts and sanitizes (as SafeText will), before anything is measured. */
	readonly screenText: (text: string) => string;
	/** The round trip to show: the latest unless told (the table holds it still through jitter, see heldRtt). */
	readonly rttMs?: number | null;
	/** Learns when the row's ages and countdowns read differently. */
	readonly next?: NextChange;
	/** The device's history from its journal, for the "today" column (none: `-`). */
	readonly history?: DeviceHistory | null;
};

/** The fullest wording that fits `width` cells, cut and padded to exactly that. */
export function cellText(cell: Cell, width: number): string {
	return fitToWidth(firstThatFits(cell.variants, width), width);
}

export function toneStyle(tone: Tone, theme: Theme): {readonly color: string | undefined; readonly bold: boolean; readonly dimColor: boolean} {
	switch (tone) {
		case 'bad': {
			return {color: tint(theme, 'red'), bold: true, dimColor: false};
		}

		case 'warn': {
			return {color: tint(theme, 'yellow'), bold: true, dimColor: false};
		}

		case 'doubt': {
			return {color: tint(theme, 'magenta'), bold: true, dimColor: false};
		}

		case 'good': {
			return {color: tint(theme, 'green'), bold: false, dimColor: false};
		}

		case 'muted': {
			return {color: undefined, bold: false, dimColor: true};
		}

		case 'plain': {
			return {color: undefined, bold: false, dimColor: false};
		}
	}
}
