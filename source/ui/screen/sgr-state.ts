/** The text attributes in effect at a point of a line, as the SGR codes (ESC [ … m) before it leave them. */
export type SgrState = {
	readonly fg: string | undefined;
	readonly bg: string | undefined;
	readonly bold: boolean;
	readonly dim: boolean;
	readonly italic: boolean;
	readonly underline: boolean;
	readonly inverse: boolean;
	readonly strike: boolean;
};

export const plainState: SgrState = {fg: undefined, bg: undefined, bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false};

/** The state after one SGR sequence's parameters (`32`, `1;4`, `38;5;208`, `` for a reset). */
export function applySgr(state: SgrState, parameters: string): SgrState {
	const codes = parameters === '' ? [0] : parameters.split(/[;:]/).map(Number);
	let next = state;
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index]!;
		if (code === 38 || code === 48) {
			// An extended colour takes the codes after it: 5;n or 2;r;g;b.
			const length = codes[index + 1] === 5 ? 2 : 4;
			const colour = codes.slice(index, index + 1 + length).join(';');
			next = code === 38 ? {...next, fg: colour} : {...next, bg: colour};
			index += length;
			continue;
		}

		next = applyCode(next, code);
	}

	return next;
}

const flags: Readonly<Record<number, readonly [keyof SgrState, boolean]>> = {
	1: ['bold', true], 2: ['dim', true], 3: ['italic', true], 4: ['underline', true], 7: ['inverse', true], 9: ['strike', true],
	23: ['italic', false], 24: ['underline', false], 27: ['inverse', false], 29: ['strike', false],
};

function applyCode(state: SgrState, code: number): SgrState {
	if (code === 0) {
		return plainState;
	}

	if (code === 22) {
		return {...state, bold: false, dim: false};
	}

	const flag = flags[code];
	if (flag) {
		return {...state, [flag[0]]: flag[1]};
	}

	if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
		return {...state, fg: String(code)};
	}

	if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
		return {...state, bg: String(code)};
	}

	if (code === 39) {
		return {...state, fg: undefined};
	}

	return code === 49 ? {...state, bg: undefined} : state;
}

/** One SGR sequence that sets exactly this state from a plain one (empty for the plain state). */
export function sgrFor(state: SgrState): string {
	const codes = [
		state.bold ? '1' : '',
		state.dim ? '2' : '',
		state.italic ? '3' : '',
		state.underline ? '4' : '',
		state.inverse ? '7' : '',
		state.strike ? '9' : '',
		state.fg ?? '',
		state.bg ?? '',
	].filter(Boolean);
	return codes.length === 0 ? '' : `\u001B[${codes.join(';')}m`;
}

export function sameState(a: SgrState, b: SgrState): boolean {
	return a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic
		&& a.underline === b.underline && a.inverse === b.inverse && a.strike === b.strike;
}
