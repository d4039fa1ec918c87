import {isIdentityStatus} from '../../protocol/phoenix-message.js';
import {isRecord} from '../utils/is-record.js';

/** What `GET /v2/devices/me` tells about the device, reduced to what the monitor shows. */
export type Identity = {
	readonly id: string;
	readonly name: string | null;
	readonly projectId: string | null;
	readonly projectName: string | null;
	/** Authorization.creator.name: who paired the device. */
	readonly creatorName: string | null;
	/** Authorization.expires_at: ISO 8601, or null when the connection never expires. */
	readonly expiresAt: string | null;
	/** The raw status: online, offline or paused. Shown only as a detail; see derive-status. */
	readonly status: string | null;
};

export type ParsedIdentity =
	| {readonly ok: true; readonly identity: Identity; readonly problems: readonly string[]}
	| {readonly ok: false; readonly problems: readonly string[]};

/**
Validates the identity document field by field. Only `id` is essential (the socket's topic needs
it); every other missing or ill-typed field is reported as a problem and shown as unknown.
*/
export function parseIdentity(body: unknown): ParsedIdentity {
	if (!isRecord(body)) {
		return {ok: false, problems: [`body is ${body === undefined ? 'missing' : describe(body)}, not a JSON object`]};
	}

	const problems: string[] = [];
	const read = (path: string, value: unknown, nullable = false): string | null => {
		if (typeof value === 'string') {
			return value;
		}

		if (value === null && nullable) {
			return null;
		}

		problems.push(value === undefined ? `${path} is missing` : `${path} is ${describe(value)}, not a string`);
		return null;
	};

	const id = read('id', body.id);
	if (id === null || id.trim() === '') {
		if (id !== null) {
			problems.push('id is empty');
		}

		return {ok: false, problems};
	}

	const project = objectAt('project', body.project, problems);
	const authorization = objectAt('authorization', body.authorization, problems);
	const creator = authorization ? objectAt('authorization.creator', authorization.creator, problems) : undefined;
	const status = read('status', body.status);
	if (status !== null && !isIdentityStatus(status)) {
		problems.push(`status "${status}" is not one of online, offline, paused`);
	}

	const expiresAt = authorization ? read('authorization.expires_at', authorization.expires_at, true) : null;
	if (expiresAt !== null && Number.isNaN(Date.parse(expiresAt))) {
		problems.push(`authorization.expires_at "${expiresAt}" is not a date`);
	}

	return {
		ok: true,
		problems,
		identity: {
			id,
			name: read('name', body.name),
			projectId: project ? read('project.id', project.id) : null,
			projectName: project ? read('project.name', project.name) : null,
			creatorName: creator ? read('authorization.creator.name', creator.name) : null,
			expiresAt,
			status,
		},
	};
}

function objectAt(path: string, value: unknown, problems: string[]): Record<string, unknown> | undefined {
	if (isRecord(value)) {
		return value;
	}

	problems.push(value === undefined ? `${path} is missing` : `${path} is ${describe(value)}, not an object`);
	return undefined;
}

function describe(value: unknown): string {
	if (value === null) {
		return 'null';
	}

	if (Array.isArray(value)) {
		return 'an array';
	}

	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
