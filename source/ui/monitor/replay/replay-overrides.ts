import type {Key} from 'ink';
import type {ReactNode} from 'react';
import type {KeyBinding} from '../../shared/keymap.js';
import type {TimelineScope} from '../timeline/use-timeline.js';
import type {KeyCommands} from '../use-keys.js';
import type {ViewState} from '../view-state.js';

/** What the view takes from a replay, or from the live device. */
export type ViewSource = Pick<ReplayOverrides, 'bindings' | 'commands'> & {
	readonly now: number;
	readonly title: ReactNode;
	readonly intercept: ReplayOverrides['intercept'] | undefined;
	readonly timeline: TimelineScope | undefined;
};

/** What a replay changes in the live view (App): its title, clock, keys and timeline. */
export type ReplayOverrides = {
	readonly title: ReactNode;
	/** The view's now: the replay's cursor, not the clock. */
	readonly at: number;
	/** For the footer and the help. */
	readonly bindings: ReadonlyArray<KeyBinding<string>>;
	readonly commands: Pick<KeyCommands, 'refresh' | 'reconnect'>;
	/** The replay's own keys, tried before the view's; true when the key was one. */
	readonly intercept: (input: string, key: Key, view: ViewState) => boolean;
	readonly timeline: TimelineScope;
};

/** The replay's title, clock, keys and timeline when there is one; else the live view's own. */
export function viewSource(replay: ReplayOverrides | undefined, live: Omit<ViewSource, 'intercept' | 'timeline'>): ViewSource {
	return replay
		? {now: replay.at, title: replay.title, bindings: replay.bindings, commands: replay.commands, intercept: replay.intercept, timeline: replay.timeline}
		: {...live, intercept: undefined, timeline: undefined};
}
