import type {DerivedStatus} from '../../core/derive-status.js';
import {type Theme, tint} from './theme.js';

export type Headline = {readonly symbol: string; readonly word: string; readonly color: string | undefined};

/** Paused has a value, but nothing confirms it now (see PausedConfidence): the last value, said to be unconfirmed. */
export function isPausedUnconfirmed(status: DerivedStatus): boolean {
	return status.paused.value !== null && !status.confidence.confirmed;
}

/**
Paused as a symbol, a word and a colour: ‖ yes, ▶ no, ? unknown; an unconfirmed value keeps its word
but takes the unconfirmed symbol and colour, so it never looks like a confirmed one, with or without colour.
*/
export function pausedHeadline(status: DerivedStatus, theme: Theme): Headline {
	const {value} = status.paused;
	if (value === null) {
		return {symbol: theme.symbols.unknown, word: 'unknown', color: tint(theme, 'gray')};
	}

	if (isPausedUnconfirmed(status)) {
		return {symbol: theme.symbols.unconfirmed, word: value ? 'yes' : 'no', color: tint(theme, 'magenta')};
	}

	return value
		? {symbol: theme.symbols.paused, word: 'yes', color: tint(theme, 'yellow')}
		: {symbol: theme.symbols.running, word: 'no', color: tint(theme, 'green')};
}

export function connectedHeadline(status: DerivedStatus, theme: Theme): Headline {
	const {value} = status.connected;
	if (value === null) {
		return {symbol: theme.symbols.unknown, word: 'unknown', color: tint(theme, 'gray')};
	}

	return value
		? {symbol: theme.symbols.connected, word: 'yes', color: tint(theme, 'green')}
		: {symbol: theme.symbols.disconnected, word: 'no', color: tint(theme, 'red')};
}

/** What the raw identity status means, since it is shown only as a detail. */
export function rawStatusMeaning(value: string | null): string {
	switch (value ?? '') {
		case 'online': {
			return 'the device was active within the last 5 minutes';
		}

		case 'offline': {
			return 'no activity from the device for over 5 minutes';
		}

		case 'paused': {
			return 'paused in the C2C Connections tab of Frame.io';
		}

		default: {
			return 'not a status Frame.io documents';
		}
	}
}
