import type {MonitorSnapshot} from '../../core/monitor.js';
import {formatMs} from '../format/format.js';
import {connectedHeadline, pausedHeadline, type Headline} from '../shared/status-words.js';
import {displayWidth, truncateToWidth} from '../format/text-width.js';
import type {Cell, RowContext} from './fleet-cell.js';
import type {ColumnKey} from './fleet-columns.js';
import {lastEvent} from './fleet-last-event.js';
import {socketCell, tokenCell} from './fleet-state-cells.js';
import {ageStep, elapsedChangesAt, formatAge} from './fleet-time.js';

export type FleetRow = Readonly<Record<ColumnKey, Cell>>;

/** One device's row of the fleet table: every cell's wordings and tone. */
export function fleetRow(name: string, snapshot: MonitorSnapshot, context: RowContext): FleetRow {
	const {theme, screenText, rttMs} = context;
	const {status, identity} = snapshot;
	const paused = status.paused.value;
	const connected = status.connected.value;
	const project = identity.identity === null ? null : identity.identity.projectName;
	return {
		name: {variants: [screenText(name)], tone: 'plain'},
		project: project === null ? {variants: [identity.identity === null ? '-' : '?'], tone: 'muted'} : {variants: [screenText(project)], tone: 'plain'},
		paused: headlineCell(pausedHeadline(status, theme), paused === null ? 'muted' : (paused ? 'warn' : 'good')),
		connected: headlineCell(connectedHeadline(status, theme), connected === null ? 'muted' : (connected ? 'good' : 'bad')),
		socket: socketCell(snapshot, context),
		rtt: {variants: [formatMs(rttMs === undefined ? snapshot.socket.heartbeat.lastRttMs : rttMs)], tone: 'plain'},
		token: tokenCell(snapshot, context),
		event: eventCell(snapshot, context),
	};
}

function headlineCell({symbol, word}: Headline, tone: Cell['tone']): Cell {
	return {variants: [`${symbol} ${word}`], tone};
}

/**
"closed 1006 by network · 12s ago": what happened, then how long ago (in seconds for the first minute,
then in minutes: "paused · 14m ago"), in that one form whatever the width. Short of room the what
says less (its short form, then cut), never the age: how long a device has been paused is the point
of the column.
*/
function eventCell(snapshot: MonitorSnapshot, {now, theme, screenText, next}: RowContext): Cell {
	const {separator} = theme.symbols;
	const event = lastEvent(snapshot);
	if (event === undefined) {
		return {variants: ['-'], tone: 'muted'};
	}

	next?.note(elapsedChangesAt(event.at, now, ageStep));
	const when = ` ${separator} ${formatAge(now - event.at)} ago`;
	const cuts = Array.from({length: Math.max(0, displayWidth(event.short) - 2)}, (_, index) => truncateToWidth(event.short, displayWidth(event.short) - 1 - index));
	return {variants: [screenText(event.text), event.short, ...cuts].map(what => what + when), tone: event.tone};
}

/** How wide each column would like to be: its header or its fullest value, whichever is wider. */
export function naturalWidths(rows: readonly FleetRow[], headers: Readonly<Record<ColumnKey, string>>): Record<ColumnKey, number> {
	const keys = Object.keys(headers) as ColumnKey[];
	return Object.fromEntries(keys.map(key => [key, Math.max(displayWidth(headers[key]), ...rows.map(row => displayWidth(row[key].variants[0] ?? '')))])) as Record<ColumnKey, number>;
}
