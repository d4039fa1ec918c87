import type {Buffer} from 'node:buffer';
import WebSocket from 'ws';
import {pollUntil} from './processes.js';

/*
The V8 heap of another process, as its own garbage collector leaves it: the process runs with
NODE_OPTIONS=--inspect=127.0.0.1:<port> (nothing else changes in how it is started), and the
benchmark asks it over the DevTools protocol to collect garbage (HeapProfiler.collectGarbage, a full
collection), then for the heap in use (Runtime.getHeapUsage).
*/

export class Inspector {
	/** Connects to the process listening for an inspector on `port` (waits until it does). */
	static async connect(port: number): Promise<Inspector> {
		const {value: url} = await pollUntil(async () => {
			try {
				const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json() as Array<{webSocketDebuggerUrl?: string}>;
				return targets[0]?.webSocketDebuggerUrl;
			} catch {
				return undefined;
			}
		}, {what: `the inspector on port ${port}`, timeoutMs: 20_000, intervalMs: 100});
		const socket = new WebSocket(url);
		await new Promise<void>((resolve, reject) => {
			socket.once('open', () => {
				resolve();
			});
			socket.once('error', reject);
		});
		return new Inspector(socket);
	}

	#nextId = 1;
	readonly #waiting = new Map<number, {resolve: (result: unknown) => void; reject: (error: Error) => void}>();

	private constructor(readonly socket: WebSocket) {
		socket.on('message', (data: Buffer) => {
			const message = JSON.parse(data.toString('utf8')) as {id?: number; result?: unknown; error?: {message: string}};
			const waiter = message.id === undefined ? undefined : this.#waiting.get(message.id);
			if (!waiter) {
				return;
			}

			this.#waiting.delete(message.id!);
			if (message.error) {
				waiter.reject(new Error(message.error.message));
			} else {
				waiter.resolve(message.result);
			}
		});
	}

	async call(method: string, parameters: Record<string, unknown> = {}): Promise<unknown> {
		const id = this.#nextId++;
		const answer = new Promise<unknown>((resolve, reject) => {
			this.#waiting.set(id, {resolve, reject});
		});
		this.socket.send(JSON.stringify({id, method, params: parameters}));
		return answer;
	}

	/** The heap in use after two full collections, in MiB. */
	async heapAfterGcMb(): Promise<number> {
		await this.call('HeapProfiler.collectGarbage');
		await this.call('HeapProfiler.collectGarbage');
		const {usedSize} = await this.call('Runtime.getHeapUsage') as {usedSize: number};
		return usedSize / (1024 * 1024);
	}

	close(): void {
		this.socket.close();
	}
}
