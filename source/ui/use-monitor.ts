import {useSyncExternalStore} from 'react';
import type {Monitor, MonitorSnapshot} from '../core/monitor.js';

/** The monitor's latest (coalesced, immutable) snapshot; re-renders only when a new one is published. */
export default function useMonitor(monitor: Pick<Monitor, 'subscribe' | 'getSnapshot'>): MonitorSnapshot {
	return useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
}
