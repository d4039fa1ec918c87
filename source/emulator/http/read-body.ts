import {Buffer} from 'node:buffer';
import type {IncomingMessage} from 'node:http';
import {payloadTooLargeBody} from './error-bodies.js';
import {HttpError} from './http-types.js';

export const maxBodyBytes = 1024 * 1024;

/** Past this much the connection is cut instead of drained. */
const drainLimitBytes = 16 * maxBodyBytes;

/**
Reads a request body. A body over `limit` is drained (so the client can read the answer) and
turned into an HttpError 413; a runaway upload is cut.
*/
export async function readBody(request: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		size += buffer.length;
		if (size > drainLimitBytes) {
			request.destroy();
			break;
		}

		if (size <= limit) {
			chunks.push(buffer);
		}
	}

	if (size > limit) {
		throw new HttpError({status: 413, body: payloadTooLargeBody(), headers: {connection: 'close'}});
	}

	return Buffer.concat(chunks);
}
