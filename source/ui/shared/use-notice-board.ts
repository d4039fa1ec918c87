import {useSyncExternalStore} from 'react';
import type {BoardNotice, NoticeBoard} from './notice-board.js';

const none: readonly string[] = [];
const noBoard = {subscribe: () => () => undefined, getSnapshot: () => null, getStanding: () => none};

/** The board's newest notice (null without a board, or before the first). */
export default function useNoticeBoard(board: NoticeBoard | undefined): BoardNotice | null {
	const source = board ?? noBoard;
	return useSyncExternalStore(source.subscribe, source.getSnapshot);
}

/** What the run announced for good (where the metrics are served), for the help; empty without a board. */
export function useStandingNotices(board: NoticeBoard | undefined): readonly string[] {
	const source = board ?? noBoard;
	return useSyncExternalStore(source.subscribe, source.getStanding);
}
