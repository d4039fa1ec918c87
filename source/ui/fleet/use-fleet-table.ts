import {useMemo, useSyncExternalStore} from 'react';
import type {Fleet} from '../../core/fleet/fleet.js';
import type {HistoryFeed} from '../../core/history/history-feed.js';
import {sanitize} from '../../text/sanitize.js';
import useTheme from '../shared/use-theme.js';
import {FleetTableStore, type FleetTableModel} from './fleet-table-model.js';

/**
The fleet table's model (see FleetTableStore): a new one, and so a redraw, only when something on
screen reads differently, from a new fleet snapshot or from the clock.
*/
export default function useFleetTable(fleet: Pick<Fleet, 'subscribe' | 'getSnapshot' | 'redact'>, now: () => number, histories?: ReadonlyMap<string, HistoryFeed>): FleetTableModel {
	const theme = useTheme();
	const store = useMemo(
		() => new FleetTableStore(fleet, {now, theme, screenText: text => sanitize(fleet.redact(text)), histories}),
		[fleet, now, theme, histories],
	);
	return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
