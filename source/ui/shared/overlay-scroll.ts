/** The part of an overlay's lines on screen, and what its title says about scrolling. */
export type ScrollWindow = {
	readonly start: number;
	readonly end: number;
	/** "Up/Down: lines 1-10 of 15" when not everything fits, so a person knows there is more. */
	readonly fact: string | undefined;
};

/** How far an overlay of `total` lines can scroll with `room` lines on screen. */
export function maxScrollOffset(total: number, room: number): number {
	return Math.max(0, total - room);
}

export function scrollWindow(total: number, room: number, offset: number): ScrollWindow {
	const start = Math.max(0, Math.min(offset, maxScrollOffset(total, room)));
	const end = Math.min(total, start + room);
	return {start, end, fact: total > room ? `Up/Down: lines ${start + 1}-${end} of ${total}` : undefined};
}
