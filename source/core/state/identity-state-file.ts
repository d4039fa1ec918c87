import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {Identity} from '../identity/identity.js';
import {isRecord} from '../utils/is-record.js';
import {writeFileAtomic} from '../utils/write-file-atomic.js';

/** The last identity fetched for a device, as a later run (or another process) finds it. */
export type RememberedIdentity = {
	readonly identity: Identity;
	readonly problems: readonly string[];
	/** When the request was sent, and when its answer arrived (ms since the epoch). */
	readonly requestedAt: number;
	readonly fetchedAt: number;
	/** A short hash of the access token it was fetched with: Frame.io's 60 s window is counted per token. */
	readonly tokenHash: string;
};

/** What the identity poller needs from wherever the last identity is kept. */
export type IdentityMemory = {
	/** The last identity, or undefined when there is none (or it cannot be read). */
	load(): Promise<RememberedIdentity | undefined>;
	save(remembered: RememberedIdentity): Promise<void>;
};

const formatVersion = 1;

/**
One small JSON file per device under the state directory, so that Frame.io's rules hold across
restarts and across processes (a monitor and a `check` from cron): the 60 s identity window, and the
device id that lets the socket join at once. It never holds a token; its name is a hash of the API
URL and of where the token comes from.
*/
export class IdentityStateFile implements IdentityMemory {
	/** The file for a device, identified by its API and by where its token comes from (a path, or a hash of the token). */
	static forDevice(directory: string, apiUrl: string, tokenOrigin: string): IdentityStateFile {
		const key = createHash('sha256').update(`${apiUrl}\n${tokenOrigin}`).digest('hex').slice(0, 24);
		return new IdentityStateFile(join(directory, `device-${key}.json`));
	}

	constructor(readonly path: string) {}

	async load(): Promise<RememberedIdentity | undefined> {
		let text: string;
		try {
			text = await readFile(this.path, 'utf8');
		} catch {
			return undefined;
		}

		try {
			return parseRemembered(JSON.parse(text));
		} catch {
			return undefined;
		}
	}

	async save(remembered: RememberedIdentity): Promise<void> {
		await writeFileAtomic(this.path, `${JSON.stringify({version: formatVersion, ...remembered}, null, '\t')}\n`, {mode: 0o600});
	}
}

/** A short, one-way fingerprint of a token: enough to tell two tokens apart, useless to anyone who reads it. */
export function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

function parseRemembered(value: unknown): RememberedIdentity | undefined {
	if (!isRecord(value) || value.version !== formatVersion || !isRecord(value.identity)) {
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
	};
}
