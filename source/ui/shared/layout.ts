/** The smallest terminal the monitor draws in; below it, one "terminal too small" line. */
export const minimumSize = {columns: 50, rows: 16} as const;
/** From this width the Identity and Socket panels sit side by side. */
export const wideColumns = 80;

export type Layout = {
	readonly kind: 'wide' | 'narrow';
	readonly columns: number;
	readonly rows: number;
	/** Lines under the raw status in the headline (0 or 1). */
	readonly statusDetail: number;
	/** Alert lines above the headline (pairing needed, credentials not saved, state not writable). */
	readonly alertLines: number;
	/** Body lines of the Identity and Socket panels (each also has a title line). */
	readonly panelLines: number;
	/** The history strip under the headline (0 or 1): with a journal, when there is room. */
	readonly strip: number;
	/** Sparkline under the Health title (0 or 1). */
	readonly sparkline: number;
	/** Frames shown in the traffic log (it also has a title line). */
	readonly trafficRows: number;
	/** Lines an overlay (help, frame details) may use in place of the panels. */
	readonly overlayRows: number;
};

export type SizeCheck = {readonly kind: 'too-small'; readonly columns: number; readonly rows: number};

/**
Splits the terminal into fixed row budgets. Everything drawn adds up to rows − 1 at most: Ink 6 clears
the whole screen on every frame once its output reaches the terminal's height. Each of `alerts` wants
a line above the headline: the first takes the raw status's line, the others the traffic log's, which
keeps one row at least (AlertLines then says the rest on its last line).
*/
export function computeLayout(columns: number, rows: number, alerts = 0, options: {readonly strip?: boolean} = {}): Layout | SizeCheck {
	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return {kind: 'too-small', columns, rows};
	}

	const wide = columns >= wideColumns && rows >= 20;
	const roomy = rows >= 20;
	const title = 1;
	const footer = 1;
	const detailWanted = roomy ? 1 : 0;
	const statusDetail = alerts > 0 ? 0 : detailWanted;
	const panelLines = wide ? (rows >= 24 ? 5 : 4) : 2;
	// Wide: one title line above the two side-by-side panels; narrow: a title line each.
	const panels = wide ? 1 + panelLines : 2 * (1 + panelLines);
	const sparkline = roomy ? 1 : 0;
	const health = 1 + sparkline;
	const strip = roomy && options.strip ? 1 : 0;
	const trafficWithoutAlerts = rows - 1 - (title + 2 + detailWanted + strip + panels + health + 1 + footer);
	const alertLines = Math.min(alerts, detailWanted + trafficWithoutAlerts - 1);
	const status = 2 + statusDetail + alertLines;
	const fixed = title + status + strip + panels + health + 1 + footer;
	return {
		kind: wide ? 'wide' : 'narrow',
		columns,
		rows,
		statusDetail,
		alertLines,
		strip,
		panelLines,
		sparkline,
		trafficRows: rows - 1 - fixed,
		overlayRows: rows - 1 - title - status - footer,
	};
}
