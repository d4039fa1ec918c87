import {Buffer} from 'node:buffer';
import {WebSocket} from 'ws';

export type Frame = {readonly text: string; readonly binary: boolean};
export type CloseInfo = {readonly code: number; readonly reason: string};

export type ConnectOutcome =
	| {readonly kind: 'open'; readonly socket: TestSocket}
	| {readonly kind: 'rejected'; readonly status: number}
	| {readonly kind: 'error'; readonly message: string};

const open = new Set<TestSocket>();

type Waiter = {
	readonly match: (frame: Frame) => boolean;
	readonly resolve: (frame: Frame) => void;
	readonly reject: (error: Error) => void;
	readonly timer: NodeJS.Timeout;
};

/**
A `ws` client for tests: queues every frame so a test can `await next()` / `nextMatching()`
instead of sleeping, and exposes the close as a promise. `closeAllTestSockets()` in afterEach.
*/
export class TestSocket {
	/** Connects; resolves once open, or with the HTTP status of a refused upgrade, or the error. */
	static async connect(url: string): Promise<ConnectOutcome> {
		const ws = new WebSocket(url);
		return new Promise(resolve => {
			ws.once('open', () => {
				ws.removeAllListeners('error');
				ws.on('error', () => undefined);
				resolve({kind: 'open', socket: new TestSocket(ws)});
			});
			ws.once('unexpected-response', (request, response) => {
				resolve({kind: 'rejected', status: response.statusCode ?? 0});
				response.resume();
				request.destroy();
			});
			ws.on('error', error => {
				resolve({kind: 'error', message: error.message});
			});
		});
	}

	/** Connects and insists on success. */
	static async open(url: string): Promise<TestSocket> {
		const outcome = await TestSocket.connect(url);
		if (outcome.kind !== 'open') {
			throw new Error(`expected the socket to open, got ${JSON.stringify(outcome)}`);
		}

		return outcome.socket;
	}

	readonly closed: Promise<CloseInfo>;
	readonly #queue: Frame[] = [];
	readonly #waiters: Waiter[] = [];

	private constructor(readonly ws: WebSocket) {
		open.add(this);
		this.closed = new Promise(resolve => {
			ws.on('close', (code, reason) => {
				open.delete(this);
				for (const waiter of this.#waiters.splice(0)) {
					clearTimeout(waiter.timer);
					waiter.reject(new Error(`socket closed (${code} ${reason.toString()}) while waiting for a frame`));
				}

				resolve({code, reason: reason.toString()});
			});
		});
		ws.on('message', (data, binary) => {
			const text = Array.isArray(data) ? Buffer.concat(data).toString() : Buffer.from(data as Buffer).toString();
			this.#deliver({text, binary});
		});
	}

	get queued(): number {
		return this.#queue.length;
	}

	send(data: string | Buffer): void {
		this.ws.send(data);
	}

	sendJson(message: unknown): void {
		this.ws.send(JSON.stringify(message));
	}

	async next(timeoutMs = 3000): Promise<Frame> {
		return this.nextMatching(() => true, timeoutMs);
	}

	/** The next frame, parsed as JSON. */
	async nextJson(timeoutMs = 3000): Promise<Record<string, unknown>> {
		const frame = await this.next(timeoutMs);
		return JSON.parse(frame.text) as Record<string, unknown>;
	}

	/** The first queued or future frame matching; frames before it are discarded. */
	async nextMatching(match: (frame: Frame) => boolean, timeoutMs = 3000): Promise<Frame> {
		while (this.#queue.length > 0) {
			const frame = this.#queue.shift()!;
			if (match(frame)) {
				return frame;
			}
		}

		if (this.ws.readyState === WebSocket.CLOSED) {
			throw new Error('socket is closed');
		}

		return new Promise<Frame>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.#waiters.splice(this.#waiters.findIndex(waiter => waiter.timer === timer), 1);
				reject(new Error(`no matching frame within ${timeoutMs} ms`));
			}, timeoutMs);
			this.#waiters.push({match, resolve, reject, timer});
		});
	}

	#deliver(frame: Frame): void {
		const index = this.#waiters.findIndex(candidate => candidate.match(frame));
		const waiter = this.#waiters[index];
		if (waiter) {
			this.#waiters.splice(index, 1);
			clearTimeout(waiter.timer);
			waiter.resolve(frame);
			return;
		}

		// A waiter whose predicate did not match consumes (discards) the frame, like nextMatching.
		if (this.#waiters.length > 0) {
			return;
		}

		this.#queue.push(frame);
	}
}

/** Terminates every test socket still open. */
export async function closeAllTestSockets(): Promise<void> {
	const sockets = [...open];
	for (const socket of sockets) {
		socket.ws.terminate();
	}

	await Promise.all(sockets.map(async socket => socket.closed));
}
