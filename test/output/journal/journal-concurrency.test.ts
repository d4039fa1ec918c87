import {spawn} from 'node:child_process';
import {mkdtemp, readdir, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {expect, it} from 'vitest';

const script = fileURLToPath(new URL('fixtures/append-lines.ts', import.meta.url));
const linesEach = 10_000;

async function appender(directory: string, tag: string): Promise<{code: number | null; stdout: string; stderr: string}> {
	const child = spawn(process.execPath, ['--import', 'tsx', script, directory, tag, String(linesEach)], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Uint8Array) => {
		stdout += String(chunk);
	});
	child.stderr.on('data', (chunk: Uint8Array) => {
		stderr += String(chunk);
	});
	const code = await new Promise<number | null>(resolve => {
		child.on('exit', resolve);
	});
	return {code, stdout, stderr};
}

it('takes 10,000 lines each from two processes appending to one journal at once, and tears none', async () => {
	const directory = await mkdtemp(join(tmpdir(), 'c2c-status-journal-race-'));
	const results = await Promise.all([appender(directory, 'a'), appender(directory, 'b')]);
	for (const result of results) {
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
	}

	// One file, or two if the run crossed midnight UTC.
	const names = (await readdir(directory)).sort();
	const text = (await Promise.all(names.map(async name => readFile(join(directory, name), 'utf8')))).join('');
	expect(text.endsWith('\n')).toBe(true);
	const lines = text.slice(0, -1).split('\n');
	expect(lines).toHaveLength(2 * linesEach);
	const seen = {a: [] as number[], b: [] as number[]};
	let switches = 0;
	let previous = '';
	for (const line of lines) {
		const {tag, seq, padding} = JSON.parse(line) as {tag: 'a' | 'b'; seq: number; padding: string};
		expect(padding).toHaveLength((seq * 37) % 8300);
		seen[tag].push(seq);
		switches += tag === previous ? 0 : 1;
		previous = tag;
	}

	const inOrder = Array.from({length: linesEach}, (_, seq) => seq);
	expect(seen.a).toEqual(inOrder);
	expect(seen.b).toEqual(inOrder);
	// The two really wrote at the same time: their lines are interleaved, not one block after the other.
	expect(switches).toBeGreaterThan(2);
}, 120_000);
