import {Buffer} from 'node:buffer';
import {closeSync, constants, fstatSync, openSync, readSync, type Stats} from 'node:fs';
import {open} from 'node:fs/promises';

/**
A file a person named (credentials, a token file, a client secret) is read only when it is a regular
file. A FIFO with no writer would otherwise block the open forever (in the main thread for a
synchronous open, in a libuv worker for an asynchronous one, which keeps the process from exiting),
and a device such as /dev/zero would never end. So the file is opened with O_NONBLOCK (an open that
cannot block: on a regular file the flag changes nothing), looked at with fstat, and refused unless
it is a regular file; at most `maxBytes` are read.
*/
export class NotRegularFileError extends Error {
	override name = 'NotRegularFileError';

	get code(): string {
		return 'ENOTREG';
	}

	/** @param kind What it is instead ("a directory", "a FIFO"). */
	constructor(readonly path: string, readonly kind: string) {
		super(`${path} is ${kind}, not a regular file`);
	}
}

export class FileTooLargeError extends Error {
	override name = 'FileTooLargeError';

	get code(): string {
		return 'ETOOLARGE';
	}

	constructor(readonly path: string, readonly maxBytes: number) {
		super(`${path} is larger than ${maxBytes} bytes`);
	}
}

/** Far more than any credentials, token or secret file (tests write 4 MB tokens): a bound against a runaway file, not a limit anyone meets. */
export const defaultMaxBytes = 64 * 1024 * 1024;

// eslint-disable-next-line no-bitwise -- open(2) flags are bits
const openFlags = constants.O_RDONLY | constants.O_NONBLOCK;

/** What a file that is not a regular file is, in words. */
export function fileKind(stats: Stats): string {
	if (stats.isDirectory()) {
		return 'a directory';
	}

	if (stats.isFIFO()) {
		return 'a FIFO (named pipe)';
	}

	if (stats.isSocket()) {
		return 'a socket';
	}

	if (stats.isCharacterDevice() || stats.isBlockDevice()) {
		return 'a device';
	}

	return stats.isFile() ? 'a regular file' : 'not a file';
}

/** The file's text (UTF-8); throws NotRegularFileError, FileTooLargeError, or the open's own error (ENOENT, EACCES …). */
export async function readRegularFile(path: string, maxBytes = defaultMaxBytes): Promise<string> {
	const handle = await open(path, openFlags);
	try {
		const stats = await handle.stat();
		if (!stats.isFile()) {
			throw new NotRegularFileError(path, fileKind(stats));
		}

		const text = new TextCollector(path, maxBytes, stats.size);
		for (;;) {
			const chunk = text.nextChunk();
			// eslint-disable-next-line no-await-in-loop -- one read after another
			const {bytesRead} = await handle.read(chunk, 0, chunk.length, null);
			if (text.took(chunk, bytesRead)) {
				return text.text();
			}
		}
	} finally {
		await handle.close();
	}
}

/**
The same, synchronously, for the few places that must decide before anything starts (which API the
credentials belong to): it cannot block either, since the open does not wait and nothing but a regular
file is read.
*/
export function readRegularFileSync(path: string, maxBytes = defaultMaxBytes): string {
	const fd = openSync(path, openFlags);
	try {
		const stats = fstatSync(fd);
		if (!stats.isFile()) {
			throw new NotRegularFileError(path, fileKind(stats));
		}

		const text = new TextCollector(path, maxBytes, stats.size);
		for (;;) {
			const chunk = text.nextChunk();
			if (text.took(chunk, readSync(fd, chunk, 0, chunk.length, null))) {
				return text.text();
			}
		}
	} finally {
		closeSync(fd);
	}
}

/** The chunks read so far, up to maxBytes (a FileTooLargeError beyond); the file may have grown since its fstat. */
class TextCollector {
	readonly #chunks: Buffer[] = [];
	#length = 0;

	constructor(readonly path: string, readonly maxBytes: number, readonly size: number) {}

	nextChunk(): Buffer {
		return Buffer.alloc(Math.min(Math.max(this.size, 4096), this.maxBytes) + 1);
	}

	/** Keeps what a read gave; true at the end of the file. */
	took(chunk: Buffer, bytesRead: number): boolean {
		if (bytesRead === 0) {
			return true;
		}

		this.#chunks.push(chunk.subarray(0, bytesRead));
		this.#length += bytesRead;
		if (this.#length > this.maxBytes) {
			throw new FileTooLargeError(this.path, this.maxBytes);
		}

		return false;
	}

	text(): string {
		return Buffer.concat(this.#chunks, this.#length).toString('utf8');
	}
}
