import type {MonitorSnapshot} from '../../core/monitor.js';
import {formatMs} from '../format/format.js';
import {connectedHeadline, isPausedUnconfirmed, pausedHeadline, type Headline} from '../shared/status-words.js';
import {currentRttMs} from '../shared/socket-connection-words.js';
import {displayWidth, truncateToWidth} from '../format/text-width.js';
import type {Cell, RowContext} from './fleet-cell.js';
import type {ColumnKey, NaturalWidths} from './fleet-columns.js';
import {lastEvent} from './fleet-last-event.js';
import {todayCell} from './fleet-today.js';
import {socketCell, tokenCell} from './fleet-state-cells.js';
import {ageStep, elapsedChangesAt, formatAge} from './fleet-time.js';

export type FleetRow = Readonly<Record<ColumnKey, Cell>>;

/** One device's row of the fleet table: every cell's wordings and tone. */
export function fleetRow(name: string, snapshot: MonitorSnapshot, context: RowContext): FleetRow {
	const {theme, screenText, rttMs} = context;
	const {status, identity} = snapshot;
	const connected = status.connected.value;
	const project = identity.identity === null ? null : identity.identity.projectName;
	return {
		name: {variants: [screenText(name)], tone: 'plain'},
		project: project === null ? {variants: [identity.identity === null ? '-' : '?'], tone: 'muted'} : {variants: [screenText(project)], tone: 'plain'},
		paused: headlineCell(pausedHeadline(status, theme), pausedTone(status)),
		connected: headlineCell(connectedHeadline(status, theme), connected === null ? 'muted' : (connected ? 'good' : 'bad')),
		socket: socketCell(snapshot, context),
		rtt: {variants: [formatMs(rttMs === undefined ? currentRttMs(snapshot.socket) : rttMs)], tone: 'plain'},
		token: tokenCell(snapshot, context),
		event: eventCell(snapshot, context),
		today: todayCell(context.history, context.now, theme),
	};
}

/** Paused's tone: a value nothing confirms now has its own, whichever it is (its symbol says so too). */
function pausedTone(status: MonitorSnapshot['status']): Cell['tone'] {
	const {value} = status.paused;
	if (value === null) {
		return 'muted';
	}

	if (isPausedUnconfirmed(status)) {
		return 'doubt';
	}

	return value ? 'warn' : 'good';
}

function headlineCell({symbol, word}: Headline, tone: Cell['tone']): Cell {
	return {variants: [`${symbol} ${word}`], tone};
}

/**
"closed 1006 by network · 12s ago": what happened, then how long ago (in seconds for the first minute,
then in minutes: "paused · 14m ago"). Short of room it says less in whole words, never the age (how
long a device has been paused is the point of the column): its short form ("closed 1006 · 12s ago"),
then without the separator ("not paused 20s ago"), then the age alone after it ("not paused 20s"),
then a shorter word ("rejected 20s"); only past all of those is the word cut (issue 15.14).
*/
function eventCell(snapshot: MonitorSnapshot, {now, theme, screenText, next}: RowContext): Cell {
	const {separator} = theme.symbols;
	const event = lastEvent(snapshot);
	if (event === undefined) {
		return {variants: ['-'], tone: 'muted'};
	}

	next?.note(elapsedChangesAt(event.at, now, ageStep));
	const age = formatAge(now - event.at);
	const tiny = event.tiny ?? event.short;
	const words = unique([screenText(event.text), event.short, tiny]);
	const compact = unique([event.short, tiny]);
	const cuts = Array.from({length: Math.max(0, displayWidth(tiny) - 2)}, (_, index) => truncateToWidth(tiny, displayWidth(tiny) - 1 - index));
	return {
		variants: [
			...words.map(what => `${what} ${separator} ${age} ago`),
			...compact.map(what => `${what} ${age} ago`),
			...compact.map(what => `${what} ${age}`),
			...cuts.map(what => `${what} ${age}`),
		],
		tone: event.tone,
	};
}

function unique(texts: readonly string[]): string[] {
	return [...new Set(texts)];
}

/** How wide each column would like to be: its header or its fullest value, whichever is wider; "today" only `withToday` (a journal). */
export function naturalWidths(rows: readonly FleetRow[], headers: Readonly<Record<ColumnKey, string>>, withToday = false): NaturalWidths {
	const keys = (Object.keys(headers) as ColumnKey[]).filter(key => withToday || key !== 'today');
	return Object.fromEntries(keys.map(key => [key, Math.max(displayWidth(headers[key]), ...rows.map(row => displayWidth(row[key].variants[0] ?? '')))])) as NaturalWidths;
}
