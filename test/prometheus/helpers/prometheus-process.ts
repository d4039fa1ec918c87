import {type ChildProcess, spawn} from 'node:child_process';
import {once} from 'node:events';
import {writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {join} from 'node:path';
import {pollUntil} from './poll.js';

export type QueryResult = ReadonlyArray<{readonly metric: Readonly<Record<string, string>>; readonly value: readonly [number, string]}>;

export type RunningPrometheus = {
	/** http://127.0.0.1:<port> */
	readonly url: string;
	/** GET an API path (e.g. /api/v1/rules) and give its `data`; throws unless the answer is a success. */
	api(path: string): Promise<unknown>;
	/** An instant query's vector (scalars come back as one sample with no labels). */
	query(expr: string): Promise<QueryResult>;
};

const running = new Set<ChildProcess>();

/**
Starts a real Prometheus with this configuration, its storage in `directory`, its web listener on a
free port of 127.0.0.1, and waits until it says it is ready. Stopped by `stopAllPrometheus()`.
*/
export async function startPrometheus({config, directory}: {config: string; directory: string}): Promise<RunningPrometheus> {
	const configFile = join(directory, 'prometheus.yml');
	await writeFile(configFile, config);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn('prometheus', [
		`--config.file=${configFile}`,
		`--storage.tsdb.path=${join(directory, 'data')}`,
		`--web.listen-address=127.0.0.1:${port}`,
		'--log.level=warn',
	], {stdio: ['ignore', 'ignore', 'pipe']});
	running.add(child);
	let log = '';
	let spawnError: Error | undefined;
	child.on('error', error => {
		spawnError = error;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		log = `${log}${chunk}`.slice(-4000);
	});
	const state = await pollUntil(async () => {
		if (spawnError !== undefined || child.exitCode !== null) {
			return 'exited';
		}

		const response = await fetch(`${url}/-/ready`);
		return response.ok ? 'ready' : undefined;
	}, 'Prometheus to be ready', {timeoutMs: 30_000});
	if (state === 'exited') {
		throw new Error(`prometheus ${spawnError ? `could not start (${spawnError.message})` : `exited (${String(child.exitCode)})`} before it was ready:\n${log}`);
	}

	const api = async (path: string): Promise<unknown> => {
		const response = await fetch(`${url}${path}`);
		const body = await response.json() as {status: string; data?: unknown; error?: string};
		if (body.status !== 'success') {
			throw new Error(`GET ${path}: ${body.error ?? response.status}`);
		}

		return body.data;
	};

	return {
		url,
		api,
		async query(expr) {
			const data = await api(`/api/v1/query?query=${encodeURIComponent(expr)}`) as {resultType: string; result: unknown};
			if (data.resultType === 'scalar') {
				return [{metric: {}, value: data.result as [number, string]}];
			}

			return data.result as QueryResult;
		},
	};
}

/** For afterEach: stops every Prometheus started here (SIGTERM, SIGKILL after 10 s) and waits for each to exit. */
export async function stopAllPrometheus(): Promise<void> {
	const children = [...running];
	running.clear();
	await Promise.all(children.map(async child => {
		if (child.exitCode !== null || child.signalCode !== null) {
			return;
		}

		const exit = once(child, 'exit');
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exit;
		clearTimeout(timer);
	}));
}

/** A port that was free a moment ago (Prometheus needs a number before it starts). */
async function freePort(): Promise<number> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as {port: number};
	server.close();
	await once(server, 'close');
	return port;
}
