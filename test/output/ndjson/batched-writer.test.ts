import {type Buffer} from 'node:buffer';
import {PassThrough} from 'node:stream';
import {setImmediate as nextTurn} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {BatchedWriter} from '../../../source/output/ndjson/batched-writer.js';
import {serialize} from '../../../source/output/ndjson/ndjson-writer.js';
import {createRedactor} from '../../../source/core/token/redact.js';

function sink() {
	const out = new PassThrough();
	const writes: string[] = [];
	out.on('data', (chunk: Buffer) => writes.push(chunk.toString()));
	return {out, writes};
}

describe('BatchedWriter', () => {
	it('writes everything written in one turn of the event loop as one write, in order', async () => {
		const {out, writes} = sink();
		const writer = new BatchedWriter(out);
		for (let line = 0; line < 1000; line++) {
			writer.write(`${line}\n`);
		}

		expect(writes).toEqual([]);
		await nextTurn();
		await nextTurn();
		expect(writes).toHaveLength(1);
		expect(writes[0]!.split('\n').slice(0, -1).map(Number)).toEqual(Array.from({length: 1000}, (_, line) => line));
	});

	it('writes at once on flush() and when a batch grows large, and nothing once the stream has ended', async () => {
		const {out, writes} = sink();
		const writer = new BatchedWriter(out);
		writer.write('a\n');
		writer.flush();
		expect(writes).toEqual(['a\n']);
		writer.write('x'.repeat(300 * 1024));
		expect(writes).toHaveLength(2);
		out.end();
		writer.write('late\n');
		await nextTurn();
		expect(writes.join('')).not.toContain('late');
	});
});

describe('serialize', () => {
	it('keeps a line JSON and free of a secret that holds JSON\'s own characters', () => {
		const secret = String.raw`se"cr\et`;
		const redact = createRedactor(() => [secret]);
		const line = {time: 't', type: 'error', message: `echoed ${secret} back`, payload: {[secret]: [secret]}};
		const text = serialize(line, redact);
		expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
		expect(JSON.parse(text)).toEqual({time: 't', type: 'error', message: 'echoed [redacted] back', payload: {'[redacted]': ['[redacted]']}});
	});

	it('leaves a line without secrets exactly as JSON.stringify writes it', () => {
		const line = {time: 't', type: 'frame', payload: {a: 'b', n: 1}};
		expect(serialize(line, createRedactor(() => ['zzz-secret']))).toBe(JSON.stringify(line));
	});
});
