import {describe, expect, it} from 'vitest';
import {frameUpdate} from '../../../source/ui/screen/screen-diff.js';
import {applySgr, plainState, sameState, sgrFor} from '../../../source/ui/screen/sgr-state.js';
import {VirtualTerminal} from '../../helpers/virtual-terminal.js';

function after(...sequences: string[]) {
	let state = plainState;
	for (const parameters of sequences) {
		state = applySgr(state, parameters);
	}

	return state;
}

describe('the SGR state of a cell', () => {
	it('takes 256-colour and truecolour foregrounds whole, with the codes after them', () => {
		expect(after('38;5;208')).toEqual({...plainState, fg: '38;5;208'});
		expect(after('38;2;255;128;0')).toEqual({...plainState, fg: '38;2;255;128;0'});
		expect(after('1;38;2;10;20;30;4')).toEqual({...plainState, fg: '38;2;10;20;30', bold: true, underline: true});
		// The colon form some programs write is read the same.
		expect(after('38:5:208')).toEqual({...plainState, fg: '38;5;208'});
		// A later colour replaces an earlier one, of any kind.
		expect(after('38;5;208', '32')).toEqual({...plainState, fg: '32'});
		expect(after('31', '38;2;1;2;3')).toEqual({...plainState, fg: '38;2;1;2;3'});
	});

	it('keeps backgrounds apart from foregrounds, in 16, 256 and true colours, and clears each alone', () => {
		expect(after('44')).toEqual({...plainState, bg: '44'});
		expect(after('103', '48;5;17')).toEqual({...plainState, bg: '48;5;17'});
		expect(after('31;48;2;0;0;128')).toEqual({...plainState, fg: '31', bg: '48;2;0;0;128'});
		expect(after('31;48;2;0;0;128', '39')).toEqual({...plainState, bg: '48;2;0;0;128'});
		expect(after('31;48;2;0;0;128', '49')).toEqual({...plainState, fg: '31'});
	});

	it('goes from bold to dim as a terminal does: 22 ends both, so bold then 22 then 2 is dim alone', () => {
		expect(after('1')).toEqual({...plainState, bold: true});
		expect(after('1', '2')).toEqual({...plainState, bold: true, dim: true});
		expect(after('1', '22', '2')).toEqual({...plainState, dim: true});
		expect(after('1;2', '22')).toEqual(plainState);
		expect(sgrFor(after('1', '2'))).toBe('\u001B[1;2m');
	});

	it('resets everything on 0 and on an empty SGR, and turns single attributes off with their own codes', () => {
		const busy = after('1;3;4;7;9;38;5;208;48;2;1;2;3');
		expect(after('1;3;4;7;9;38;5;208;48;2;1;2;3', '0')).toEqual(plainState);
		expect(applySgr(busy, '')).toEqual(plainState);
		expect(applySgr(busy, '23;24;27;29')).toEqual({...plainState, bold: true, fg: '38;5;208', bg: '48;2;1;2;3'});
		expect(sameState(applySgr(busy, '0;1'), after('1'))).toBe(true);
		expect(sgrFor(plainState)).toBe('');
	});

	it('draws cells as a terminal shows the SGR sequences Ink wrote, for every kind of attribute', async () => {
		const lines = [
			'\u001B[38;5;208morange\u001B[39m \u001B[38;2;10;200;30mtrue\u001B[39m plain',
			'\u001B[44mblue bg\u001B[49m \u001B[48;5;17m256 bg\u001B[49m \u001B[48;2;0;0;128m\u001B[97mtrue bg, white\u001B[39m\u001B[49m',
			'\u001B[1mbold\u001B[22m\u001B[2mdim\u001B[22m \u001B[1m\u001B[2mboth\u001B[22m \u001B[3;4mit-ul\u001B[23m-ul\u001B[24m \u001B[7minv\u001B[27m \u001B[9mstrike\u001B[29m',
			'\u001B[1;31mbold red\u001B[0m plain \u001B[32;1mgreen\u001B[m plain',
		];
		const raw = new VirtualTerminal(60, 5);
		raw.write(lines.map((line, row) => `\u001B[${row + 1};1H${line}\u001B[0m`).join(''));
		const drawn = new VirtualTerminal(60, 5);
		drawn.write(frameUpdate(undefined, lines));
		expect(await drawn.styledLines()).toEqual(await raw.styledLines());
		expect((await drawn.styledLines())[0]).toBe('{fg=208}orange{} {fg=#0ac81e}true{} plain');
		// And a change drawn over them, cell by cell, leaves the same as drawing the new frame afresh.
		const next = lines.map(line => line.replace('true', 'TRUE').replace('dim', 'DIM').replace('plain', 'PLAIN'));
		drawn.write(frameUpdate(lines, next));
		const fresh = new VirtualTerminal(60, 5);
		fresh.write(frameUpdate(undefined, next));
		expect(await drawn.styledLines()).toEqual(await fresh.styledLines());
	});
});
