import type {DeviceHistory} from '../../../core/history/history-model.js';
import {historySlots, type HistorySlot} from '../../../core/history/history-slots.js';

/**
What one cell of the strip says about its time slot, worst first: the device was paused at some
moment of it; Frame.io was out of reach or the token refused; the socket was down (status events
could be missed); all was well; nothing was known yet. Nobody watching is its own kind, never "down".
*/
export type StripCell = 'paused' | 'down' | 'socket' | 'ok' | 'unknown' | 'unwatched';

/** One cell per five minutes: a 30 s outage still shows as a cell. */
export const stripSlotMs = 5 * 60_000;

export type StripSpan = {
	readonly from: number;
	readonly to: number;
	readonly cells: readonly StripCell[];
};

/**
The strip's `count` cells ending with the slot that holds `now`. Slots sit on whole five minutes of the
clock, so the cells stay put as time passes (the last one fills up) rather than shifting every second.
*/
export function stripCells(history: DeviceHistory, now: number, count: number, slotMs = stripSlotMs): StripSpan {
	const to = (Math.floor(now / slotMs) + 1) * slotMs;
	const from = to - (Math.max(0, count) * slotMs);
	const cells = count > 0 ? historySlots(history, {from, to}, count).map(slot => cellOf(slot, now)) : [];
	return {from, to, cells};
}

function cellOf(slot: HistorySlot, now: number): StripCell {
	if (slot.monitored === 'none' || slot.from >= now) {
		return 'unwatched';
	}

	if (slot.paused === true) {
		return 'paused';
	}

	if (slot.connected === false || slot.tokenRejected) {
		return 'down';
	}

	if (slot.socket === 'down') {
		return 'socket';
	}

	return slot.connected === true || slot.socket === 'joined' ? 'ok' : 'unknown';
}

/** Each kind's glyph (one cell in either theme) and colour: they read apart without colour too. */
export const stripGlyphs: Readonly<Record<StripCell, {readonly unicode: string; readonly ascii: string; readonly color: 'green' | 'yellow' | 'red' | 'magenta' | 'gray'}>> = {
	paused: {unicode: '‖', ascii: 'P', color: 'yellow'},
	down: {unicode: '✖', ascii: 'x', color: 'red'},
	socket: {unicode: '!', ascii: '!', color: 'magenta'},
	ok: {unicode: '▁', ascii: '_', color: 'green'},
	unknown: {unicode: '?', ascii: '?', color: 'gray'},
	unwatched: {unicode: '·', ascii: '.', color: 'gray'},
};

/** The legend, for the timeline overlay and the help. */
export function stripLegend(ascii: boolean): string {
	const glyph = (cell: StripCell) => stripGlyphs[cell][ascii ? 'ascii' : 'unicode'];
	const kinds: Array<[StripCell, string]> = [
		['ok', 'fine'], ['paused', 'paused'], ['down', 'not connected'], ['socket', 'socket down'], ['unknown', 'not known yet'], ['unwatched', 'not watched'],
	];
	return `${kinds.map(([cell, words]) => `${glyph(cell)} ${words}`).join('  ')}  5 min a cell`;
}
