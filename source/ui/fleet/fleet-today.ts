import type {DeviceHistory} from '../../core/history/history-model.js';
import {summarizeHistory} from '../../core/history/history-summary.js';
import {connectedShare} from '../../core/history/history-text.js';
import {localMidnight} from '../../core/history/local-clock.js';
import type {Theme} from '../shared/theme.js';
import type {Cell} from './fleet-cell.js';

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

	// The summary stops at the history's own now: it changes with a new history or a new day, not with the
	// second (rows are rebuilt every second while an age counts seconds; a day's summary of 50 devices is not).
	const midnight = localMidnight(now);
	const known = cells.get(history);
	if (known?.midnight === midnight && known.theme === theme) {
		return known.cell;
	}

	const cell = todayOf(history, midnight, theme);
	cells.set(history, {midnight, theme, cell});
	return cell;
}

const cells = new WeakMap<DeviceHistory, {readonly midnight: number; readonly theme: Theme; readonly cell: Cell}>();

function todayOf(history: DeviceHistory, midnight: number, theme: Theme): Cell {
	const summary = summarizeHistory(history, {from: midnight, to: history.now});
	if (summary.monitoredMs === 0 || summary.connectedMs + summary.notConnectedMs === 0) {
		return {variants: ['-'], tone: 'muted'};
	}

	const share = connectedShare(summary);
	const paused = summary.pauses.length;
	return paused === 0
		? {variants: [share], tone: 'plain'}
		: {variants: [`${share} ${theme.symbols.paused}${paused}`, share], tone: 'warn'};
}
