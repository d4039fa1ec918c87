import type {DerivedStatus} from '../core/derive-status.js';
import type {Monitor} from '../core/monitor.js';

/** One device's Paused or Connected changed. */
export type StatusChange = {
	readonly device: string;
	readonly changed: 'paused' | 'connected';
	readonly status: DerivedStatus;
	readonly project: string | null;
	/** The device's name at Frame.io (else its id), once an identity is known. */
	readonly frameioName: string | null;
	readonly at: number;
};

/**
Calls `onChange` each time a device's Paused or Connected takes a new value (the first known value
counts as a change; unknown does not). Both changing at once give two calls, paused first.
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
		for (const changed of ['paused', 'connected'] as const) {
			const {value} = status[changed];
			if (value !== null && value !== previous?.[changed].value) {
				onChange({device: device.name, changed, status, project: identity?.projectName ?? null, frameioName: identity ? identity.name ?? identity.id : null, at: event.at});
			}
		}

		previous = status;
	});
}
