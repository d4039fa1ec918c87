import type {HistoryFeed} from '../history/history-feed.js';
import {buildHistory, type DeviceHistory} from '../history/history-model.js';
import {parseJournalLine, type JournalLine} from '../history/journal-line.js';
import type {Replay} from './replay.js';

/**
The history of a recording as of the replay's cursor, for the timeline strip and overlay: the same
model as the journal's, built from the recorded lines up to the cursor (its `now`). Built when asked,
once per line shown and second passed.
*/
export class ReplayHistory implements HistoryFeed {
	readonly #replay: Replay;
	readonly #lines: ReadonlyArray<{readonly shownAfter: number; readonly line: JournalLine}>;
	#key = '';
	#history: DeviceHistory | null = null;

	constructor(replay: Replay) {
		this.#replay = replay;
		this.#lines = replay.timeline.lines.flatMap((recorded, index) => {
			const line = parseJournalLine(recorded.text);
			return line === 'bad' || line === 'other' ? [] : [{shownAfter: index + 1, line}];
		});
	}

	readonly subscribe = (listener: () => void): (() => void) => this.#replay.subscribe(listener);

	readonly getSnapshot = (): DeviceHistory | null => {
		const {shown, at, skipped} = this.#replay.getPosition();
		const key = `${shown} ${Math.floor(at / 1000)}`;
		if (key !== this.#key) {
			this.#key = key;
			const lines = this.#lines.filter(entry => entry.shownAfter <= shown).map(entry => entry.line);
			this.#history = buildHistory(lines, {now: at, skippedLines: skipped});
		}

		return this.#history;
	};
}
