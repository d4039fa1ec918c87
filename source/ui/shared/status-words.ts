import type {DerivedStatus} from '../../core/derive-status.js';
import {type Theme, tint} from './theme.js';

export type Headline = {readonly symbol: string; readonly word: string; readonly color: string | undefined};

export function pausedHeadline(status: DerivedStatus, theme: Theme): Headline {
	const {value} = status.paused;
	if (value === null) {
		return {symbol: theme.symbols.unknown, word: 'unknown', color: tint(theme, 'gray')};
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
