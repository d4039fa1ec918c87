import {sanitize} from '../../text/sanitize.js';
import {pausedConfirmed, type StatusChange, type StatusChangeKind} from '../status-changes.js';

/** What a run tells the hook about the device's state (the project and names aside). */
export type HookState = {
	readonly paused: 'yes' | 'no' | 'unknown';
	readonly confirmed: 'yes' | 'no';
	readonly connected: 'yes' | 'no' | 'unknown';
};

const word = (value: boolean | null): 'yes' | 'no' | 'unknown' => value === null ? 'unknown' : (value ? 'yes' : 'no');

export function hookState({status}: StatusChange): HookState {
	return {paused: word(status.paused.value), confirmed: pausedConfirmed(status) ? 'yes' : 'no', connected: word(status.connected.value)};
}

export function sameState(a: HookState | undefined, b: HookState): boolean {
	return a?.paused === b.paused && a.confirmed === b.confirmed && a.connected === b.connected;
}

/**
What C2C_CHANGED says: what differs from what the hook was last told, the first of paused, connected
and confirmed (changes that came while runs were held back are told together, in the newest state).
The change's own kind for the device's first run.
*/
export function changedSince(told: HookState | undefined, state: HookState, change: StatusChange): StatusChangeKind {
	if (told === undefined) {
		return change.changed;
	}

	if (told.paused !== state.paused) {
		return 'paused';
	}

	return told.connected === state.connected ? 'confirmed' : 'connected';
}

/** The C2C_* variables of a run. Names come from the server (and the config): a hook may well echo them to a terminal. */
export function hookVariables(change: StatusChange, state: HookState, changed: StatusChangeKind, deviceName: string): Record<string, string> {
	return {
		C2C_DEVICE: sanitize(deviceName),
		C2C_PAUSED: state.paused,
		C2C_PAUSED_CONFIRMED: state.confirmed,
		C2C_CONNECTED: state.connected,
		C2C_CHANGED: changed,
		C2C_PROJECT: sanitize(change.project ?? ''),
	};
}
