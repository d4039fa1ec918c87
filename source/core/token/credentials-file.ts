import {Buffer} from 'node:buffer';
import {stat} from 'node:fs/promises';
import {isRecord} from '../utils/is-record.js';
import {FileTooLargeError, NotRegularFileError, readRegularFile} from '../utils/read-regular-file.js';
import {probeWrite, writeFileAtomic} from '../utils/write-file-atomic.js';

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
	/**
	How many refreshes since pairing (0 for the pair `pair` wrote): of two pairs of one pairing, the one
	with the higher count is the newer. Absent in files an earlier c2c-status wrote (see pair-order.ts).
	*/
	readonly rotation?: number;
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
		text = await readRegularFile(path);
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		if (code === 'ENOENT') {
			throw new CredentialsError(`no credentials file at ${path} (pair the device with c2c-status pair)`, 'missing');
		}

		throw new CredentialsError(`cannot read the credentials file ${path}: ${whyFileFailed(error)}`, 'unreadable');
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
	await writeFileAtomic(path, credentialsDocument(credentials), fileModes);
}

/**
Throws what writing `credentials` would throw now (a full disk, a folder in the file's place), having
written and removed a test file of twice their size (room for longer tokens) beside the file.
*/
export async function probeCredentialsWrite(path: string, credentials: Credentials): Promise<void> {
	await probeWrite(path, Math.max(4096, 2 * Buffer.byteLength(credentialsDocument(credentials))), fileModes);
}

const fileModes = {mode: 0o600, directoryMode: 0o700} as const;

function credentialsDocument(credentials: Credentials): string {
	const {apiUrl, clientId, clientSecret, accessToken, refreshToken, expiresAt, issuedAt, pairedAt, rotation} = credentials;
	const document = {
		version: formatVersion, apiUrl, clientId, ...(clientSecret === undefined ? {} : {clientSecret}), accessToken, refreshToken,
		expiresAt: new Date(expiresAt).toISOString(), issuedAt: new Date(issuedAt).toISOString(), pairedAt: new Date(pairedAt).toISOString(),
		...(rotation === undefined ? {} : {rotation}),
	};
	return `${JSON.stringify(document, null, '\t')}\n`;
}

const errorWords: Readonly<Record<string, string>> = {
	EACCES: 'permission denied', EPERM: 'permission denied', ENOSPC: 'no space left on device', EDQUOT: 'disk quota exceeded',
	EROFS: 'read-only file system', EISDIR: 'a directory is in the way', ENOTDIR: 'a part of the path is not a directory', EIO: 'input/output error',
	ELOOP: 'too many symbolic links', ENOENT: 'no such file',
};

/**
Why a file could not be read or written, in a few words (never a secret: errors name only the path);
`subject` names the file where it is not clear from the sentence ("it is a directory …").
*/
export function whyFileFailed(error: unknown, subject = 'it'): string {
	if (error instanceof NotRegularFileError) {
		return `${subject} is ${error.kind}, not a regular file`;
	}

	if (error instanceof FileTooLargeError) {
		return 'it is far too large to be a credentials file';
	}

	const {code} = error as NodeJS.ErrnoException;
	return (code === undefined ? undefined : errorWords[code]) ?? code ?? 'unreadable';
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
	const rotation = Number.isSafeInteger(value.rotation) && (value.rotation as number) >= 0 ? value.rotation as number : undefined;
	return {
		apiUrl, clientId, ...(clientSecret === undefined ? {} : {clientSecret}), accessToken, refreshToken, expiresAt, issuedAt, pairedAt,
		...(rotation === undefined ? {} : {rotation}),
	};
}
