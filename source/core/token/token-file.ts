import {FileTooLargeError, NotRegularFileError, readRegularFile} from '../utils/read-regular-file.js';

/** Raised when the token cannot be had at all: the message names the source, never the token. */
export class TokenError extends Error {
	override name = 'TokenError';

	/** @param reason The short why, for a screen ("permission denied", "the first line is blank"). */
	constructor(message: string, readonly reason: string = message) {
		super(message);
	}
}

/** A token must fit in an Authorization header and a URL query: printable ASCII without spaces. */
export function isTokenShaped(token: string): boolean {
	return /^[\u0021-\u007E]+$/.test(token);
}

const fileErrorWords: Readonly<Record<string, string>> = {ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a directory'};

function whyUnreadable(error: unknown): string {
	if (error instanceof NotRegularFileError) {
		return `it is ${error.kind}, not a regular file`;
	}

	if (error instanceof FileTooLargeError) {
		return 'it is far too large to be a token file';
	}

	const {code} = error as NodeJS.ErrnoException;
	return (code === undefined ? undefined : fileErrorWords[code]) ?? code ?? 'unreadable';
}

/** The first line of the file, trimmed (a leading "Bearer " is ignored); a TokenError that says why when there is no token. */
export async function readTokenFile(path: string): Promise<string> {
	let text: string;
	try {
		text = await readRegularFile(path);
	} catch (error) {
		const why = whyUnreadable(error);
		throw new TokenError(`cannot read token file ${path}: ${why}`, why);
	}

	if (text.trim() === '') {
		throw new TokenError(`token file ${path} is empty`, 'the file is empty');
	}

	const token = (text.split(/\r?\n/, 1)[0] ?? '').trim().replace(/^bearer\s+/i, '');
	if (token === '') {
		const why = 'the first line is blank (the token must be on the first line)';
		throw new TokenError(`token file ${path}: ${why}`, why);
	}

	if (!isTokenShaped(token)) {
		const why = 'the first line is not a single token (printable ASCII, no spaces)';
		throw new TokenError(`token file ${path}: ${why}`, why);
	}

	return token;
}
