import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import Output from '../../../source/ui/screen/ink-output.js';
import widestLine from '../../../source/ui/screen/ink-widest-line.js';

/*
The bundle draws with these two in place of Ink's own (scripts/bundle.js). Ink's own are loaded from
its build folder (its package exports only its index) and given the same frames.
*/
const inkBuild = new URL('.', pathToFileURL(createRequire(import.meta.url).resolve('ink')));
const {default: InkOutput} = await import(new URL('output.js', inkBuild).href) as {default: typeof Output};
const {default: inkWidestLine} = await import(pathToFileURL(createRequire(new URL('index.js', inkBuild)).resolve('widest-line')).href) as {default: (text: string) => number};

type Transformer = (line: string, index: number) => string;
type Operation =
	| {readonly type: 'write'; readonly x: number; readonly y: number; readonly text: string; readonly transformers: readonly Transformer[]}
	| {readonly type: 'clip'; readonly clip: {x1: number | undefined; x2: number | undefined; y1: number | undefined; y2: number | undefined}}
	| {readonly type: 'unclip'};
type Frame = {readonly width: number; readonly height: number; readonly operations: readonly Operation[]};

function draw(Kind: typeof Output, frame: Frame): {output: string; height: number} {
	const output = new Kind({width: frame.width, height: frame.height});
	for (const operation of frame.operations) {
		if (operation.type === 'write') {
			output.write(operation.x, operation.y, operation.text, {transformers: [...operation.transformers]});
		} else if (operation.type === 'clip') {
			output.clip(operation.clip);
		} else {
			output.unclip();
		}
	}

	return output.get();
}

const red = (text: string) => `\u001B[31m${text}\u001B[39m`;
const bold = (text: string) => `\u001B[1m${text}\u001B[22m`;
const inverse = (text: string) => `\u001B[7m${text}\u001B[27m`;
const dim = (text: string) => `\u001B[2m${text}\u001B[22m`;
const write = (x: number, y: number, text: string, transformers: readonly Transformer[] = []): Operation => ({type: 'write', x, y, text, transformers});
const clip = (x1: number | undefined, x2: number | undefined, y1: number | undefined, y2: number | undefined): Operation => ({type: 'clip', clip: {x1, x2, y1, y2}});
const unclip: Operation = {type: 'unclip'};

/** A small seeded generator, so a failure can be run again. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = ((state * 1_103_515_245) + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

const pieces = ['Paused: no', ' · ', '─'.repeat(12), '日本語', '✔️ ok', '👩‍💻', 'e\u0301', 'devices:a7e95254', '‖', '→ 10:00:01', '', 'x'];
const styles = [(text: string) => text, red, bold, inverse, dim, (text: string) => red(bold(text))];

/** A frame like the view's: lines of styled pieces, some on top of others, a few clipped, moved or transformed; a frame is often much like the one before. */
function randomFrames(count: number, seed: number): Frame[] {
	const next = random(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
	const line = () => Array.from({length: 1 + Math.floor(next() * 5)}, () => pick(styles)(pick(pieces))).join('');
	const frames: Frame[] = [];
	let operations: Operation[] = [];
	let width = 40;
	for (let index = 0; index < count; index++) {
		if (next() < 0.05) {
			width = pick([20, 40, 41, 60]);
		}

		operations = operations.filter(() => next() > 0.15);
		for (let added = Math.floor(next() * 6); added > 0; added--) {
			const roll = next();
			if (roll < 0.1) {
				const clipped = write(Math.floor(next() * 30) - 2, Math.floor(next() * 12) - 1, `${line()}\n${line()}`);
				operations.push(clip(pick([undefined, 3, 10]), pick([undefined, 25, 38]), pick([undefined, 1, 4]), pick([undefined, 6, 9])), clipped, unclip);
			} else if (roll < 0.2) {
				operations.push(write(Math.floor(next() * 30), Math.floor(next() * 10), `${line()}\n${line()}\n${line()}`, [(text, at) => `${at}${text.toUpperCase()}`]));
			} else {
				operations.push(write(Math.floor(next() * 45), Math.floor(next() * 11), line()));
			}
		}

		frames.push({width, height: 10, operations: [...operations]});
	}

	return frames;
}

describe('Ink\'s Output, remembering the last frame (ink-output.ts)', () => {
	it('draws every frame as Ink\'s own Output does, frame after frame', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			for (const [index, frame] of randomFrames(150, seed).entries()) {
				expect(draw(Output, frame), `seed ${seed}, frame ${index}`).toEqual(draw(InkOutput, frame));
			}
		}
	});

	it('draws over a wide character, past the right edge, off the grid and inside nested clips as Ink does', () => {
		const nested = (text: string) => [clip(2, 9, 0, 3), clip(4, 20, undefined, undefined), write(0, 0, text), unclip, write(0, 2, '─'.repeat(14)), unclip];
		const frames: Frame[] = [
			{width: 12, height: 4, operations: [write(0, 0, red('日本語日本語')), write(3, 0, 'x'), write(10, 1, bold('overflowing')), write(2, -1, 'above\nfirst')]},
			{width: 12, height: 4, operations: [write(0, 0, red('日本語日本語')), write(3, 0, 'y'), write(10, 1, bold('overflowing')), write(2, 5, 'below')]},
			{width: 12, height: 4, operations: [...nested('abcdefghijkl\nmnopqrstuvwx')]},
			{width: 12, height: 4, operations: [...nested('abcdefghijkl\nmnopqrstuvwX'), write(0, 3, '')]},
			{width: 13, height: 4, operations: [write(0, 0, red('日本語日本語')), write(3, 0, 'x')]},
		];
		for (const frame of frames) {
			expect(draw(Output, frame)).toEqual(draw(InkOutput, frame));
		}
	});

	it('gives the same frame again for the same writes, and a new one as soon as one write differs', () => {
		const frame = (age: string): Frame => ({width: 30, height: 3, operations: [write(0, 0, bold('── Health')), write(0, 1, dim(`checked ${age} ago`)), write(15, 1, red('next'))]});
		expect(draw(Output, frame('3s'))).toEqual(draw(InkOutput, frame('3s')));
		expect(draw(Output, frame('3s'))).toEqual(draw(InkOutput, frame('3s')));
		expect(draw(Output, frame('4s')).output).toContain('checked 4s ago');
		expect(draw(Output, frame('4s'))).toEqual(draw(InkOutput, frame('4s')));
	});
});

describe('widest-line, remembering what it measured (ink-widest-line.ts)', () => {
	it('measures as widest-line does, again and again', () => {
		for (const text of ['', 'plain', red('─── rule'), '日本語\nab', '✔️ ok\n👩‍💻 x\n', bold('e\u0301'), 'plain']) {
			expect(widestLine(text)).toBe(inkWidestLine(text));
			expect(widestLine(text)).toBe(inkWidestLine(text));
		}
	});
});
