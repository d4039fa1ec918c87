import {useMemo, useSyncExternalStore} from 'react';
import type {Monitor, MonitorSnapshot} from '../core/monitor.js';
import {PacedSnapshots} from './paced-snapshots.js';

/** Paused or Connected reads differently: the view shows that at once, however busy it is. */
export function headlineChanged(shown: MonitorSnapshot, next: MonitorSnapshot): boolean {
	return shown.status.paused.value !== next.status.paused.value || shown.status.connected.value !== next.status.connected.value;
}

/**
The monitor's latest (coalesced, immutable) snapshot, at a pace the view can draw (see
PacedSnapshots); re-renders only when a new one is taken.
*/
export default function useMonitor(monitor: Pick<Monitor, 'subscribe' | 'getSnapshot'>): MonitorSnapshot {
	const paced = useMemo(() => new PacedSnapshots(monitor, {urgent: headlineChanged}), [monitor]);
	return useSyncExternalStore(paced.subscribe, paced.getSnapshot);
}
