/** What the person has asked the view to do: the UI's own state, apart from the monitor's. */
export type ViewState = {
	readonly overlay: 'none' | 'help' | 'frame';
	/** The traffic log follows the newest frame. */
	readonly follow: boolean;
	/** The selected frame (by seq) while not following. */
	readonly selectedSeq: number | null;
	readonly filter: string;
	/** Keys go into the filter while this is on. */
	readonly editingFilter: boolean;
	readonly hideHeartbeats: boolean;
	/** First line of the frame detail on screen. */
	readonly detailOffset: number;
	/** A short note in the footer, e.g. what `r` did; a function keeps a countdown in it current. */
	readonly notice: {readonly text: Notice; readonly at: number} | null;
};

export type Notice = string | ((now: number) => string);

export const initialViewState: ViewState = {
	overlay: 'none', follow: true, selectedSeq: null, filter: '', editingFilter: false, hideHeartbeats: false, detailOffset: 0, notice: null,
};

export type ViewAction =
	| {readonly type: 'toggle-help'}
	| {readonly type: 'close-overlay'}
	| {readonly type: 'show-frame'; readonly seq: number | null}
	/** Scroll the frame detail by `by` lines, between 0 and `max`. */
	| {readonly type: 'scroll-detail'; readonly by: number; readonly max: number}
	| {readonly type: 'toggle-follow'; readonly newestSeq: number | null}
	/** Move the selection by `by` rows through the visible frames (their seqs, oldest first). */
	| {readonly type: 'move'; readonly by: number; readonly visible: readonly number[]}
	| {readonly type: 'follow'}
	| {readonly type: 'start-filter'}
	| {readonly type: 'filter-input'; readonly text: string}
	| {readonly type: 'filter-backspace'}
	| {readonly type: 'finish-filter'}
	| {readonly type: 'clear-filter'}
	| {readonly type: 'toggle-heartbeats'}
	| {readonly type: 'notice'; readonly text: Notice; readonly at: number};

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
	switch (action.type) {
		case 'toggle-help': {
			return {...state, overlay: state.overlay === 'help' ? 'none' : 'help'};
		}

		case 'close-overlay': {
			return {...state, overlay: 'none'};
		}

		case 'show-frame': {
			return action.seq === null ? state : {...state, overlay: 'frame', follow: false, selectedSeq: action.seq, detailOffset: 0};
		}

		case 'scroll-detail': {
			return {...state, detailOffset: Math.max(0, Math.min(action.max, state.detailOffset + action.by))};
		}

		case 'toggle-follow': {
			return state.follow
				? {...state, follow: false, selectedSeq: action.newestSeq}
				: {...state, follow: true, selectedSeq: null};
		}

		case 'follow': {
			return {...state, follow: true, selectedSeq: null};
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

		case 'start-filter': {
			return {...state, editingFilter: true};
		}

		case 'filter-input': {
			return {...state, filter: (state.filter + action.text).slice(0, 80)};
		}

		case 'filter-backspace': {
			return {...state, filter: state.filter.slice(0, -1)};
		}

		case 'finish-filter': {
			return {...state, editingFilter: false};
		}

		case 'clear-filter': {
			return {...state, filter: '', editingFilter: false};
		}

		case 'toggle-heartbeats': {
			return {...state, hideHeartbeats: !state.hideHeartbeats};
		}

		case 'notice': {
			return {...state, notice: {text: action.text, at: action.at}};
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
