import {Buffer} from 'node:buffer';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {describeError} from '../../core/utils/describe-error.js';
import {peerOf, tokenUse, type AuditSink} from '../audit/emulator-audit.js';
import type {TokenUse} from '../audit/observation.js';
import type {TokenIssuer} from '../auth/token-issuer.js';
import type {FaultState} from '../control/faults.js';
import type {TimerGroup} from '../timer-group.js';
import {bearerFromHeader} from './bearer.js';
import {internalErrorBody, methodNotAllowedBody, notFoundBody} from './error-bodies.js';
import {ControlError, HttpError, type HttpReply, type HttpRequest, type Route} from './http-types.js';
import {readBody} from './read-body.js';

export type RouterOptions = {
	readonly routes: readonly Route[];
	readonly faults: FaultState;
	readonly timers: TimerGroup;
	readonly log: (line: string) => void;
	/** With `--audit`: every request to /v2/* and /health is recorded, with what the token was and the answer's status. */
	readonly audit?: {readonly sink: AuditSink; readonly tokens: TokenIssuer} | undefined;
};

/** The requests the audit judges: Frame.io's API under /v2/, and /health (never the control API). */
function audited(path: string): boolean {
	return path.startsWith('/v2/') || path === '/health';
}

type Arrival = {readonly at: number; readonly auth: TokenUse | undefined};

/** The route for the path and method, and every route for the path (for a 405's Allow). */
type Match = {readonly route: Route | undefined; readonly candidates: readonly Route[]};

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
			peer: peerOf(request),
			body: async () => readBody(request),
		};

		// Stamped on arrival, before the latency fault, with the token as it was then.
		const token = options.audit && audited(url.pathname) ? bearerFromHeader(request.headers.authorization) : undefined;
		const arrival: Arrival | undefined = options.audit && audited(url.pathname)
			? {at: options.timers.now(), auth: token === undefined ? undefined : tokenUse(token, options.audit.tokens.check(token))}
			: undefined;
		void respond({route, candidates}, httpRequest, response, arrival);
	};

	function observe(request: HttpRequest, arrival: Arrival, status: number): void {
		const version = request.headers['x-client-version'];
		options.audit?.sink.record({
			kind: 'http',
			at: arrival.at,
			peer: request.peer,
			method: request.method,
			path: request.url.pathname,
			clientVersion: Array.isArray(version) ? version[0] : version,
			...(arrival.auth ? {auth: arrival.auth} : {}),
			status,
		});
	}

	async function respond({route, candidates}: Match, request: HttpRequest, response: ServerResponse, arrival: Arrival | undefined): Promise<void> {
		try {
			const reply = await answer(route, candidates, request);
			if (arrival) {
				observe(request, arrival, reply.status);
			}

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
