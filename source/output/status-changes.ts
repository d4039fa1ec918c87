import type {DerivedStatus} from '../core/derive-status.js';
import type {Monitor} from '../core/monitor.js';

/**
What changed for a device:
- paused, connected: the value (the first known value counts; becoming unknown does not);
- confirmed: Paused kept its value but was confirmed, or stopped being confirmed (issue 15: the socket
  left its channel and the newest identity is over ~75 s old, so a pause would go unseen).
*/
export type StatusChangeKind = 'paused' | 'connected' | 'confirmed';

/** One device's Paused, Connected, or Paused's confirmation changed. */
export type StatusChange = {
	/** The device's name among those watched (the config's, or `default`): it never changes during a run. */
	readonly device: string;
	readonly changed: StatusChangeKind;
	readonly status: DerivedStatus;
	readonly project: string | null;
	/** The device's name at Frame.io (else its id), once an identity is known. */
	readonly frameioName: string | null;
	readonly at: number;
};

/** Whether Paused is known and confirmed: the socket joined, or a fresh identity. */
export function pausedConfirmed(status: DerivedStatus): boolean {
	return status.paused.value !== null && status.confidence.confirmed;
}

/** What changed from one status to the next, in that order (paused, connected, confirmed). */
function changesBetween(previous: DerivedStatus | undefined, status: DerivedStatus): StatusChangeKind[] {
	const changes: StatusChangeKind[] = [];
	for (const kind of ['paused', 'connected'] as const) {
		const {value} = status[kind];
		if (value !== null && value !== previous?.[kind].value) {
			changes.push(kind);
		}
	}

	// Only a confirmation that comes or goes while the value stays: a new value carries its own.
	const sameValue = previous !== undefined && previous.paused.value !== null && previous.paused.value === status.paused.value;
	if (sameValue && pausedConfirmed(previous) !== pausedConfirmed(status)) {
		changes.push('confirmed');
	}

	return changes;
}

/**
Calls `onChange` each time a device's Paused or Connected takes a new value, or Paused's confirmation
comes or goes. Several changes at once give several calls, in the order paused, connected, confirmed.
*/
export function watchStatusChanges(device: {readonly name: string; readonly monitor: Pick<Monitor, 'events' | 'getSnapshot'>}, onChange: (change: StatusChange) => void): () => void {
	let previous: DerivedStatus | undefined;
	// From the identity events themselves: the published snapshot is coalesced, and may not have the identity yet.
	let {identity} = device.monitor.getSnapshot().identity;
	return device.monitor.events.on(event => {
		if (event.type === 'identity' && event.result.ok) {
			identity = event.result.identity;
		}

		if (event.type !== 'status') {
			return;
		}

		const {status} = event;
		for (const changed of changesBetween(previous, status)) {
			onChange({device: device.name, changed, status, project: identity?.projectName ?? null, frameioName: identity ? identity.name ?? identity.id : null, at: event.at});
		}

		previous = status;
	});
}
