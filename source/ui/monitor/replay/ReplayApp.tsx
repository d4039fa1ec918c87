import {useMemo, useSyncExternalStore} from 'react';
import type {HistoryFeed} from '../../../core/history/history-feed.js';
import type {Replay} from '../../../core/replay/replay.js';
import App from '../App.js';
import type {TimelineScope} from '../timeline/use-timeline.js';
import ReplayTitle from './ReplayTitle.js';
import {notInReplay, replayKeyHandler, replayKeymap} from './replay-keys.js';

type Props = {
	readonly replay: Replay;
	readonly history: HistoryFeed;
	/** The recording's file name, for the title. */
	readonly file: string;
	readonly onQuit: () => void;
};

/**
A recording in the live view: the same App, fed by the replay instead of a monitor, its clock the
replay's cursor; the title says it is a replay, the replay's keys come before the view's, and `r` and
`c` say they act on a live device only.
*/
export default function ReplayApp({replay, history, file, onQuit}: Props) {
	const position = useSyncExternalStore(replay.subscribe, replay.getPosition);
	const intercept = useMemo(() => replayKeyHandler(replay), [replay]);
	const scope: TimelineScope = useMemo(() => ({span: 'the recording', summary: {from: position.start, to: position.at, label: 'recording'}}), [position.start, position.at]);
	const title = (
		<ReplayTitle
			file={file}
			state={{...position, atEnd: position.shown >= position.total && !position.playing}}
		/>
	);
	return (
		<App
			monitor={replay}
			history={history}
			replay={{title, at: position.at, bindings: replayKeymap, commands: notInReplay, intercept, timeline: scope}}
			now={replay.now}
			onQuit={onQuit}
		/>
	);
}
