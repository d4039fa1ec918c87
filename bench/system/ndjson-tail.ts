import {Buffer} from 'node:buffer';
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {StringDecoder} from 'node:string_decoder';
import {sleep} from './processes.js';

/*
Follows a file that a monitor writes NDJSON into, as `tail -f` would: every `intervalMs` it reads
what was added (a stat and a read, nothing when nothing changed). A line is "seen" when the poll that
read it returns, so it is late by at most one interval.
*/

export type SeenLine = {readonly line: string; readonly at: number};

export class NdjsonTail {
	readonly #fd: number;
	#offset = 0;
	#partial = '';
	readonly #buffer = Buffer.alloc(4 * 1024 * 1024);
	readonly #decoder = new StringDecoder('utf8');
	#closed = false;

	constructor(readonly file: string) {
		this.#fd = openSync(file, 'r');
	}

	/** Bytes read so far. */
	get bytes(): number {
		return this.#offset;
	}

	/** Reads what was added; returns its complete lines. */
	read(): string[] {
		const lines: string[] = [];
		const {size} = fstatSync(this.#fd);
		while (this.#offset < size) {
			const count = readSync(this.#fd, this.#buffer, 0, Math.min(this.#buffer.length, size - this.#offset), this.#offset);
			if (count <= 0) {
				break;
			}

			this.#offset += count;
			const text = this.#partial + this.#decoder.write(this.#buffer.subarray(0, count));
			const parts = text.split('\n');
			this.#partial = parts.pop() ?? '';
			lines.push(...parts);
		}

		return lines;
	}

	/**
	The first line from now on (or not yet read) for which `match` holds. `prefilter` is a substring
	the line must contain before it is parsed at all (keeps the follower cheap during a flood).
	*/
	async waitFor(prefilter: string, match: (value: Record<string, unknown>) => boolean, options: {what: string; timeoutMs: number; intervalMs?: number}): Promise<SeenLine> {
		const {what, timeoutMs, intervalMs = 10} = options;
		const deadline = performance.now() + timeoutMs;
		let last = '';
		while (!this.#closed) {
			for (const line of this.read()) {
				if (line !== '') {
					last = line;
				}

				if (line.includes(prefilter) && match(JSON.parse(line) as Record<string, unknown>)) {
					return {line, at: performance.now()};
				}
			}

			if (performance.now() > deadline) {
				throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${this.file}; last line: ${last.slice(0, 400)}`);
			}

			await sleep(intervalMs);
		}

		throw new Error(`stopped following ${this.file} while waiting for ${what}`);
	}

	close(): void {
		if (!this.#closed) {
			this.#closed = true;
			closeSync(this.#fd);
		}
	}
}
