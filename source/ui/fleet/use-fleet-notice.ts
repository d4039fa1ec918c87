import {useEffect, useState} from 'react';
import {freshNotice, type NoticeBoard} from '../shared/notice-board.js';
import useNoticeBoard from '../shared/use-notice-board.js';

/**
The board's newest notice while it is fresh. The footer redraws when one is posted and once more when
it goes stale, rather than with a tick every second.
*/
export default function useFleetNotice(board: NoticeBoard | undefined, now: () => number): string | undefined {
	const posted = useNoticeBoard(board);
	// Bumped when the notice should have gone stale: a redraw that looks again (and waits again, if not yet).
	const [looks, setLooks] = useState(0);
	const text = freshNotice(posted, now());
	useEffect(() => {
		if (posted === null || text === undefined) {
			return;
		}

		const timer = setTimeout(() => {
			setLooks(count => count + 1);
		}, Math.max(1, posted.at + posted.forMs - now()));
		return () => {
			clearTimeout(timer);
		};
	}, [posted, text, looks, now]);
	return text;
}
