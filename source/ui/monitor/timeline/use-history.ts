import {useSyncExternalStore} from 'react';
import type {DeviceHistory} from '../../../core/history/history-model.js';
import type {HistoryFeed} from '../../../core/history/history-feed.js';

const noFeed: HistoryFeed = {subscribe: () => () => undefined, getSnapshot: () => null};

/** The device's history from its feed (the journal's, or a replay's), or null when there is none. */
export default function useHistory(feed: HistoryFeed | undefined): DeviceHistory | null {
	const {subscribe, getSnapshot} = feed ?? noFeed;
	return useSyncExternalStore(subscribe, getSnapshot);
}
