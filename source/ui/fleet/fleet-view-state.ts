/** What the person has asked of the fleet view: the selected device, the scroll, the help, an opened device. */
export type FleetViewState = {
	/** Index of the selected device (the fleet's order). */
	readonly selected: number;
	/** Index of the first device row on screen. */
	readonly top: number;
	readonly help: boolean;
	/** First line on screen of the help. */
	readonly helpOffset: number;
	/** The device whose panels are open instead of the table. */
	readonly opened: number | null;
};

export const initialFleetViewState: FleetViewState = {selected: 0, top: 0, help: false, helpOffset: 0, opened: null};

export type FleetViewAction =
	/** Move the selection by `by` devices (±Infinity: the first or last) of `count`, with `room` rows on screen. */
	| {readonly type: 'select'; readonly by: number; readonly count: number; readonly room: number}
	| {readonly type: 'toggle-help'}
	| {readonly type: 'close-help'}
	/** Scroll the help by `by` lines (±Infinity: its top or end), between 0 and `max`. */
	| {readonly type: 'scroll-help'; readonly by: number; readonly max: number}
	| {readonly type: 'open'; readonly count: number}
	| {readonly type: 'back'};

export function fleetViewReducer(state: FleetViewState, action: FleetViewAction): FleetViewState {
	switch (action.type) {
		case 'select': {
			if (action.count === 0) {
				return state;
			}

			const selected = clamp(state.selected + action.by, 0, action.count - 1);
			return {...state, selected, top: fleetWindow(state.top, selected, action.room, action.count).start};
		}

		case 'toggle-help': {
			return {...state, help: !state.help, helpOffset: 0};
		}

		case 'close-help': {
			return {...state, help: false};
		}

		case 'scroll-help': {
			return {...state, helpOffset: clamp(state.helpOffset + action.by, 0, action.max)};
		}

		case 'open': {
			return state.selected < action.count ? {...state, opened: state.selected, help: false} : state;
		}

		case 'back': {
			return {...state, opened: null};
		}
	}
}

/** The device rows on screen: from `top`, moved only as far as needed to keep the selection in sight (also after a resize). */
export function fleetWindow(top: number, selected: number, room: number, count: number): {readonly start: number; readonly end: number} {
	const rows = Math.max(1, room);
	let start = top;
	if (selected < start) {
		start = selected;
	} else if (selected >= start + rows) {
		start = selected - rows + 1;
	}

	start = clamp(start, 0, Math.max(0, count - rows));
	return {start, end: Math.min(count, start + rows)};
}

function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}
