import type {KeyAction} from '../shared/keymap.js';
import type {ViewAction, ViewState} from './view-state.js';

/** What a key needs to know of the screen to act on it. */
export type KeyContext = {
	/** Seqs of the frames the log shows, oldest first. */
	readonly visible: readonly number[];
	/** Rows a page moves: the log's, or an open overlay's. */
	readonly pageRows: number;
	/** How far the open overlay (help or frame detail) can scroll. */
	readonly overlayMaxOffset: number;
};

/** The keys that only change the view (quit, refresh and reconnect act on the monitor). */
export type ViewKeyAction = Exclude<KeyAction, 'quit' | 'refresh' | 'reconnect'>;

type Handler = (view: ViewState, context: KeyContext) => ViewAction;

/** In an open overlay the moving keys scroll it; over the log they move the selection. */
function moveOrScroll(by: (context: KeyContext) => number): Handler {
	return (view, context) => view.overlay === 'none'
		? {type: 'move', by: by(context), visible: context.visible}
		: {type: 'scroll-overlay', by: by(context), max: context.overlayMaxOffset};
}

const page = (context: KeyContext) => Math.max(1, context.pageRows - 1);

const handlers: Record<ViewKeyAction, Handler> = {
	help: () => ({type: 'toggle-help'}),
	timeline: () => ({type: 'toggle-timeline'}),
	escape(view) {
		if (view.overlay !== 'none') {
			return {type: 'close-overlay'};
		}

		return view.filter ? {type: 'clear-filter'} : {type: 'follow'};
	},
	'toggle-follow': (_view, context) => ({type: 'toggle-follow', newestSeq: context.visible.at(-1) ?? null}),
	up: moveOrScroll(() => -1),
	down: moveOrScroll(() => 1),
	'page-up': moveOrScroll(context => -page(context)),
	'page-down': moveOrScroll(context => page(context)),
	oldest: (view, context) => view.overlay === 'none'
		? {type: 'oldest', visible: context.visible}
		: {type: 'scroll-overlay', by: Number.NEGATIVE_INFINITY, max: context.overlayMaxOffset},
	// In an open overlay End means its end, not "follow the log" (which would lose the frame shown).
	newest: (view, context) => view.overlay === 'none'
		? {type: 'follow'}
		: {type: 'scroll-overlay', by: Number.POSITIVE_INFINITY, max: context.overlayMaxOffset},
	filter: () => ({type: 'start-filter'}),
	heartbeats: () => ({type: 'toggle-heartbeats'}),
	details(view, context) {
		if (view.overlay === 'frame') {
			return {type: 'close-overlay'};
		}

		return {type: 'show-frame', seq: view.follow || view.selectedSeq === null ? context.visible.at(-1) ?? null : view.selectedSeq};
	},
};

/** The view action for a key of the keymap, given the view as the previous key left it. */
export function viewActionFor(action: ViewKeyAction, view: ViewState, context: KeyContext): ViewAction {
	return handlers[action](view, context);
}
