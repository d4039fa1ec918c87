import {join} from 'node:path';
import type {ClientCredentials} from '../../core/token/token-source.js';
import {isTokenShaped} from '../../core/token/token-file.js';
import {NotRegularFileError, readRegularFileSync} from '../../core/utils/read-regular-file.js';
import {configDirectory} from '../../core/xdg-paths.js';
import {printable} from '../../text/sanitize.js';
import {UsageError} from '../usage-error.js';

/** Where `pair` keeps credentials, and where the monitor looks when no token is configured. */
export function defaultCredentialsPath(env: NodeJS.ProcessEnv): string {
	return join(configDirectory(env), 'credentials.json');
}

/**
The device model's client id and secret: `--client-id`, else FRAMEIO_CLIENT_ID; the secret from
`--client-secret-file PATH` (its first line), else FRAMEIO_CLIENT_SECRET. No flag takes the secret
itself: the process list would show it to everyone on the machine.
*/
export function clientCredentials(flags: {readonly clientId?: string | undefined; readonly clientSecretFile?: string | undefined}, env: NodeJS.ProcessEnv): ClientCredentials {
	const clientId = (flags.clientId ?? env.FRAMEIO_CLIENT_ID)?.trim();
	if (clientId !== undefined && (clientId === '' || !isTokenShaped(clientId))) {
		throw new UsageError(`${flags.clientId === undefined ? 'FRAMEIO_CLIENT_ID' : '--client-id'} must be one word of printable ASCII, got "${printable(clientId)}".`);
	}

	const clientSecret = flags.clientSecretFile === undefined ? env.FRAMEIO_CLIENT_SECRET?.trim() : readSecretFile(flags.clientSecretFile);
	if (clientSecret !== undefined && (clientSecret === '' || !isTokenShaped(clientSecret))) {
		throw new UsageError(`${flags.clientSecretFile === undefined ? 'FRAMEIO_CLIENT_SECRET' : 'the client secret file'} must hold one word of printable ASCII (it is not shown here).`);
	}

	return {...(clientId === undefined ? {} : {clientId}), ...(clientSecret === undefined ? {} : {clientSecret})};
}

/** The secret file's first line. Read at start, before anything runs, but never blocking: only a regular file is read (a FIFO is refused). */
function readSecretFile(path: string): string {
	let text: string;
	try {
		text = readRegularFileSync(path, 64 * 1024);
	} catch (error) {
		throw new UsageError(`cannot read --client-secret-file ${printable(path)}: ${whyUnreadable(error)}.`);
	}

	return (text.split(/\r?\n/, 1)[0] ?? '').trim();
}

function whyUnreadable(error: unknown): string {
	if (error instanceof NotRegularFileError) {
		return `it is ${error.kind}, not a regular file`;
	}

	const {code} = error as NodeJS.ErrnoException;
	const words: Readonly<Record<string, string>> = {ENOENT: 'no such file', EACCES: 'permission denied', ETOOLARGE: 'it is far too large to hold a secret'};
	return (code === undefined ? undefined : words[code]) ?? code ?? 'unreadable';
}
