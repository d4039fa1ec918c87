import {useSyncExternalStore} from 'react';
import type {BoardNotice, NoticeBoard} from './notice-board.js';

const noBoard = {subscribe: () => () => undefined, getSnapshot: () => null};

/** The board's newest notice (null without a board, or before the first). */
export default function useNoticeBoard(board: NoticeBoard | undefined): BoardNotice | null {
	const source = board ?? noBoard;
	return useSyncExternalStore(source.subscribe, source.getSnapshot);
}
