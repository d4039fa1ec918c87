import type {SizeCheck} from '../shared/layout.js';

/** The smallest terminal the fleet table draws in: the four columns that matter, and one device. */
export const fleetMinimum = {columns: 50, rows: 6} as const;

export type FleetLayout = {
	readonly kind: 'table';
	/** Cells a line may take (one short of the terminal, as the monitor view draws). */
	readonly width: number;
	/** Lines between the summary and the footer: the table (its header and devices) or the help. */
	readonly bodyRows: number;
	/** Device rows on screen. */
	readonly deviceRows: number;
};

/** Summary, body, footer: rows − 1 lines in all, since Ink 6 clears the screen once its output reaches the terminal's height. */
export function fleetLayout(columns: number, rows: number): FleetLayout | SizeCheck {
	if (columns < fleetMinimum.columns || rows < fleetMinimum.rows) {
		return {kind: 'too-small', columns, rows};
	}

	const bodyRows = rows - 1 - 1 - 1;
	return {kind: 'table', width: columns - 1, bodyRows, deviceRows: bodyRows - 1};
}
