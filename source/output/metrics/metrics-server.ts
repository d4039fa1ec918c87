import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import type {Registry} from 'prom-client';
import {describeError} from '../../core/utils/describe-error.js';

/** The port to suggest for the metrics server (in the range where Prometheus exporters take theirs). */
export const defaultMetricsPort = 9464;

/**
What the server allows a connection, so that idle or slow ones cannot pile up (20,000 idle connections
once took a monitor to its file descriptor limit and 227 MB): Prometheus keeps one connection per target
and sends its scrape at once.
*/
export type ConnectionLimits = {
	/** Connections open at once; one more closes the oldest that has no request under way (or itself). */
	readonly maxConnections: number;
	/** A connection must have sent its request's headers this soon after it opened (or its previous request). */
	readonly headersTimeoutMs: number;
	/** And its whole request this soon. */
	readonly requestTimeoutMs: number;
	/** A kept-alive connection with no new request is closed after this long. */
	readonly keepAliveTimeoutMs: number;
	/** How often the server looks for connections past their time (Node's own default is 30 s). */
	readonly checkIntervalMs: number;
};

export const defaultConnectionLimits: ConnectionLimits = {
	maxConnections: 64,
	headersTimeoutMs: 5000,
	requestTimeoutMs: 10_000,
	keepAliveTimeoutMs: 5000,
	checkIntervalMs: 1000,
};

export type MetricsServerOptions = {
	/** The address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 or :: for a Prometheus elsewhere. */
	readonly host: string;
	/** 0 picks a free port. */
	readonly port: number;
	readonly registry: Registry;
	/** The connection limits (defaultConnectionLimits unless told; tests shorten the times). */
	readonly limits?: Partial<ConnectionLimits>;
};

export type MetricsServer = {
	/** Where Prometheus scrapes: http://<host>:<port>/metrics (the port actually taken). */
	readonly url: string;
	/** Connections open now (for tests). */
	connections(): number;
	/** Stops listening and ends every connection, kept-alive ones included. */
	close(): Promise<void>;
};

/** Serves `GET /metrics` (and HEAD) in Prometheus' text format; everything else gets 404 (405 for another method). */
export async function startMetricsServer({host, port, registry, limits: given}: MetricsServerOptions): Promise<MetricsServer> {
	if (!Number.isInteger(port) || port < 0 || port > 65_535) {
		throw new Error(`metrics server: port ${port} is not a port number (0 to 65535)`);
	}

	const limits = {...defaultConnectionLimits, ...given};
	const server = createServer({
		headersTimeout: limits.headersTimeoutMs,
		requestTimeout: limits.requestTimeoutMs,
		keepAliveTimeout: limits.keepAliveTimeoutMs,
		connectionsCheckingInterval: limits.checkIntervalMs,
	}, (request, response) => {
		void respond(registry, request, response);
	});
	const connections = capConnections(server, limits.maxConnections);
	await listen(server, host, port);
	const {port: actual} = server.address() as AddressInfo;
	return {
		url: `http://${hostAndPort(host, actual)}/metrics`,
		connections: () => connections.size,
		close: async () => close(server),
	};
}

/**
Keeps at most `max` connections: one more closes the oldest that has no request under way (an idle or
half-sent one), so a pile of idle connections cannot keep a scrape out; when every one has a request
under way, the new one is closed instead. Returns the open connections, oldest first.
*/
function capConnections(server: Server, max: number): ReadonlySet<Socket> {
	const open = new Set<Socket>();
	const busy = new WeakSet<Socket>();
	server.on('connection', (socket: Socket) => {
		open.add(socket);
		socket.once('close', () => {
			open.delete(socket);
		});
		if (open.size <= max) {
			return;
		}

		const victim = [...open].find(candidate => !busy.has(candidate)) ?? socket;
		open.delete(victim);
		victim.destroy();
	});
	server.on('request', (request: IncomingMessage, response: ServerResponse) => {
		const {socket} = request;
		busy.add(socket);
		response.once('close', () => {
			busy.delete(socket);
		});
	});
	return open;
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
