import {createServer, type RequestListener, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';

const servers = new Set<Server>();

/** A throwaway loopback HTTP server for answers the emulator does not give (odd bodies). */
export async function startHttpServer(handler: RequestListener): Promise<{url: string; server: Server}> {
	const server = createServer(handler);
	servers.add(server);
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server};
}

/** A loopback port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	await new Promise(resolve => {
		server.close(resolve);
	});
	return port;
}

export async function closeHttpServers(): Promise<void> {
	const all = [...servers];
	servers.clear();
	await Promise.all(all.map(async server => new Promise(resolve => {
		server.closeAllConnections();
		server.close(resolve);
	})));
}
