/** A stretch of time, ms since the epoch, `from` included and `to` excluded. */
export type Interval = {readonly from: number; readonly to: number};

/** The union, sorted and disjoint; touching intervals are joined, empty ones dropped. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
	const sorted = list.filter(interval => interval.to > interval.from).sort((a, b) => a.from - b.from);
	const merged: Interval[] = [];
	for (const interval of sorted) {
		const last = merged.at(-1);
		if (last && interval.from <= last.to) {
			merged[merged.length - 1] = {from: last.from, to: Math.max(last.to, interval.to)};
		} else {
			merged.push(interval);
		}
	}

	return merged;
}

/** The parts of `list` inside `range`. */
export function clipIntervals(list: readonly Interval[], range: Interval): Interval[] {
	const clipped: Interval[] = [];
	for (const interval of list) {
		const from = Math.max(interval.from, range.from);
		const to = Math.min(interval.to, range.to);
		if (to > from) {
			clipped.push({from, to});
		}
	}

	return clipped;
}

/** Both at once: `a` and `b` sorted and disjoint each. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
	const result: Interval[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		const x = a[i]!;
		const y = b[j]!;
		const from = Math.max(x.from, y.from);
		const to = Math.min(x.to, y.to);
		if (to > from) {
			result.push({from, to});
		}

		if (x.to < y.to) {
			i++;
		} else {
			j++;
		}
	}

	return result;
}

/** The parts of `range` that no interval of `list` (sorted and disjoint) covers. */
export function gapsWithin(list: readonly Interval[], range: Interval): Interval[] {
	const gaps: Interval[] = [];
	let cursor = range.from;
	for (const interval of list) {
		if (interval.to <= cursor) {
			continue;
		}

		if (interval.from >= range.to) {
			break;
		}

		if (interval.from > cursor) {
			gaps.push({from: cursor, to: interval.from});
		}

		cursor = Math.max(cursor, interval.to);
	}

	if (cursor < range.to) {
		gaps.push({from: cursor, to: range.to});
	}

	return gaps;
}

/** Total length, within `range` when one is given (for intervals that do not overlap each other). */
export function measure(list: readonly Interval[], range?: Interval): number {
	let total = 0;
	for (const interval of range ? clipIntervals(list, range) : list) {
		total += interval.to - interval.from;
	}

	return total;
}

/** Whether any interval of `list` (sorted by `from`, disjoint) overlaps [from, to): a binary search. */
export function overlapsAny(list: readonly Interval[], from: number, to: number): boolean {
	let low = 0;
	let high = list.length;
	// The first interval that ends after `from`.
	while (low < high) {
		const middle = Math.floor((low + high) / 2);
		if (list[middle]!.to <= from) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	const candidate = list[low];
	return candidate !== undefined && candidate.from < to;
}
