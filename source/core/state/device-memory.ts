import type {StatusUpdate} from '../../protocol/phoenix-message.js';
import type {Identity} from '../identity/identity.js';
import type {FailureKind} from '../http/request-failure.js';
import {isRecord} from '../utils/is-record.js';

/** Which process wrote a part of the file: another one still running, or the last run, tells them apart. */
export type Writer = {
	readonly pid: number;
	/** Written by `c2c-status pair` right after pairing: there was no last run. */
	readonly pairing?: boolean;
};

/** The last identity fetched for a device, as a later run (or another process) finds it. */
export type RememberedIdentity = {
	readonly identity: Identity;
	readonly problems: readonly string[];
	/** When the request was sent, and when its answer arrived (ms since the epoch). */
	readonly requestedAt: number;
	readonly fetchedAt: number;
	/** A short hash of the access token it was fetched with: Frame.io's 60 s window is counted per token. */
	readonly tokenHash: string;
	/** Who fetched it (absent in files written before it was kept). */
	readonly by?: Writer;
};

/** The last identity request that failed, so that another process reports it instead of asking again within the window. */
export type RememberedFailure = {
	readonly kind: FailureKind;
	readonly status?: number;
	readonly message: string;
	/** A 429 asked for this long before the next try. */
	readonly retryAfterMs?: number;
	readonly requestedAt: number;
	/** When the answer (or the deadline) came. */
	readonly at: number;
	readonly tokenHash: string;
	readonly by?: Writer;
};

/** An identity request about to be sent, by this process or another sharing the device, before its answer is in. */
export type IdentityRequestClaim = {
	readonly at: number;
	readonly tokenHash: string;
	readonly by?: Writer;
};

/** The newest `status_updated` event seen on the device's channel, for the next run. */
export type RememberedEvent = {
	readonly value: StatusUpdate;
	readonly at: number;
	readonly deviceId: string;
};

/** Everything the file keeps for a device; each part may be missing. */
export type DeviceMemory = {
	readonly identity?: RememberedIdentity;
	/** The newest identity request sent: Frame.io counts it from when it arrives, answered or not. */
	readonly lastRequest?: IdentityRequestClaim;
	/** The newest failed identity request (older than `identity` once one succeeds again). */
	readonly lastFailure?: RememberedFailure;
	readonly statusEvent?: RememberedEvent;
};

export const memoryFormatVersion = 1;

/** The file's JSON: the identity's fields at the top (as files before version 1.1 had them), the rest by name. */
export function serializeMemory(memory: DeviceMemory): string {
	const {identity, ...rest} = memory;
	return `${JSON.stringify({version: memoryFormatVersion, ...identity, ...rest}, null, '\t')}\n`;
}

export function parseMemory(value: unknown): DeviceMemory {
	if (!isRecord(value) || value.version !== memoryFormatVersion) {
		return {};
	}

	const identity = parseIdentity(value);
	const lastRequest = isRecord(value.lastRequest) && typeof value.lastRequest.at === 'number' && typeof value.lastRequest.tokenHash === 'string'
		? {at: value.lastRequest.at, tokenHash: value.lastRequest.tokenHash, ...writerOf(value.lastRequest)}
		: undefined;
	const lastFailure = parseFailure(value.lastFailure);
	const event = value.statusEvent;
	const statusEvent = isRecord(event) && isStatusUpdate(event.value) && typeof event.at === 'number' && typeof event.deviceId === 'string'
		? {value: event.value, at: event.at, deviceId: event.deviceId}
		: undefined;
	return {
		...(identity ? {identity} : {}), ...(lastRequest ? {lastRequest} : {}), ...(lastFailure ? {lastFailure} : {}), ...(statusEvent ? {statusEvent} : {}),
	};
}

function parseIdentity(value: Record<string, unknown>): RememberedIdentity | undefined {
	if (!isRecord(value.identity)) {
		return undefined;
	}

	const {identity, problems, requestedAt, fetchedAt} = value;
	if (typeof identity.id !== 'string' || identity.id === '' || typeof requestedAt !== 'number' || typeof fetchedAt !== 'number' || typeof value.tokenHash !== 'string') {
		return undefined;
	}

	const text = (key: string): string | null => typeof identity[key] === 'string' ? identity[key] : null;
	return {
		identity: {
			id: identity.id, name: text('name'), projectId: text('projectId'), projectName: text('projectName'),
			creatorName: text('creatorName'), expiresAt: text('expiresAt'), status: text('status'),
		},
		problems: Array.isArray(problems) ? problems.filter((problem): problem is string => typeof problem === 'string') : [],
		requestedAt,
		fetchedAt,
		tokenHash: value.tokenHash,
		...writerOf(value),
	};
}

const failureKinds = new Set<string>(['dns', 'refused', 'reset', 'timeout', 'tls', 'network', 'http', 'auth', 'rate-limited', 'bad-body']);

function parseFailure(value: unknown): RememberedFailure | undefined {
	if (!isRecord(value) || typeof value.kind !== 'string' || !failureKinds.has(value.kind) || typeof value.message !== 'string'
		|| typeof value.requestedAt !== 'number' || typeof value.at !== 'number' || typeof value.tokenHash !== 'string') {
		return undefined;
	}

	return {
		kind: value.kind as FailureKind, message: value.message, requestedAt: value.requestedAt, at: value.at, tokenHash: value.tokenHash,
		...(typeof value.status === 'number' ? {status: value.status} : {}),
		...(typeof value.retryAfterMs === 'number' ? {retryAfterMs: value.retryAfterMs} : {}),
		...writerOf(value),
	};
}

function writerOf(value: Record<string, unknown>): {by?: Writer} {
	const {by} = value;
	if (!isRecord(by) || typeof by.pid !== 'number') {
		return {};
	}

	return {by: {pid: by.pid, ...(by.pairing === true ? {pairing: true} : {})}};
}

function isStatusUpdate(value: unknown): value is StatusUpdate {
	return value === 'paused' || value === 'resumed';
}
