import {Buffer} from 'node:buffer';
import WebSocket from 'ws';
import type {Clock, TimerHandle} from '../clock.js';
import {errorBodyMessage} from '../http/error-body.js';

/** How one connection ended. */
export type ConnectionEnd = {
	readonly code: number;
	readonly reason: string;
	readonly by: 'server' | 'client' | 'network';
	/** Set when the server answered the upgrade with an HTTP status instead of 101. */
	readonly httpStatus?: number;
	readonly httpMessage?: string;
};

export type SocketConnectionOptions = {
	readonly url: string;
	readonly clock: Clock;
	readonly handshakeTimeoutMs: number;
	readonly maxPayloadBytes: number;
	readonly onOpen: () => void;
	readonly onMessage: (data: Buffer, isBinary: boolean) => void;
	readonly onError: (message: string) => void;
	readonly onEnd: (end: ConnectionEnd) => void;
};

/**
One websocket connection attempt, from the upgrade to the close: the transport only. It reads the
status of a refused upgrade (ws's 'unexpected-response'), cuts a handshake that takes too long,
and reports exactly one end.
*/
export class SocketConnection {
	readonly #ws: WebSocket;
	readonly #options: SocketConnectionOptions;
	readonly #handshakeTimer: TimerHandle | undefined;
	#clientReason: string | undefined;
	#httpStatus: number | undefined;
	#httpMessage: string | undefined;
	#lastError: string | undefined;
	#ended = false;

	constructor(options: SocketConnectionOptions) {
		this.#options = options;
		const ws = new WebSocket(options.url, {perMessageDeflate: false, maxPayload: options.maxPayloadBytes, followRedirects: false});
		this.#ws = ws;
		this.#handshakeTimer = options.clock.setTimeout(() => {
			this.terminate('opening handshake timed out');
		}, options.handshakeTimeoutMs);
		ws.on('unexpected-response', (_request, response) => {
			this.#httpStatus = response.statusCode ?? 0;
			let text = '';
			response.on('data', (chunk: Buffer) => {
				text += text.length < 4096 ? chunk.toString('utf8') : '';
			});
			response.on('end', () => {
				this.#httpMessage = errorBodyMessage(parseJson(text)) ?? (text.trim().slice(0, 200) || undefined);
				ws.terminate();
			});
			response.on('error', () => {
				ws.terminate();
			});
		});
		ws.on('open', () => {
			options.clock.clearTimeout(this.#handshakeTimer);
			if (!this.#ended) {
				options.onOpen();
			}
		});
		ws.on('message', (data, isBinary) => {
			if (!this.#ended) {
				options.onMessage(toBuffer(data), isBinary);
			}
		});
		ws.on('error', error => {
			this.#lastError = error.message;
			if (!this.#ended) {
				options.onError(error.message);
			}
		});
		ws.on('close', (code, reason) => {
			this.#end(code, reason.toString('utf8'));
		});
	}

	get isOpen(): boolean {
		return this.#ws.readyState === WebSocket.OPEN;
	}

	send(text: string): void {
		if (this.isOpen) {
			this.#ws.send(text);
		}
	}

	/** Cut the connection at once, without a close handshake (a dead link, a handshake timeout). */
	terminate(reason: string): void {
		this.#clientReason ??= reason;
		this.#ws.terminate();
	}

	/** Close with 1000 and wait for the handshake; cut it if the server takes over a second. */
	async close(reason: string): Promise<void> {
		this.#clientReason ??= reason;
		if (this.#ws.readyState === WebSocket.CLOSED) {
			return;
		}

		await new Promise<void>(resolve => {
			const cut = setTimeout(() => {
				this.#ws.terminate();
			}, 1000);
			this.#ws.once('close', () => {
				clearTimeout(cut);
				resolve();
			});
			if (this.isOpen) {
				this.#ws.close(1000, reason.slice(0, 120));
			} else {
				this.#ws.terminate();
			}
		});
	}

	#end(code: number, reason: string): void {
		if (this.#ended) {
			return;
		}

		this.#ended = true;
		this.#options.clock.clearTimeout(this.#handshakeTimer);
		let end: ConnectionEnd;
		if (this.#httpStatus !== undefined) {
			const message = this.#httpMessage;
			end = {code, reason: `HTTP ${this.#httpStatus}${message ? `: ${message}` : ''}`, by: 'server', httpStatus: this.#httpStatus, ...(message ? {httpMessage: message} : {})};
		} else if (this.#clientReason !== undefined) {
			end = {code, reason: this.#clientReason, by: 'client'};
		} else if (code === 1006) {
			end = {code, reason: this.#lastError ?? 'connection lost without a close frame', by: 'network'};
		} else {
			end = {code, reason, by: 'server'};
		}

		this.#options.onEnd(end);
	}
}

function toBuffer(data: WebSocket.RawData): Buffer {
	if (Buffer.isBuffer(data)) {
		return data;
	}

	return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}
