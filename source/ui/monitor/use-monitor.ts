import {useMemo, useSyncExternalStore} from 'react';
import type {Monitor, MonitorSnapshot} from '../../core/monitor.js';
import {PacedSnapshots} from './paced-snapshots.js';

/**
What the view shows at once, however busy it is: Paused or Connected reads differently, the socket
changed state (joined, closed …), or the identity changed. None of these come more than a few times a
minute, and a flood of frames changes none of them; at start they are the complete first screen, which
would otherwise wait out the rest after the first (slow) draw.
*/
export function mustShowAtOnce(shown: MonitorSnapshot, next: MonitorSnapshot): boolean {
	return shown.status.paused.value !== next.status.paused.value
		|| shown.status.connected.value !== next.status.connected.value
		|| shown.socket.state !== next.socket.state
		|| shown.identity.identity !== next.identity.identity;
}

/**
The monitor's latest (coalesced, immutable) snapshot, at a pace the view can draw (see
PacedSnapshots); re-renders only when a new one is taken.
*/
export default function useMonitor(monitor: Pick<Monitor, 'subscribe' | 'getSnapshot'>): MonitorSnapshot {
	const paced = useMemo(() => new PacedSnapshots(monitor, {urgent: mustShowAtOnce}), [monitor]);
	return useSyncExternalStore(paced.subscribe, paced.getSnapshot);
}
