import type {DeviceHistory} from '../../core/history/history-model.js';
import {summarizeHistory} from '../../core/history/history-summary.js';
import {formatShare} from '../../core/history/history-text.js';
import type {Theme} from '../shared/theme.js';
import type {Cell} from './fleet-cell.js';

/** The start of the local day holding `at`. */
export function localMidnight(at: number): number {
	const date = new Date(at);
	date.setHours(0, 0, 0, 0);
	return date.getTime();
}

/**
The fleet's "today" cell, from the device's journal: the share of today's watched time it was connected
(of the time that was known),
then how many times it was paused (`98.7% ‖2`); short of room the share alone. `-` with no journal, or
nothing watched yet today. Yellow once it was paused today: takes made meanwhile will not upload.
*/
export function todayCell(history: DeviceHistory | null | undefined, now: number, theme: Theme): Cell {
	if (!history) {
		return {variants: ['-'], tone: 'muted'};
	}

	const summary = summarizeHistory(history, {from: localMidnight(now), to: now});
	if (summary.monitoredMs === 0 || summary.connectedMs + summary.notConnectedMs === 0) {
		return {variants: ['-'], tone: 'muted'};
	}

	// Of the time its connection was known: the seconds before a run's first check are not an outage.
	const share = formatShare(summary.connectedMs, summary.connectedMs + summary.notConnectedMs);
	const paused = summary.pauses.length;
	return paused === 0
		? {variants: [share], tone: 'plain'}
		: {variants: [`${share} ${theme.symbols.paused}${paused}`, share], tone: 'warn'};
}
