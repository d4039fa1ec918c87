import {type Buffer} from 'node:buffer';
import type {IncomingHttpHeaders} from 'node:http';
import type {Peer} from '../audit/observation.js';

export type HttpReply = {
	readonly status: number;
	/** Serialized as JSON; undefined sends no body. */
	readonly body?: unknown;
	readonly headers?: Readonly<Record<string, string>>;
};

export type HttpRequest = {
	readonly method: string;
	readonly url: URL;
	readonly headers: IncomingHttpHeaders;
	/** Who sent it (for the audit). */
	readonly peer: Peer;
	/** Reads the whole body (at most 1 MiB, else an HttpError 413). */
	body(): Promise<Buffer>;
};

export type Route = {
	readonly method: 'GET' | 'POST';
	readonly path: string;
	/** Control routes skip the HTTP latency fault: the control plane stays prompt. */
	readonly control?: boolean;
	handle(request: HttpRequest): Promise<HttpReply> | HttpReply;
};

/** Thrown by handlers (and helpers) to answer with a given reply. */
export class HttpError extends Error {
	override name = 'HttpError';
	readonly reply: HttpReply;

	constructor(reply: HttpReply, message = `HTTP ${reply.status}`) {
		super(message);
		this.reply = reply;
	}
}

/** Thrown by the control API for a bad call: an unknown device, no pending code, a bad value. */
export class ControlError extends Error {
	override name = 'ControlError';
	readonly status: number;

	constructor(status: number, message: string) {
		super(message);
		this.status = status;
	}
}
