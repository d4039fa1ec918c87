import type {FailureKind} from '../../core/http/request-failure.js';
import type {SocketState} from '../../core/socket/socket-types.js';
import type {Direction} from '../../core/socket/traffic.js';

/*
The only label values besides the device's name: fixed sets, spelled out here as records so that a
kind or state added in core fails to compile until it is listed (a label must never grow unbounded).
*/

const failureKindSet: Record<FailureKind, true> = {
	dns: true, refused: true, reset: true, timeout: true, tls: true, network: true, http: true, auth: true, 'rate-limited': true, 'bad-body': true,
};

const socketStateSet: Record<SocketState, true> = {
	idle: true, connecting: true, open: true, joined: true, closed: true, waiting: true, rejected: true, stopped: true,
};

const directionSet: Record<Direction, true> = {in: true, out: true};

/** Why a request failed (source/core/http/request-failure.ts). */
export const failureKinds = Object.keys(failureKindSet) as readonly FailureKind[];

/** An identity fetch's result: ok, or why it failed. */
export type IdentityFetchResult = 'ok' | FailureKind;
export const identityFetchResults: readonly IdentityFetchResult[] = ['ok', ...failureKinds];

export const socketStates = Object.keys(socketStateSet) as readonly SocketState[];

export const directions = Object.keys(directionSet) as readonly Direction[];

/**
The `api` label of the /health series: the API's host (and port), and its path when it has one
(`api.frame.io`, `127.0.0.1:4010`). Bounded: one value per API in the config. A URL that does not
parse (none should) is taken as it is.
*/
export function apiLabel(apiUrl: string): string {
	if (!URL.canParse(apiUrl)) {
		return apiUrl;
	}

	const {host, pathname} = new URL(apiUrl);
	const path = pathname.replace(/\/+$/, '');
	return `${host}${path}`;
}
