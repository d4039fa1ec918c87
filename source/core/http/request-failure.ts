import {describeError} from '../utils/describe-error.js';

/** Why an HTTP request to Frame.io did not give a usable answer. */
export type FailureKind =
	| 'dns'
	| 'refused'
	| 'reset'
	| 'timeout'
	| 'tls'
	| 'network'
	| 'http'
	| 'auth'
	| 'rate-limited'
	| 'bad-body';

export type RequestFailure = {
	readonly kind: FailureKind;
	readonly message: string;
	readonly status?: number;
};

/** Thrown into a request's signal when our own deadline passes. */
export class RequestTimeoutError extends Error {
	override name = 'RequestTimeoutError';
	constructor(readonly timeoutMs: number) {
		super(`no answer within ${timeoutMs / 1000} s`);
	}
}

const codeKinds: Record<string, FailureKind> = {
	ENOTFOUND: 'dns',
	EAI_AGAIN: 'dns',
	EAI_FAIL: 'dns',
	EAI_NONAME: 'dns',
	ECONNREFUSED: 'refused',
	ECONNRESET: 'reset',
	EPIPE: 'reset',
	UND_ERR_SOCKET: 'reset',
	UND_ERR_CLOSED: 'reset',
	ETIMEDOUT: 'timeout',
	UND_ERR_CONNECT_TIMEOUT: 'timeout',
	UND_ERR_HEADERS_TIMEOUT: 'timeout',
	UND_ERR_BODY_TIMEOUT: 'timeout',
	EHOSTUNREACH: 'network',
	ENETUNREACH: 'network',
	ENETDOWN: 'network',
};

const kindWords: Record<FailureKind, string> = {
	dns: 'DNS lookup failed',
	refused: 'connection refused',
	reset: 'connection reset',
	timeout: 'timed out',
	tls: 'TLS error',
	network: 'network unreachable',
	http: 'HTTP error',
	auth: 'not authorized',
	'rate-limited': 'rate limited',
	'bad-body': 'unexpected response body',
};

/** Turns whatever fetch threw (undici's "fetch failed" and its cause, or our timeout) into a kind and a plain message. */
export function classifyRequestError(error: unknown): RequestFailure {
	if (error instanceof RequestTimeoutError) {
		return {kind: 'timeout', message: error.message};
	}

	const code = findCode(error);
	if (code) {
		const kind = codeKinds[code] ?? (/CERT|TLS|SSL/.test(code) ? 'tls' : 'network');
		return {kind, message: `${kindWords[kind]} (${code})`};
	}

	return {kind: 'network', message: describeError(error)};
}

/** A plain description of a failure kind, for messages. */
export function describeKind(kind: FailureKind): string {
	return kindWords[kind];
}

function findCode(error: unknown, depth = 0): string | undefined {
	if (depth > 4 || typeof error !== 'object' || error === null) {
		return undefined;
	}

	const record = error as {code?: unknown; cause?: unknown; errors?: unknown};
	if (typeof record.code === 'string' && record.code !== 'ERR_INVALID_STATE' && record.code !== 'ABORT_ERR') {
		return record.code;
	}

	if (Array.isArray(record.errors)) {
		for (const inner of record.errors) {
			const code = findCode(inner, depth + 1);
			if (code) {
				return code;
			}
		}
	}

	return findCode(record.cause, depth + 1);
}
