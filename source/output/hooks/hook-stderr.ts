import {Buffer} from 'node:buffer';
import type {Readable} from 'node:stream';
import {printable, sanitize} from '../../text/sanitize.js';

/** Enough of stderr for its first line; the rest is read and dropped, so the hook never blocks on a full pipe. */
const stderrCap = 4096;
/** Once the group is over, how long the end of stderr may take (a daemon that left the group may hold it open). */
const stderrGraceMs = 250;

/**
Collects the start of a hook's stderr and gives its first non-blank line, without escape sequences or
control characters and at most 80 characters: enough to say why a hook failed (`curl: (6) Could not
resolve host`) in an NDJSON line or a footer notice.
*/
export function stderrHead(stream: Readable): {firstLine(): Promise<string>} {
	const chunks: Buffer[] = [];
	let size = 0;
	const closed = new Promise<void>(resolve => {
		stream.once('close', resolve);
	});
	// A read error only ends what there is to read.
	stream.on('error', () => undefined);
	stream.on('data', (chunk: Buffer) => {
		if (size < stderrCap) {
			chunks.push(chunk.subarray(0, stderrCap - size));
			size += Math.min(chunk.length, stderrCap - size);
		}
	});
	return {
		async firstLine() {
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([closed, new Promise(resolve => {
				timer = setTimeout(resolve, stderrGraceMs);
			})]);
			clearTimeout(timer);
			stream.destroy();
			const text = Buffer.concat(chunks).toString('utf8');
			const line = text.split(/[\r\n]+/).map(part => sanitize(part).trim()).find(part => part !== '') ?? '';
			return printable(line, 80);
		},
	};
}
