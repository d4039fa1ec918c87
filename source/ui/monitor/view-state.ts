import {deleteLastCharacter, typeIntoFilter} from './filter-text.js';

/** What the person has asked the view to do: the UI's own state, apart from the monitor's. */
export type ViewState = {
	readonly overlay: 'none' | 'help' | 'frame' | 'timeline';
	/** The traffic log follows the newest frame. */
	readonly follow: boolean;
	/** The selected frame (by seq) while not following. */
	readonly selectedSeq: number | null;
	/** The frame (by seq) the frame detail shows: kept apart from the log's selection, so keys for the log cannot change it. */
	readonly detailSeq: number | null;
	readonly filter: string;
	/** Keys go into the filter while this is on. */
	readonly editingFilter: boolean;
	readonly hideHeartbeats: boolean;
	/** First line on screen of the open overlay (help or frame detail). */
	readonly overlayOffset: number;
	/** A short note in the footer, e.g. what `r` did; a function keeps a countdown in it current. */
	readonly notice: {readonly text: Notice; readonly at: number} | null;
};

export type Notice = string | ((now: number) => string);

export const initialViewState: ViewState = {
	overlay: 'none', follow: true, selectedSeq: null, detailSeq: null, filter: '', editingFilter: false, hideHeartbeats: false, overlayOffset: 0,
	notice: null,
};

/** What typing in the `/` filter does. */
type FilterAction =
	| {readonly type: 'start-filter'}
	/** What one read of the terminal brought while editing the filter (see typeIntoFilter). */
	| {readonly type: 'filter-input'; readonly text: string}
	| {readonly type: 'filter-backspace'}
	| {readonly type: 'finish-filter'}
	| {readonly type: 'clear-filter'};

export type ViewAction =
	| FilterAction
	| {readonly type: 'toggle-help'}
	| {readonly type: 'toggle-timeline'}
	| {readonly type: 'close-overlay'}
	| {readonly type: 'show-frame'; readonly seq: number | null}
	/** Scroll the open overlay by `by` lines (±Infinity: to the top or the end), between 0 and `max`. */
	| {readonly type: 'scroll-overlay'; readonly by: number; readonly max: number}
	| {readonly type: 'toggle-follow'; readonly newestSeq: number | null}
	/** Move the selection by `by` rows through the visible frames (their seqs, oldest first). */
	| {readonly type: 'move'; readonly by: number; readonly visible: readonly number[]}
	| {readonly type: 'follow'}
	/** Select the oldest of the visible frames (seqs, oldest first), which stops following. */
	| {readonly type: 'oldest'; readonly visible: readonly number[]}
	| {readonly type: 'toggle-heartbeats'}
	| {readonly type: 'notice'; readonly text: Notice; readonly at: number};

const filterActions = new Set<ViewAction['type']>(['start-filter', 'filter-input', 'filter-backspace', 'finish-filter', 'clear-filter']);

function isFilterAction(action: ViewAction): action is FilterAction {
	return filterActions.has(action.type);
}

function isOverlayToggle(action: ViewAction): action is {readonly type: 'toggle-help' | 'toggle-timeline'} {
	return action.type === 'toggle-help' || action.type === 'toggle-timeline';
}

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
	if (isFilterAction(action)) {
		return filterReducer(state, action);
	}

	if (isOverlayToggle(action)) {
		// `?` and `t` open their overlay, or close it when it is the one open.
		const overlay = action.type === 'toggle-help' ? 'help' : 'timeline';
		return {...state, overlay: state.overlay === overlay ? 'none' : overlay, overlayOffset: 0};
	}

	switch (action.type) {
		case 'close-overlay': {
			return {...state, overlay: 'none'};
		}

		case 'show-frame': {
			return action.seq === null ? state : {...state, overlay: 'frame', follow: false, selectedSeq: action.seq, detailSeq: action.seq, overlayOffset: 0};
		}

		case 'scroll-overlay': {
			return {...state, overlayOffset: Math.max(0, Math.min(action.max, state.overlayOffset + action.by))};
		}

		case 'toggle-follow': {
			return state.follow
				? {...state, follow: false, selectedSeq: action.newestSeq}
				: {...state, follow: true, selectedSeq: null};
		}

		case 'follow': {
			return {...state, follow: true, selectedSeq: null};
		}

		case 'oldest': {
			const oldest = action.visible[0];
			return oldest === undefined ? state : {...state, follow: false, selectedSeq: oldest};
		}

		case 'move': {
			const {visible, by} = action;
			if (visible.length === 0) {
				return state;
			}

			const current = state.follow || state.selectedSeq === null ? visible.length - 1 : nearestIndex(visible, state.selectedSeq);
			const index = Math.max(0, Math.min(visible.length - 1, current + by));
			return {...state, follow: false, selectedSeq: visible[index]!};
		}

		case 'toggle-heartbeats': {
			return {...state, hideHeartbeats: !state.hideHeartbeats};
		}

		case 'notice': {
			return {...state, notice: {text: action.text, at: action.at}};
		}
	}
}

function filterReducer(state: ViewState, action: FilterAction): ViewState {
	switch (action.type) {
		case 'start-filter': {
			// The filter is typed under the log, so the log must be in sight.
			return {...state, editingFilter: true, overlay: 'none'};
		}

		case 'filter-input': {
			return {...state, filter: typeIntoFilter(state.filter, action.text)};
		}

		case 'filter-backspace': {
			return {...state, filter: deleteLastCharacter(state.filter)};
		}

		case 'finish-filter': {
			return {...state, editingFilter: false};
		}

		case 'clear-filter': {
			return {...state, filter: '', editingFilter: false};
		}
	}
}

/** Index of the seq in the list, or of the nearest older one still there. */
export function nearestIndex(seqs: readonly number[], seq: number): number {
	let best = 0;
	for (const [index, value] of seqs.entries()) {
		if (value <= seq) {
			best = index;
		}
	}

	return best;
}
