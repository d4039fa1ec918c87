import {breakToWidth, displayWidth, wrapToWidth} from '../format/text-width.js';
import {bigDigitsWidth, bigDigitRows, canDrawBig} from './big-digits.js';
import {keepByPriority, keptHeight, type Fittable} from './fit-rows.js';

/** The parts of the waiting screen, in the order they are drawn. */
export type WaitingPiece = 'gap-top' | 'address' | 'how' | 'gap-code' | 'big' | 'code' | 'gap-status' | 'status' | 'polls' | 'error' | 'qr-hint';

/** The column beside a QR code is at least this wide, so the status lines are not cut to nothing. */
const columnMinimum = 30;
/** Cells between the column and the QR code. */
export const qrGap = 2;
/** Lines of the pairing screen around the body: the title above it, a blank line and the keys below. */
export const screenChromeRows = 3;

export type WaitingInput = {
	/** Cells and lines for the body, between the title and the keys line. */
	readonly width: number;
	readonly height: number;
	/** The code and the address as they will be drawn (made safe already). */
	readonly code: string;
	readonly address: string;
	readonly hasError: boolean;
	/** The QR code's lines, when the server sent an address with the code in it. */
	readonly qr: readonly string[] | undefined;
	/** --ascii: no QR code (its half blocks are not ASCII). */
	readonly ascii: boolean;
};

export type WaitingPlan = {
	readonly keep: ReadonlySet<WaitingPiece>;
	/** The address, broken to the width when it is longer ("Go to …"). */
	readonly addressLines: readonly string[];
	readonly howLines: readonly string[];
	/** Scale of the block digits (when `big` is kept). */
	readonly scale: 1 | 2;
	/** Whether the QR code is drawn beside the column; the column's width. */
	readonly qrShown: boolean;
	readonly columnWidth: number;
	/** Why there is no QR code and how to get one (when the server sent an address for it), wrapped to the width. */
	readonly qrHintLines: readonly string[];
};

/**
What the waiting screen shows in the room it has. What must be read to pair (the address, the code
in plain text, the countdown) always stays; the blank lines go first, then the hint about the QR
code, the line saying how, the poll count and the large digits. The QR code goes beside the rest
when both fit whole, and is left out (saying how to get it) otherwise.
*/
export function planWaiting(input: WaitingInput): WaitingPlan {
	const {qr} = input;
	if (qr !== undefined && !input.ascii) {
		const withQr = planBesideQr(input, qr);
		if (withQr) {
			return withQr;
		}
	}

	let qrHint: string | undefined;
	if (qr !== undefined) {
		qrHint = input.ascii ? 'QR code: not drawn with --ascii (run without it to get one)' : `QR code: needs a terminal of ${qrNeeds(input, qr)} or more`;
	}

	return planColumn(input, {width: input.width, height: input.height, qrHint, besideQr: false});
}

function planBesideQr(input: WaitingInput, qr: readonly string[]): WaitingPlan | undefined {
	const qrWidth = displayWidth(qr[0] ?? '');
	const columnWidth = input.width - qrGap - qrWidth;
	if (columnWidth < columnMinimum || columnWidth < bigDigitsWidth(input.code)) {
		return undefined;
	}

	const addressLines = breakToWidth(`Go to ${input.address}`, input.width);
	const howLines = wrapToWidth(howText(true), input.width);
	const header: Array<Fittable<WaitingPiece>> = [
		{key: 'gap-top', height: 1, priority: 9},
		{key: 'address', height: addressLines.length, priority: 0},
		{key: 'how', height: howLines.length, priority: 5},
	];
	const headerKeep = keepByPriority(header, input.height - qr.length);
	const headerHeight = keptHeight(header, headerKeep);
	if (headerHeight + qr.length > input.height) {
		return undefined;
	}

	const column = planColumn(input, {width: columnWidth, height: qr.length, qrHint: undefined, besideQr: true});
	return {...column, keep: new Set([...headerKeep, ...column.keep]), addressLines, howLines, qrShown: true, columnWidth};
}

type ColumnRoom = {
	readonly width: number;
	readonly height: number;
	readonly qrHint: string | undefined;
	/** Beside a QR code the address goes above both, not in the column. */
	readonly besideQr: boolean;
};

/** Everything in one column, or (beside a QR code) the part under the header. */
function planColumn(input: WaitingInput, {width, height, qrHint, besideQr}: ColumnRoom): WaitingPlan {
	const scale = bigDigitsWidth(input.code, 2) <= width ? 2 : 1;
	const bigFits = canDrawBig(input.code) && bigDigitsWidth(input.code, scale) <= width;
	const addressLines = breakToWidth(`Go to ${input.address}`, width);
	const howLines = wrapToWidth(howText(false), width);
	const hintLines = qrHint === undefined ? [] : wrapToWidth(qrHint, width);
	const header: Array<Fittable<WaitingPiece>> = [
		{key: 'gap-top', height: 1, priority: 9},
		{key: 'address', height: addressLines.length, priority: 0},
		{key: 'how', height: howLines.length, priority: 5},
	];
	const pieces: Array<Fittable<WaitingPiece>> = [
		...(besideQr ? [] : header),
		{key: 'gap-code', height: 1, priority: 8},
		...optional(bigFits, {key: 'big', height: bigDigitRows, priority: 3}),
		{key: 'code', height: 1, priority: 0},
		{key: 'gap-status', height: 1, priority: 7},
		{key: 'status', height: 1, priority: 0},
		{key: 'polls', height: 1, priority: 4},
		...optional(input.hasError, {key: 'error', height: 1, priority: 1}),
		...optional(hintLines.length > 0, {key: 'qr-hint', height: hintLines.length, priority: 6}),
	];
	return {
		keep: keepByPriority(pieces, height),
		addressLines,
		howLines,
		scale,
		qrShown: false,
		columnWidth: width,
		qrHintLines: hintLines,
	};
}

function optional(present: boolean, piece: Fittable<WaitingPiece>): Array<Fittable<WaitingPiece>> {
	return present ? [piece] : [];
}

function howText(qr: boolean): string {
	return qr ? 'on a phone or computer and enter this code, or scan the QR code:' : 'on a phone or computer and enter this code:';
}

/** The smallest terminal ("72x21") that shows the QR code beside the rest. */
function qrNeeds(input: WaitingInput, qr: readonly string[]): string {
	const qrWidth = displayWidth(qr[0] ?? '');
	const columns = Math.max(columnMinimum, bigDigitsWidth(input.code)) + qrGap + qrWidth + 1;
	const addressLines = breakToWidth(`Go to ${input.address}`, columns - 1).length;
	// The address and the QR code, the lines around them, and the line Ink must leave free.
	const rows = addressLines + qr.length + screenChromeRows + 1;
	return `${columns}x${rows}`;
}
