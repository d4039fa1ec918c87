import {useSyncExternalStore} from 'react';
import type {Fleet, FleetSnapshot} from '../core/fleet/fleet.js';

/** The fleet's latest (coalesced) snapshot: every device's, re-rendering only when a new one is published. */
export default function useFleet(fleet: Pick<Fleet, 'subscribe' | 'getSnapshot'>): FleetSnapshot {
	return useSyncExternalStore(fleet.subscribe, fleet.getSnapshot);
}
