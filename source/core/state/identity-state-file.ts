import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {StatusUpdate} from '../../protocol/phoenix-message.js';
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

/** An identity request sent, by this process or another sharing the device, before its answer is in. */
export type IdentityRequestClaim = {
	readonly at: number;
	readonly tokenHash: string;
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
	readonly statusEvent?: RememberedEvent;
};

/** What the identity poller needs from wherever the last identity is kept. */
export type IdentityMemory = {
	/** What is kept (empty when there is nothing, or it cannot be read). */
	read(): Promise<DeviceMemory>;
	save(remembered: RememberedIdentity): Promise<void>;
	/** Notes a request about to be sent, so that another process waits for its answer instead of asking too. */
	claim(request: IdentityRequestClaim): Promise<void>;
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

	/** Writes one after another: each reads what the last one (or another process) left, and adds its part. */
	#writing: Promise<void> = Promise.resolve();

	constructor(readonly path: string) {}

	/** The last identity, or undefined when there is none (or it cannot be read). */
	async load(): Promise<RememberedIdentity | undefined> {
		const memory = await this.read();
		return memory.identity;
	}

	async read(): Promise<DeviceMemory> {
		let value: unknown;
		try {
			value = JSON.parse(await readFile(this.path, 'utf8'));
		} catch {
			return {};
		}

		return parseMemory(value);
	}

	async save(remembered: RememberedIdentity): Promise<void> {
		return this.#update({identity: remembered});
	}

	async claim(request: IdentityRequestClaim): Promise<void> {
		return this.#update({lastRequest: request});
	}

	async rememberEvent(event: RememberedEvent): Promise<void> {
		return this.#update({statusEvent: event});
	}

	/** Never resolves before the writes asked for so far are done (the next run reads them). */
	async flushed(): Promise<void> {
		return this.#writing;
	}

	async #update(part: DeviceMemory): Promise<void> {
		const written = this.#write(part, this.#writing);
		this.#writing = settled(written);
		return written;
	}

	/** After the write before it (failed or not): what the file holds now, with `part` in place of its own. */
	async #write(part: DeviceMemory, previous: Promise<void>): Promise<void> {
		await previous;
		const {identity, ...rest} = {...await this.read(), ...part};
		await writeFileAtomic(this.path, `${JSON.stringify({version: formatVersion, ...identity, ...rest}, null, '\t')}\n`, {mode: 0o600});
	}
}

/** Resolves when the promise settles, either way. */
async function settled(promise: Promise<unknown>): Promise<void> {
	try {
		await promise;
	} catch {}
}

function parseMemory(value: unknown): DeviceMemory {
	if (!isRecord(value) || value.version !== formatVersion) {
		return {};
	}

	const identity = parseRemembered(value);
	const lastRequest = isRecord(value.lastRequest) && typeof value.lastRequest.at === 'number' && typeof value.lastRequest.tokenHash === 'string'
		? {at: value.lastRequest.at, tokenHash: value.lastRequest.tokenHash}
		: undefined;
	const event = value.statusEvent;
	const statusEvent = isRecord(event) && isStatusUpdate(event.value) && typeof event.at === 'number' && typeof event.deviceId === 'string'
		? {value: event.value, at: event.at, deviceId: event.deviceId}
		: undefined;
	return {...(identity ? {identity} : {}), ...(lastRequest ? {lastRequest} : {}), ...(statusEvent ? {statusEvent} : {})};
}

function parseRemembered(value: Record<string, unknown>): RememberedIdentity | undefined {
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
	};
}

function isStatusUpdate(value: unknown): value is StatusUpdate {
	return value === 'paused' || value === 'resumed';
}
