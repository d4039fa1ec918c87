export type ColumnKey = 'name' | 'project' | 'paused' | 'connected' | 'socket' | 'rtt' | 'token' | 'event' | 'today';

type ColumnSpec = {
	readonly header: string;
	/** Narrowest it may be cut to (its wordings shorten first); never below what it needs when that is less. */
	readonly min: number;
	/** Wide enough to read well: a less important column comes in only when the more important ones can have this. */
	readonly comfort: number;
	/** Widest it grows to, however long its longest value. */
	readonly max: number;
};

const whole = Number.POSITIVE_INFINITY;

export const columnSpecs: Readonly<Record<ColumnKey, ColumnSpec>> = {
	name: {header: 'Device', min: 8, comfort: 12, max: 24},
	project: {header: 'Project', min: 8, comfort: 10, max: 20},
	// Paused, Connected and the round trip are short and never cut: "? unknown" must read whole. Their
	// max is the widest value they can have, which is what the choice of columns counts on.
	paused: {header: 'Paused', min: whole, comfort: whole, max: 9},
	connected: {header: 'Connected', min: whole, comfort: whole, max: 9},
	// Wide enough for "✖ not joined" and "✖ rejected".
	socket: {header: 'Socket', min: 12, comfort: 12, max: 32},
	// Up to "12345 ms".
	rtt: {header: 'RTT', min: whole, comfort: whole, max: 8},
	// Wide enough for "exp 7h 49m" and "✖ re-pair".
	token: {header: 'Token', min: 10, comfort: 10, max: 18},
	// "<what> · <age> ago": at least "p… · 2m 03s ago" (the what is cut, never the age); "resumed · 2m 03s ago" reads well.
	event: {header: 'Last event', min: 15, comfort: 20, max: 44},
	// From the journal: "98.7% ‖2" (connected today, paused twice), at least the share.
	today: {header: 'Today', min: 5, comfort: 8, max: 10},
};

/** Left to right on screen. */
export const screenOrder: readonly ColumnKey[] = ['name', 'project', 'paused', 'connected', 'socket', 'rtt', 'token', 'event', 'today'];
/** Most important first: columns are kept, and grow, in this order; the first `essential` are never dropped. */
export const keepOrder: readonly ColumnKey[] = ['name', 'paused', 'connected', 'socket', 'token', 'event', 'today', 'project', 'rtt'];
const essential = 4;
/** Past comfortable, the width left goes to the columns whose longer wordings say most. */
const growOrder: readonly ColumnKey[] = ['name', 'token', 'event', 'project', 'socket'];

/** Cells between two columns. */
export const columnGap = 2;

export type PlacedColumn = {readonly key: ColumnKey; readonly width: number};

/** How wide each column would like to be; "today" only with a journal (without one it has nothing to say, and is left out). */
export type NaturalWidths = Readonly<Record<Exclude<ColumnKey, 'today'>, number> & {readonly today?: number}>;

/**
The columns that fit in `width` cells, given how wide each would like to be (its header and longest
value), in screen order. Which columns are shown depends on the width and the devices' names alone,
never on what the other cells say at the moment: otherwise a socket going from "joined" to "not joined,
retry in 3s" would push Project out, and its coming back bring Project in again. Columns come in most
important first: the next one only while it fits at its least beside the ones before it at a
comfortable width, each counted as wide as its values can ever need (see planned), so a readable Last
event beats a cramped Project. The width left then widens the kept columns, now by what they hold: to
comfortable, most important first, then to what they would like (the token's and the last event's
fuller wordings before the socket's).
*/
export function placeColumns(natural: NaturalWidths, width: number): PlacedColumn[] {
	const wanted = (key: ColumnKey) => Math.min(natural[key] ?? 0, columnSpecs[key].max);
	const least = (key: ColumnKey) => Math.min(columnSpecs[key].min, wanted(key));
	const comfortable = (key: ColumnKey) => Math.min(columnSpecs[key].comfort, wanted(key));
	const kept: ColumnKey[] = [];
	let comfort = -columnGap;
	for (const [index, key] of keepOrder.filter(key => natural[key] !== undefined).entries()) {
		if (index >= essential && comfort + columnGap + planned(key, 'min', natural.name) > width) {
			break;
		}

		kept.push(key);
		comfort += columnGap + planned(key, 'comfort', natural.name);
	}

	const widths = new Map(kept.map(key => [key, least(key)]));
	let spare = width - kept.reduce((sum, key) => sum + columnGap + least(key), -columnGap);
	const grow = (key: ColumnKey, target: number) => {
		const current = widths.get(key);
		if (current !== undefined) {
			const more = Math.max(0, Math.min(spare, target - current));
			widths.set(key, current + more);
			spare -= more;
		}
	};

	for (const key of kept) {
		grow(key, comfortable(key));
	}

	for (const key of growOrder) {
		grow(key, wanted(key));
	}

	return screenOrder.filter(key => widths.has(key)).map(key => ({key, width: widths.get(key)!}));
}

/**
How wide a column counts as, when choosing the columns: the names' width for the device column (the
names are fixed by the config), else a width fixed by the column's spec that any of its values fits
in (its max, for the columns that are never cut). It is never less than the column will take.
*/
function planned(key: ColumnKey, size: 'min' | 'comfort', nameWidth: number): number {
	const spec = columnSpecs[key];
	if (key === 'name') {
		return Math.min(spec[size], spec.max, nameWidth);
	}

	return spec[size] === whole ? spec.max : spec[size];
}
