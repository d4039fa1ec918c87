import {Buffer} from 'node:buffer';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {describeError} from '../../core/utils/describe-error.js';
import type {FaultState} from '../control/faults.js';
import type {TimerGroup} from '../timer-group.js';
import {internalErrorBody, methodNotAllowedBody, notFoundBody} from './error-bodies.js';
import {ControlError, HttpError, type HttpReply, type HttpRequest, type Route} from './http-types.js';
import {readBody} from './read-body.js';

export type RouterOptions = {
	readonly routes: readonly Route[];
	readonly faults: FaultState;
	readonly timers: TimerGroup;
	readonly log: (line: string) => void;
};

/**
Dispatches by exact path: unknown path → 404, wrong method → 405 (both with the detailed error
body). Handlers answer with an HttpReply; anything they throw becomes a reply too, never a crash.
Every non-control response waits `httpLatencyMs` (on the clock) under the latency fault.
*/
export function createRequestHandler(options: RouterOptions): (request: IncomingMessage, response: ServerResponse) => void {
	return (request, response) => {
		const url = new URL(request.url ?? '/', 'http://emulator.invalid');
		const candidates = options.routes.filter(route => route.path === url.pathname);
		const route = candidates.find(candidate => candidate.method === request.method);
		const httpRequest: HttpRequest = {
			method: request.method ?? 'GET',
			url,
			headers: request.headers,
			body: async () => readBody(request),
		};

		void respond(route, candidates, httpRequest, response);
	};

	async function respond(route: Route | undefined, candidates: readonly Route[], request: HttpRequest, response: ServerResponse): Promise<void> {
		try {
			const reply = await answer(route, candidates, request);
			const latency = route?.control ? 0 : options.faults.current.httpLatencyMs;
			if (latency > 0) {
				options.timers.set(() => {
					write(response, reply);
				}, latency);
			} else {
				write(response, reply);
			}
		} catch (error) {
			options.log(`${request.method} ${request.url.pathname} could not be answered: ${describeError(error)}`);
			response.destroy();
		}
	}

	async function answer(route: Route | undefined, candidates: readonly Route[], request: HttpRequest): Promise<HttpReply> {
		if (!route) {
			return candidates.length === 0
				? {status: 404, body: notFoundBody()}
				: {status: 405, body: methodNotAllowedBody(), headers: {allow: candidates.map(candidate => candidate.method).join(', ')}};
		}

		try {
			return await route.handle(request);
		} catch (error) {
			if (error instanceof HttpError) {
				return error.reply;
			}

			if (error instanceof ControlError) {
				return {status: error.status, body: {error: error.message}};
			}

			options.log(`${request.method} ${request.url.pathname} failed: ${describeError(error)}`);
			return {status: 500, body: internalErrorBody()};
		}
	}
}

function write(response: ServerResponse, reply: HttpReply): void {
	if (response.headersSent || response.destroyed) {
		return;
	}

	const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
	response.writeHead(reply.status, {
		...(reply.body === undefined ? {} : {'content-type': 'application/json; charset=utf-8'}),
		'content-length': String(Buffer.byteLength(text)),
		...reply.headers,
	});
	response.end(text);
}
