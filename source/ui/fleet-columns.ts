export type ColumnKey = 'name' | 'project' | 'paused' | 'connected' | 'socket' | 'rtt' | 'token' | 'event';

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
	// Paused, Connected and the round trip are short and never cut: "? unknown" must read whole.
	paused: {header: 'Paused', min: whole, comfort: whole, max: 12},
	connected: {header: 'Connected', min: whole, comfort: whole, max: 12},
	// Wide enough for "✖ not joined" and "✖ rejected".
	socket: {header: 'Socket', min: 12, comfort: 12, max: 32},
	rtt: {header: 'RTT', min: whole, comfort: whole, max: 8},
	// Wide enough for "exp 7h 49m" and "✖ re-pair".
	token: {header: 'Token', min: 10, comfort: 10, max: 18},
	// "paused 2m 03s", "/health down 12m", "token rejected 20s".
	event: {header: 'Last event', min: 12, comfort: 20, max: 44},
};

/** Left to right on screen. */
export const screenOrder: readonly ColumnKey[] = ['name', 'project', 'paused', 'connected', 'socket', 'rtt', 'token', 'event'];
/** Most important first: columns are kept, and grow, in this order; the first `essential` are never dropped. */
export const keepOrder: readonly ColumnKey[] = ['name', 'paused', 'connected', 'socket', 'token', 'event', 'project', 'rtt'];
const essential = 4;
/** Past comfortable, the width left goes to the columns whose longer wordings say most. */
const growOrder: readonly ColumnKey[] = ['name', 'token', 'event', 'project', 'socket'];

/** Cells between two columns. */
export const columnGap = 2;

export type PlacedColumn = {readonly key: ColumnKey; readonly width: number};

/**
The columns that fit in `width` cells, given how wide each would like to be (its header and longest
value), in screen order. Columns come in most important first: the next one only while it fits at its
minimum beside the ones before it at a comfortable width, so a readable Last event beats a cramped
Project. The width left then widens the kept columns: to comfortable, most important first, then to
what they would like (the token's and the last event's fuller wordings before the socket's).
*/
export function placeColumns(natural: Readonly<Record<ColumnKey, number>>, width: number): PlacedColumn[] {
	const wanted = (key: ColumnKey) => Math.min(natural[key], columnSpecs[key].max);
	const least = (key: ColumnKey) => Math.min(columnSpecs[key].min, wanted(key));
	const comfortable = (key: ColumnKey) => Math.min(columnSpecs[key].comfort, wanted(key));
	const kept: ColumnKey[] = [];
	let comfort = -columnGap;
	for (const [index, key] of keepOrder.entries()) {
		if (index >= essential && comfort + columnGap + least(key) > width) {
			break;
		}

		kept.push(key);
		comfort += columnGap + comfortable(key);
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
