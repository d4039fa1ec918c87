import {useEffect, useState} from 'react';

/**
The current time, updated once a second on the second: enough for "12s ago" and countdowns, and
the only redraw the view makes when nothing else changes. A render between two ticks (a snapshot came
in) reads the clock again: the time of the last tick would be older than what the snapshot says
happened ("checked 0s ago, next in 11s" with checks every 10 s).
*/
export default function useNow(now: () => number = Date.now): number {
	const [time, setTime] = useState(now);
	useEffect(() => {
		let timer: NodeJS.Timeout;
		const tick = () => {
			const current = now();
			setTime(current);
			timer = setTimeout(tick, 1000 - (current % 1000));
		};

		timer = setTimeout(tick, 1000 - (now() % 1000));
		return () => {
			clearTimeout(timer);
		};
	}, [now]);
	return Math.max(time, now());
}
