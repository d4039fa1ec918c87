import {readFile, stat} from 'node:fs/promises';
import {isRecord} from '../utils/is-record.js';
import {writeFileAtomic} from '../utils/write-file-atomic.js';

/**
What `c2c-status pair` leaves for the monitor: everything it needs to keep the device's tokens alive
with no one at the keyboard. Every field is a secret or next to one, so the file is written with mode
0600 and replaced atomically.
*/
export type Credentials = {
	/** The API the tokens belong to (without a trailing slash). */
	readonly apiUrl: string;
	readonly clientId: string;
	/** The device model's secret; refreshing needs it, so the file keeps it unless it comes from elsewhere. */
	readonly clientSecret?: string;
	readonly accessToken: string;
	readonly refreshToken: string;
	/** When the access token expires, and when it was issued (ms since the epoch). */
	readonly expiresAt: number;
	readonly issuedAt: number;
	/** When the device was paired (the first token pair). */
	readonly pairedAt: number;
};

/** The credentials file is missing, unreadable, or not what `pair` writes. Never names a secret. */
export class CredentialsError extends Error {
	override name = 'CredentialsError';

	constructor(message: string, readonly code: 'missing' | 'unreadable' | 'malformed') {
		super(message);
	}
}

const formatVersion = 1;

export async function readCredentials(path: string): Promise<Credentials> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		if (code === 'ENOENT') {
			throw new CredentialsError(`no credentials file at ${path} (pair the device with c2c-status pair)`, 'missing');
		}

		throw new CredentialsError(`cannot read the credentials file ${path}: ${code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable')}`, 'unreadable');
	}

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new CredentialsError(`the credentials file ${path} is not JSON`, 'malformed');
	}

	const credentials = parseCredentials(value);
	if (!credentials) {
		throw new CredentialsError(`the credentials file ${path} is not one that c2c-status pair writes`, 'malformed');
	}

	return credentials;
}

export async function writeCredentials(path: string, credentials: Credentials): Promise<void> {
	const {apiUrl, clientId, clientSecret, accessToken, refreshToken, expiresAt, issuedAt, pairedAt} = credentials;
	const document = {
		version: formatVersion, apiUrl, clientId, ...(clientSecret === undefined ? {} : {clientSecret}), accessToken, refreshToken,
		expiresAt: new Date(expiresAt).toISOString(), issuedAt: new Date(issuedAt).toISOString(), pairedAt: new Date(pairedAt).toISOString(),
	};
	await writeFileAtomic(path, `${JSON.stringify(document, null, '\t')}\n`, {mode: 0o600});
}

/** True when the file may be read by anyone but its owner (group or others have any permission). */
export async function readableByOthers(path: string): Promise<boolean> {
	try {
		const {mode} = await stat(path);
		return mode % 0o100 !== 0;
	} catch {
		return false;
	}
}

function parseCredentials(value: unknown): Credentials | undefined {
	if (!isRecord(value) || value.version !== formatVersion) {
		return undefined;
	}

	const text = (key: string) => typeof value[key] === 'string' && value[key] !== '' ? value[key] : undefined;
	const time = (key: string) => {
		const parsed = typeof value[key] === 'string' ? Date.parse(value[key]) : Number.NaN;
		return Number.isNaN(parsed) ? undefined : parsed;
	};

	const [apiUrl, clientId, accessToken, refreshToken] = [text('apiUrl'), text('clientId'), text('accessToken'), text('refreshToken')];
	const [expiresAt, issuedAt, pairedAt] = [time('expiresAt'), time('issuedAt'), time('pairedAt')];
	if (!apiUrl || !clientId || !accessToken || !refreshToken || expiresAt === undefined || issuedAt === undefined || pairedAt === undefined) {
		return undefined;
	}

	const clientSecret = text('clientSecret');
	return {apiUrl, clientId, ...(clientSecret === undefined ? {} : {clientSecret}), accessToken, refreshToken, expiresAt, issuedAt, pairedAt};
}
