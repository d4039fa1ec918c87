import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Registry} from 'prom-client';
import {describeError} from '../../core/utils/describe-error.js';

/** The port to suggest for the metrics server (in the range where Prometheus exporters take theirs). */
export const defaultMetricsPort = 9464;

export type MetricsServerOptions = {
	/** The address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 or :: for a Prometheus elsewhere. */
	readonly host: string;
	/** 0 picks a free port. */
	readonly port: number;
	readonly registry: Registry;
};

export type MetricsServer = {
	/** Where Prometheus scrapes: http://<host>:<port>/metrics (the port actually taken). */
	readonly url: string;
	/** Stops listening and ends every connection, kept-alive ones included. */
	close(): Promise<void>;
};

/** Serves `GET /metrics` (and HEAD) in Prometheus' text format; everything else gets 404 (405 for another method). */
export async function startMetricsServer({host, port, registry}: MetricsServerOptions): Promise<MetricsServer> {
	if (!Number.isInteger(port) || port < 0 || port > 65_535) {
		throw new Error(`metrics server: port ${port} is not a port number (0 to 65535)`);
	}

	const server = createServer((request, response) => {
		void respond(registry, request, response);
	});
	await listen(server, host, port);
	const {port: actual} = server.address() as AddressInfo;
	return {
		url: `http://${hostAndPort(host, actual)}/metrics`,
		close: async () => close(server),
	};
}

async function respond(registry: Registry, request: IncomingMessage, response: ServerResponse): Promise<void> {
	const path = (request.url ?? '').split('?', 1)[0];
	if (path !== '/metrics') {
		reply(response, 404, 'not found: the metrics are at /metrics\n');
		return;
	}

	if (request.method !== 'GET' && request.method !== 'HEAD') {
		response.setHeader('allow', 'GET, HEAD');
		reply(response, 405, 'method not allowed: GET /metrics\n');
		return;
	}

	let body: string;
	try {
		body = await registry.metrics();
	} catch (error) {
		reply(response, 500, `the metrics could not be collected: ${describeError(error)}\n`);
		return;
	}

	response.writeHead(200, {'content-type': registry.contentType, 'cache-control': 'no-store'});
	response.end(request.method === 'HEAD' ? undefined : body);
}

function reply(response: ServerResponse, status: number, text: string): void {
	response.writeHead(status, {'content-type': 'text/plain; charset=utf-8'});
	response.end(text);
}

async function listen(server: Server, host: string, port: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const failed = (error: NodeJS.ErrnoException) => {
			// The message says it all (the errno code and address included): a cause would only repeat it.
			reject(new Error(listenErrorMessage(error, host, port)));
		};

		server.once('error', failed);
		server.listen(port, host, () => {
			server.off('error', failed);
			resolve();
		});
	});
}

/** 127.0.0.1:9464, or [::1]:9464 for an IPv6 address. */
function hostAndPort(host: string, port: number): string {
	return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Why listening failed, said plainly, by errno code. */
const listenFailures: Readonly<Record<string, (where: string, host: string) => string>> = {
	EADDRINUSE: where => `${where} is in use already (another monitor or exporter?): choose another port`,
	EACCES: where => `not allowed to listen on ${where} (ports below 1024 need privileges)`,
	EADDRNOTAVAIL: (where, host) => `cannot listen on ${where}: ${host} is not an address of this machine`,
	ENOTFOUND: (where, host) => `cannot listen on ${where}: the host name ${host} cannot be resolved`,
	EAI_AGAIN: (where, host) => `cannot listen on ${where}: the host name ${host} cannot be resolved`,
};

function listenErrorMessage(error: NodeJS.ErrnoException, host: string, port: number): string {
	const where = hostAndPort(host, port);
	const describe = error.code === undefined ? undefined : listenFailures[error.code];
	return `metrics server: ${describe ? describe(where, host) : `cannot listen on ${where}: ${describeError(error)}`}`;
}

async function close(server: Server): Promise<void> {
	if (!server.listening) {
		return;
	}

	const closed = new Promise<void>(resolve => {
		server.close(() => {
			resolve();
		});
	});
	// Prometheus keeps its connection alive between scrapes; close() alone would wait for it.
	server.closeAllConnections();
	await closed;
}
