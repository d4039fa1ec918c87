/** Something to draw that takes `height` lines; priority 0 is always kept, higher numbers go first. */
export type Fittable<Key extends string> = {readonly key: Key; readonly height: number; readonly priority: number};

/**
The keys of the items to draw in `budget` lines: the least important (highest priority number, the
later one of a tie) are left out until the rest fit. Items of priority 0 stay even when they do not
fit: the caller's box cuts them rather than losing what must be said.
*/
export function keepByPriority<Key extends string>(items: ReadonlyArray<Fittable<Key>>, budget: number): Set<Key> {
	const kept = new Set(items.map(item => item.key));
	let used = items.reduce((sum, item) => sum + item.height, 0);
	const droppable = items
		.map((item, index) => ({item, index}))
		.filter(({item}) => item.priority > 0)
		.sort((a, b) => (b.item.priority - a.item.priority) || (b.index - a.index));
	for (const {item} of droppable) {
		if (used <= budget) {
			break;
		}

		kept.delete(item.key);
		used -= item.height;
	}

	return kept;
}

/** Lines the kept items take. */
export function keptHeight<Key extends string>(items: ReadonlyArray<Fittable<Key>>, kept: ReadonlySet<Key>): number {
	return items.filter(item => kept.has(item.key)).reduce((sum, item) => sum + item.height, 0);
}
