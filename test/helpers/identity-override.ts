import {request} from 'node:http';
import {connect} from 'node:net';
import {startHttpServer} from './http-server.js';

export type IdentityOverride = {
	readonly url: string;
	/** What `GET /v2/devices/me` answers instead of the emulator's identity; undefined passes it through. */
	answer: {readonly status: number; readonly body: unknown} | undefined;
	/** Identity requests answered with the override. */
	readonly overridden: number;
};

/**
A loopback stand-in in front of the emulator for identity answers it does not give (a 500): every
other request, websocket upgrades included, goes through to the emulator unchanged. Closed by
`closeHttpServers()`.
*/
export async function startIdentityOverride(emulatorUrl: string, answer?: {status: number; body: unknown}): Promise<IdentityOverride> {
	const target = new URL(emulatorUrl);
	const port = Number(target.port);
	const state = {answer, overridden: 0};
	const {url, server} = await startHttpServer((incoming, outgoing) => {
		if (incoming.url?.startsWith('/v2/devices/me') && state.answer) {
			state.overridden++;
			outgoing.writeHead(state.answer.status, {'content-type': 'application/json'});
			outgoing.end(JSON.stringify(state.answer.body));
			incoming.resume();
			return;
		}

		const upstream = request({host: target.hostname, port, method: incoming.method, path: incoming.url, headers: incoming.headers}, response => {
			outgoing.writeHead(response.statusCode ?? 502, response.headers);
			response.pipe(outgoing);
		});
		upstream.on('error', () => {
			outgoing.destroy();
		});
		incoming.pipe(upstream);
	});
	server.on('upgrade', (incoming, socket, head) => {
		const upstream = connect(port, target.hostname, () => {
			const lines = [`${incoming.method ?? 'GET'} ${incoming.url ?? '/'} HTTP/1.1`];
			for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
				lines.push(`${incoming.rawHeaders[index]!}: ${incoming.rawHeaders[index + 1]!}`);
			}

			upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
			upstream.write(head);
			socket.pipe(upstream).pipe(socket);
		});
		const end = () => {
			socket.destroy();
			upstream.destroy();
		};

		upstream.on('error', end);
		socket.on('error', end);
		upstream.on('close', end);
		socket.on('close', end);
	});
	return {
		url,
		get answer() {
			return state.answer;
		},
		set answer(value) {
			state.answer = value;
		},
		get overridden() {
			return state.overridden;
		},
	};
}
